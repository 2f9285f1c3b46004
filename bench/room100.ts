/**
 * Rooms of 10, 25, 50 and 100 synthetic participants (`bench/synthetic/`, `@roamhq/wrtc`), each
 * joining one room in turn through Plenary's real signalling and publishing a generated camera
 * (320×240, 15 fps) and microphone with bursts of talk. Prints, per room size: join time p50/p95
 * (join sent → `joined`, and → publisher ICE connected), then over a measured window with
 * everyone in: Janus's, Plenary's and this process's own CPU and memory, media sent to Janus
 * (bytes in), media Janus sent to subscribers (bytes out; none unless `--subscribe`), loss Janus
 * reported, how many talkers the server saw, and how many `speaking` messages a second one
 * participant received (each a write to every socket of the room). Nothing is asserted.
 *
 *   sh e2e/netns.sh node --import tsx bench/room100.ts [sizes…] [--video=N] [--subscribe]
 *     [--speak-every-ms=MS] [--talkers=N] [--window-ms=MS] [--browsers=N]
 *
 * `--video=N`: only the first N of each room publish a camera (default all); `--subscribe`: every
 * participant subscribes to every other (heavy); talk bursts of 2 s every `--speak-every-ms`
 * (default 15,000) by the first `--talkers` of each room (default all; the others stay silent, as
 * most of a large meeting does); the window defaults to 10,000 ms. `--browsers=N`: the last N of
 * each room are real Chromiums (fake camera and microphone) joining through the pages, and each one
 * reports what it received over the window: remote videos decoding (last-N keeps them to the tiles
 * on its page), audio streams arriving, kbit/s in, packets lost, who it shows speaking. Plenary runs
 * with TURN=off and PLAN_LIMITS=off.
 */
import { cpus } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { inboundStreams, joinAs, launchChromium, newParticipantContext, startPlenary } from '../e2e/harness.js';
import { janusProcesses } from '../src/server/testing-process.js';
import { measureUsage, quantile } from './process-usage.js';
import { addRtp, noRtp, type RtpTotals, SyntheticParticipant } from './synthetic/index.js';

interface Settings {
  sizes: number[];
  videoMax: number;
  subscribe: boolean;
  speakEveryMs: number;
  talkersMax: number;
  windowMs: number;
  browsers: number;
}

function settingsOf(args: string[]): Settings {
  const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const sizes = args.filter((arg) => /^\d+$/.test(arg)).map(Number);
  return {
    sizes: sizes.length > 0 ? sizes : [10, 25, 50, 100],
    videoMax: Number(option('video') ?? Number.POSITIVE_INFINITY),
    subscribe: args.includes('--subscribe'),
    speakEveryMs: Number(option('speak-every-ms') ?? 15_000),
    talkersMax: Number(option('talkers') ?? Number.POSITIVE_INFINITY),
    windowMs: Number(option('window-ms') ?? 10_000),
    browsers: Number(option('browsers') ?? 0),
  };
}

/**
 * Each participant's socket comes from an address of its own in 127.0.0.0/8, as if from a machine
 * of its own: Plenary allows `limits.joinsPerMinuteMax` (60) sockets a minute per address.
 */
let socketsOpened = 0;
function nextSourceAddress(): string {
  const index = socketsOpened++;
  return `127.0.${1 + Math.floor(index / 250)}.${2 + (index % 250)}`;
}

