/**
 * Where a join's time goes below the page: joins rooms of two as `join.ts` does (Plenary and the
 * bare client in turn) while `tcpdump` captures the UDP between the browsers and Janus, then
 * prints, for each client, the median time after the join click of what crossed the wire on the
 * joiner's subscription (first STUN check each way, first success, who starts DTLS and when its
 * last flight goes, first RTP, first large video packet) and on the publisher it receives from
 * (the keyframe request, the keyframe's first packet), beside the page's own marks. Needs
 * `tcpdump` (Debian's package; not installed by the set-up). Run inside the namespace:
 *
 *   sh e2e/netns.sh node --import tsx bench/join-trace.ts [--rounds=N] [--packets] [--long-tasks]
 *
 * `--packets`: the first STUN and DTLS datagrams of four joiners' subscriptions, each way (what
 * showed the browser's DTLS hello lost when it reached Janus before Janus could take it);
 * `--long-tasks`: each joiner's main-thread tasks over 50 ms.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startPlenary } from '../e2e/harness.js';
import { bareRooms, janusOf, serveBareClient } from './bare-client.js';
import { joinMeasured } from './participants.js';
import { quantile } from './process-usage.js';

/** One UDP packet of the capture: when (epoch ms), ports and the first payload bytes. */
interface Packet {
  at: number;
  from: number;
  to: number;
  length: number;
  payload: Buffer;
}

/** Reads a little-endian pcap of Ethernet frames (Linux loopback) with microsecond stamps. */
function readCapture(file: string): Packet[] {
  const data = readFileSync(file);
  const packets: Packet[] = [];
  let offset = 24;
  while (offset + 16 <= data.length) {
    const seconds = data.readUInt32LE(offset);
    const micros = data.readUInt32LE(offset + 4);
    const captured = data.readUInt32LE(offset + 8);
    const frame = data.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    if (frame.length < 14 + 20 + 8 || frame.readUInt16BE(12) !== 0x0800) continue;
    const ipHeader = (frame[14] ?? 0) & 0x0f;
    if (frame[14 + 9] !== 17) continue;
    const udp = 14 + ipHeader * 4;
    packets.push({
      at: seconds * 1000 + micros / 1000,
      from: frame.readUInt16BE(udp),
      to: frame.readUInt16BE(udp + 2),
      length: frame.readUInt16BE(udp + 4) - 8,
      payload: frame.subarray(udp + 8),
    });
  }
  return packets;
}

type Kind = 'stun-request' | 'stun-success' | 'stun-other' | 'dtls' | 'rtp' | 'rtcp' | 'other';

function kindOf(packet: Packet): Kind {
  const first = packet.payload[0] ?? 255;
  if (first <= 3) {
    const type = packet.payload.readUInt16BE(0);
    return type === 0x0001 ? 'stun-request' : type === 0x0101 ? 'stun-success' : 'stun-other';
  }
  if (first >= 20 && first <= 63) return 'dtls';
  if (first >= 128 && first <= 191) {
    const second = packet.payload[1] ?? 0;
    return second >= 192 && second <= 223 ? 'rtcp' : 'rtp';
  }
  return 'other';
}

/** Whether an RTCP compound packet holds a PLI (payload-specific feedback, format 1). */
function holdsPli(payload: Buffer): boolean {
  let offset = 0;
  while (offset + 4 <= payload.length) {
    const format = (payload[offset] ?? 0) & 0x1f;
    const type = payload[offset + 1];
    if (type === 206 && format === 1) return true;
    offset += (payload.readUInt16BE(offset + 2) + 1) * 4;
  }
  return false;
}

/** The ports of a page's connections, from getStats: the subscriber's and the publishers'. */
async function portsOf(page: Page): Promise<{ subscriber?: [number, number]; publisher?: [number, number] }> {
  return page.evaluate(async () => {
    const result: { subscriber?: [number, number]; publisher?: [number, number] } = {};
    for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (connection.connectionState === 'closed') continue;
      const reports = [...(await connection.getStats()).values()] as Record<string, unknown>[];
      const pair = reports.find((report) => report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded');
      if (!pair) continue;
      const local = reports.find((report) => report.id === pair.localCandidateId);
      const remote = reports.find((report) => report.id === pair.remoteCandidateId);
      const ports: [number, number] = [Number(local?.port), Number(remote?.port)];
      if (reports.some((report) => report.type === 'inbound-rtp' && report.kind === 'video')) result.subscriber = ports;
      else if (reports.some((report) => report.type === 'outbound-rtp' && report.kind === 'video')) result.publisher = ports;
    }
    return result;
  });
}

interface Joiner {
  /** Epoch ms of the join click. */
  click: number;
  marks: Record<string, number>;
  subscriber?: [number, number];
  /** The first participant's publisher (whose camera the joiner receives). */
  source?: [number, number];
}

async function joinPair(browser: Browser, url: (name: string) => string, joiners: Joiner[]): Promise<void> {
  const first = await joinMeasured(browser, url('A'), 'A', false);
  const second = await joinMeasured(browser, url('B'), 'B', true);
  try {
    const longTasks = await second.page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
    const click = second.marks.joinClick ?? 0;
    if (process.argv.includes('--long-tasks'))
      console.log(
        `long tasks (${url('B').includes('/r/') ? 'Plenary' : 'bare'}), first frame at ${((second.marks.firstRemoteFrame ?? 0) - click).toFixed(0)}: ` +
          longTasks.map(([start, duration]) => `${(start - click).toFixed(0)}+${duration.toFixed(0)}`).join(', '),
      );
    const origin = await second.page.evaluate(() => performance.timeOrigin);
    joiners.push({
      click: origin + (second.marks.joinClick ?? 0),
      marks: second.marks,
      subscriber: (await portsOf(second.page)).subscriber,
      source: (await portsOf(first.page)).publisher,
    });
  } finally {
    await second.page.context().close();
    await first.page.context().close();
  }
}

/** What crossed the wire for one joiner, in ms after its click. */
function wireSteps(joiner: Joiner, packets: Packet[]): Record<string, number> {
  const steps: Record<string, number> = {};
  const note = (name: string, at: number) => {
    if (at >= joiner.click - 1_000 && steps[name] === undefined) steps[name] = at - joiner.click;
  };
  const [browserPort, janusPort] = joiner.subscriber ?? [0, 0];
  const [sourcePort, sourceJanusPort] = joiner.source ?? [0, 0];
  for (const packet of packets) {
    if (packet.at < joiner.click - 1_000 || packet.at > joiner.click + 5_000) continue;
    const kind = kindOf(packet);
    const up = packet.from === browserPort && packet.to === janusPort;
    const down = packet.from === janusPort && packet.to === browserPort;
    if (up && kind === 'stun-request') note('wire: browser check', packet.at);
    if (down && kind === 'stun-success') note('wire: Janus answers a check', packet.at);
    if (down && kind === 'stun-other') note('wire: Janus STUN indication or error', packet.at);
    if (down && kind === 'stun-request') note('wire: Janus check', packet.at);
    if (up && kind === 'stun-success') note('wire: browser answers a check', packet.at);
    if ((up || down) && kind === 'dtls') note(`wire: DTLS first (from ${up ? 'browser' : 'Janus'})`, packet.at);
    // A datagram opening with a ChangeCipherSpec record (20) is the handshake's last flight.
    if ((up || down) && kind === 'dtls' && packet.payload[0] === 20) note('wire: DTLS change cipher spec', packet.at);
    if (down && kind === 'rtp') note('wire: first RTP to joiner', packet.at);
    if (down && kind === 'rtp' && packet.length > 900) note('wire: first large RTP to joiner', packet.at);
    if (packet.from === sourceJanusPort && packet.to === sourcePort && kind === 'rtcp' && holdsPli(packet.payload))
      if (steps['wire: DTLS first'] !== undefined) note('wire: PLI to publisher', packet.at);
    if (packet.from === sourcePort && packet.to === sourceJanusPort && kind === 'rtp' && packet.length > 900)
      if (steps['wire: PLI to publisher'] !== undefined) note('wire: publisher keyframe-sized packet after PLI', packet.at);
  }
  return steps;
}