/** One room filled to `size` (or as far as the server lets it), measured, then emptied. */
async function fillRoom(
  plenaryUrl: string,
  size: number,
  settings: Settings,
  pids: { server: number; janus: number },
  browser: Browser | undefined,
) {
  const created = await fetch(`${plenaryUrl}/api/rooms`, { method: 'POST' });
  const { roomId } = (await created.json()) as { roomId: string };
  const participants: SyntheticParticipant[] = [];
  const pages: Page[] = [];
  let refusal: string | undefined;
  try {
    for (let index = 0; index < size - settings.browsers && refusal === undefined; index += 1) {
      try {
        participants.push(
          await SyntheticParticipant.join({
            name: `Synthetic ${index + 1}`,
            room: `${plenaryUrl}/r/${roomId}`,
            video: index < settings.videoMax,
            subscribe: settings.subscribe,
            ...(index < settings.talkersMax ? { speakEveryMs: settings.speakEveryMs } : {}),
            localAddress: nextSourceAddress(),
            seed: index,
          }),
        );
      } catch (error: unknown) {
        refusal = `participant ${index + 1}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    for (let index = 0; browser && index < settings.browsers && refusal === undefined; index += 1) {
      const context = await newParticipantContext(browser);
      const page = await context.newPage().catch(async (error: unknown) => {
        await context.close();
        throw error;
      });
      pages.push(page);
      await joinAs(page, `${plenaryUrl}/r/${roomId}`, `Browser ${index + 1}`);
    }
    // The browsers' subscriptions and layers settle before the window.
    if (pages.length > 0) await new Promise((resolve) => setTimeout(resolve, 8_000));
    const toJoined = participants.map(({ timings }) => timings.joinedMs - timings.joinSentMs);
    const toConnected = participants.map(({ timings }) => (timings.publisherConnectedMs ?? Number.NaN) - timings.joinSentMs);
    const pagesBefore = await Promise.all(pages.map(receivedByPage));
    const window = await measureWindow(participants, settings.windowMs, pids);
    const pagesAfter = await Promise.all(pages.map(receivedByPage));
    const browsers = pagesAfter.map((after, index) => pageWindow(pagesBefore[index] ?? after, after, settings.windowMs));
    return { joined: participants.length + pages.length, refusal, toJoined, toConnected, browsers, ...window };
  } finally {
    for (const page of pages)
      await page
        .context()
        .close()
        .catch(() => undefined);
    for (const participant of participants) participant.close();
    // Let the room close in Plenary and Janus before the next one.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** What a browser has received so far, from getStats over its open connections, and who its page shows speaking. */
async function receivedByPage(page: Page) {
  const streams = Object.fromEntries((await inboundStreams(page)).map((stream) => [stream.id, stream]));
  const { connections, speaking } = await page.evaluate(() => ({
    connections: (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.map(
      (connection) =>
        `${connection.connectionState}/${connection.getTransceivers().length} (SDP ${connection.remoteDescription?.sdp.length ?? 0} in, ${connection.localDescription?.sdp.length ?? 0} out)`,
    ),
    speaking: document.querySelectorAll('.tile.speaking:not([data-local])').length,
  }));
  return { streams, connections, speaking };
}

/** A browser's window: videos decoding (and their widths), audio streams arriving, kbit/s in, packets lost. */
function pageWindow(
  before: Awaited<ReturnType<typeof receivedByPage>>,
  after: Awaited<ReturnType<typeof receivedByPage>>,
  windowMs: number,
) {
  let videos = 0;
  let audios = 0;
  let bytes = 0;
  let lost = 0;
  const widths: number[] = [];
  for (const [id, stream] of Object.entries(after.streams)) {
    const earlier = before.streams[id] ?? { framesDecoded: 0, packetsReceived: 0, bytesReceived: 0, packetsLost: 0 };
    bytes += stream.bytesReceived - earlier.bytesReceived;
    lost += stream.packetsLost - earlier.packetsLost;
    if (stream.kind === 'video' && stream.framesDecoded > earlier.framesDecoded) {
      videos += 1;
      widths.push(stream.frameWidth);
    }
    if (stream.kind === 'audio' && stream.packetsReceived > earlier.packetsReceived) audios += 1;
  }
  return {
    videos,
    widths: widths.sort((a, b) => b - a),
    audios,
    kilobitsPerSecond: kilobits(bytes, windowMs),
    lost,
    speaking: after.speaking,
    connections: after.connections,
  };
}

/** Usage and media over `windowMs` with everyone in, and the talkers the first participant heard of. */
async function measureWindow(participants: SyntheticParticipant[], windowMs: number, pids: { server: number; janus: number }) {
  const rtpNow = async () => (await Promise.all(participants.map((participant) => participant.rtpTotals()))).reduce(addRtp, noRtp());
  const before = await rtpNow();
  const talkers = new Set<string>();
  const observer = participants[0];
  const receivedBefore = { ...(observer?.received ?? { messages: 0, speaking: 0 }) };
  const watch = setInterval(() => {
    for (const [id, summary] of observer?.others ?? []) if (summary.speaking) talkers.add(id);
  }, 200);
  const usage = await measureUsage({ ...pids, bench: process.pid }, windowMs);
  clearInterval(watch);
  const after = await rtpNow();
  const perSecond = (count: number) => (count * 1000) / windowMs;
  const received = {
    messagesPerSecond: perSecond((observer?.received.messages ?? 0) - receivedBefore.messages),
    speakingPerSecond: perSecond((observer?.received.speaking ?? 0) - receivedBefore.speaking),
  };
  const subscriptions = participants.reduce(
    (sum, participant) => {
      const counts = participant.subscriptionCounts;
      return { open: sum.open + counts.open, connected: sum.connected + counts.connected };
    },
    { open: 0, connected: 0 },
  );
  const delta = noRtp();
  for (const key of Object.keys(delta) as (keyof RtpTotals)[]) delta[key] = after[key] - before[key];
  return { usage, delta, talkers: talkers.size, subscriptions, received };
}

const kilobits = (bytes: number, windowMs: number) => (bytes * 8) / windowMs;

async function main(): Promise<void> {
  const settings = settingsOf(process.argv.slice(2));
  const plenary = await startPlenary({ LOG_LEVEL: 'warn', PLAN_LIMITS: 'off', TURN: 'off' });
  const chromium = settings.browsers > 0 ? await launchChromium() : undefined;
  const rows: string[] = [];
  try {
    for (const size of settings.sizes) {
      // Janus's pid is read for each room: the supervisor starts a new one if it dies.
      const [janus] = janusProcesses(plenary.dataDirectory);
      const result = await fillRoom(
        plenary.url,
        size,
        settings,
        { server: plenary.process.pid ?? 0, janus: janus ?? 0 },
        chromium?.browser,
      );
      const { usage, delta, talkers, subscriptions, received } = result;
      const cpu = (name: string) => `${usage[name]?.cpuPercent.toFixed(1)} % CPU, ${usage[name]?.residentMegabytes.toFixed(0)} MB`;
      const milliseconds = (values: number[]) =>
        `p50 ${quantile(values, 0.5).toFixed(0)} ms, p95 ${quantile(values, 0.95).toFixed(0)} ms (n=${values.length})`;
      const inKbps = kilobits(delta.bytesSent, settings.windowMs);
      const outKbps = kilobits(delta.bytesReceived, settings.windowMs);
      const perSubscriber = settings.subscribe ? ` (${(outKbps / Math.max(1, result.joined)).toFixed(0)} per subscriber)` : '';
      console.log(
        [
          `${size} asked, ${result.joined} in the room${result.refusal ? ` — stopped at ${result.refusal}` : ''}`,
          `  join sent → joined:                     ${milliseconds(result.toJoined)}`,
          `  join sent → publisher ICE connected:    ${milliseconds(result.toConnected)}`,
          `  Janus ${cpu('janus')}; Plenary ${cpu('server')}; this bench ${cpu('bench')} (over ${settings.windowMs / 1000} s)`,
          `  into Janus ${inKbps.toFixed(0)} kbit/s (${(inKbps / Math.max(1, result.joined)).toFixed(0)} per publisher); out of Janus to subscribers ${outKbps.toFixed(0)} kbit/s${perSubscriber}; packets lost upstream ${delta.packetsLostUpstream}, downstream ${delta.packetsLost}`,
          `  subscriptions: ${subscriptions.open} open, ${subscriptions.connected} connected`,
          `  talkers the server reported to participant 1: ${talkers}`,
          `  messages participant 1 received: ${received.messagesPerSecond.toFixed(1)}/s, of which speaking ${received.speakingPerSecond.toFixed(1)}/s`,
          ...result.browsers.map(
            (page, index) =>
              `  browser ${index + 1}: ${page.videos} videos decoding (widths ${page.widths.join(', ') || 'none'}), ${page.audios} audio streams arriving, ` +
              `${page.kilobitsPerSecond.toFixed(0)} kbit/s in, ${page.lost} packets lost, ${page.speaking} shown speaking; connections (state/transceivers) ${page.connections.join(' ')}`,
          ),
        ].join('\n'),
      );
      rows.push(
        `| ${size} | ${result.joined} | ${quantile(result.toJoined, 0.5).toFixed(0)} / ${quantile(result.toJoined, 0.95).toFixed(0)} ms | ` +
          `${quantile(result.toConnected, 0.5).toFixed(0)} / ${quantile(result.toConnected, 0.95).toFixed(0)} ms | ${cpu('janus')} | ` +
          `${cpu('server')} | ${cpu('bench')} | ${inKbps.toFixed(0)} kbit/s | ${outKbps.toFixed(0)} kbit/s | ${delta.packetsLostUpstream + delta.packetsLost} | ${talkers} | ${received.speakingPerSecond.toFixed(1)}/s |`,
      );
    }
  } catch (error: unknown) {
    console.error(`Plenary's last words:\n${plenary.output().slice(-4_000)}`);
    throw error;
  } finally {
    await chromium?.close();
    await plenary.stop();
  }
  console.log(
    '\n| asked | in | join → joined p50 / p95 | join → ICE connected p50 / p95 | Janus | Plenary | bench | into Janus | out of Janus | lost | talkers | speaking messages to one |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
}

// `@roamhq/wrtc` crashes when a process that used it exits on its own: end it once everything is closed.
await main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