/** A joiner's first STUN and DTLS datagrams on its subscription, in ms after its click (→ to Janus, ← from it). */
function handshake(joiner: Joiner, packets: Packet[]): string {
  const [browserPort, janusPort] = joiner.subscriber ?? [0, 0];
  const describe = (packet: Packet) => {
    const kind = kindOf(packet);
    const detail = kind === 'dtls' ? `(record ${packet.payload[0]}, message ${packet.payload[13]})` : '';
    return `${(packet.at - joiner.click).toFixed(1)} ${packet.from === browserPort ? '→' : '←'}${kind}${detail}`;
  };
  const flow = packets
    .filter(
      (packet) => (packet.from === browserPort && packet.to === janusPort) || (packet.from === janusPort && packet.to === browserPort),
    )
    .filter((packet) => kindOf(packet) !== 'rtp' && kindOf(packet) !== 'rtcp')
    .slice(0, 16);
  const answer = (joiner.marks['sent:subscription-answer'] ?? 0) - (joiner.marks.joinClick ?? 0);
  return `answer sent ${answer.toFixed(1)}; ${flow.map(describe).join(', ')}`;
}

function summary(title: string, joiners: Joiner[], packets: Packet[]): string[] {
  const steps = new Map<string, number[]>();
  for (const joiner of joiners) {
    const click = joiner.marks.joinClick ?? 0;
    const page = Object.fromEntries(
      Object.entries(joiner.marks)
        .filter(([name]) => name !== 'joinClick')
        .map(([name, at]) => [`page: ${name}`, at - click]),
    );
    for (const [name, at] of Object.entries({ ...page, ...wireSteps(joiner, packets) })) steps.set(name, [...(steps.get(name) ?? []), at]);
  }
  return [
    `${title} (${joiners.length} joiners, ms after the click):`,
    ...[...steps]
      .map(([name, values]) => ({ name, values, median: quantile(values, 0.5) }))
      .sort((a, b) => a.median - b.median)
      .map(
        ({ name, values, median }) =>
          `  ${name.padEnd(52)} p50 ${median.toFixed(0).padStart(5)}  p95 ${quantile(values, 0.95).toFixed(0).padStart(5)}  (n=${values.length})`,
      ),
  ];
}

async function main(): Promise<void> {
  const rounds = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.split('=')[1] ?? 10);
  const capture = path.join(tmpdir(), `join-trace-${process.pid}.pcap`);
  const tcpdump = spawn('tcpdump', ['-i', 'lo', '-n', '-U', '-s', '128', '-w', capture, 'udp'], { stdio: 'ignore' });
  const plenary = await startPlenary({ LOG_LEVEL: 'warn', PLAN_LIMITS: 'off', TURN: 'off' });
  const chromium = await launchChromium();
  const janus = janusOf(plenary.dataDirectory);
  const pages = await serveBareClient(janus);
  const rooms = await bareRooms(janus);
  const plenaryJoiners: Joiner[] = [];
  const bareJoiners: Joiner[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      const { roomId } = (await (await fetch(`${plenary.url}/api/rooms`, { method: 'POST' })).json()) as { roomId: string };
      const room = await rooms.create();
      const plenaryPair = () => joinPair(chromium.browser, () => `${plenary.url}/r/${roomId}`, plenaryJoiners);
      const barePair = () => joinPair(chromium.browser, () => pages.pageUrl({ room: room.janusRoomId, layer: 2 }), bareJoiners);
      if (round % 2 === 0) {
        await plenaryPair();
        await barePair();
      } else {
        await barePair();
        await plenaryPair();
      }
      await rooms.destroy(room);
    }
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 500));
    tcpdump.kill('SIGINT');
    await new Promise((resolve) => tcpdump.once('exit', resolve));
    await rooms.close();
    await pages.close();
    await chromium.close();
    await plenary.stop();
  }
  const packets = readCapture(capture);
  rmSync(capture, { force: true });
  console.log([...summary('Plenary', plenaryJoiners, packets), '', ...summary('bare', bareJoiners, packets)].join('\n'));
  if (process.argv.includes('--packets'))
    for (const [title, joiners] of [
      ['Plenary', plenaryJoiners],
      ['bare', bareJoiners],
    ] as const)
      for (const joiner of joiners.slice(0, 4)) console.log(`${title}: ${handshake(joiner, packets)}`);
}

await main();
