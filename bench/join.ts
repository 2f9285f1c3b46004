/**
 * Join benchmark: for 2, 4 and 6 real Chromium participants (fake media) joining one room in
 * turn, prints p50/p95 of (a) `join` sent → `joined` and (b) join click → first remote video
 * frame decoded (for every joiner who finds someone already publishing), plus the server's and
 * Janus's CPU and memory with everyone in the room, and the joiners' timeline: the median time
 * from the join click to each step the page marks (`bench/participants.ts`: messages sent and
 * received, each peer connection made, its first candidate, its ICE connected).
 *
 * In the same run, interleaved with Plenary's rooms (Plenary first in even rounds, the bare
 * client first in odd ones), the floor: the same rooms filled with the bare client
 * (`bench/bare-client.ts`), which joins a videoroom of the same Janus straight over its WebSocket
 * API, one step after another, with no Plenary; its joins are timed by the same marks, and the
 * ratio Plenary / bare of the click → first frame p50 and p95 is printed (the goal is ≤ 0.9).
 * Run inside the namespace: `npm run bench`, or
 *
 *   sh e2e/netns.sh node --import tsx bench/join.ts [sizes…] [--rounds=N] [--no-bare] [--udp-loss=P]
 *
 * `--rounds=N`: rooms filled per size and client (default 6 for 2, 3 for 4, 2 for 6).
 * `--udp-loss=P`: the namespace drops each UDP datagram with probability P (0–1, iptables, as
 * `e2e/connection-quality.e2e.ts` does): STUN, DTLS and media of both clients alike, so a lost
 * handshake packet and its retransmission timer show in the joins.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, type RunningPlenary, startPlenary } from '../e2e/harness.js';
import { janusProcesses } from '../src/server/testing-process.js';
import { bareRooms, janusOf, serveBareClient } from './bare-client.js';
import { joinMeasured } from './participants.js';
import { measureUsage, quantile } from './process-usage.js';

const defaultRounds: Record<number, number> = { 2: 6, 4: 3, 6: 2 };

function settingsOf(args: string[]): { sizes: number[]; rounds: number | undefined; bare: boolean; udpLoss: number } {
  const sizes = args.filter((arg) => /^\d+$/.test(arg)).map(Number);
  const rounds = args.find((arg) => arg.startsWith('--rounds='))?.split('=')[1];
  const udpLoss = Number(args.find((arg) => arg.startsWith('--udp-loss='))?.split('=')[1] ?? 0);
  if (!(udpLoss >= 0 && udpLoss < 1)) throw new Error('--udp-loss takes a probability from 0 to under 1');
  // Outside e2e/netns.sh the rule would drop the host's own UDP.
  if (udpLoss > 0 && process.env.NETNS_CARRIER_WAITS === undefined) throw new Error('--udp-loss runs only inside e2e/netns.sh');
  return {
    sizes: sizes.length > 0 ? sizes : [2, 4, 6],
    rounds: rounds === undefined ? undefined : Number(rounds),
    bare: !args.includes('--no-bare'),
    udpLoss,
  };
}

/** Drops each UDP datagram leaving anything in the namespace with probability `loss` (`-A`), or stops (`-D`). */
function udpLossRule(action: '-A' | '-D', loss: number): void {
  const rule = ['OUTPUT', '-p', 'udp', '-m', 'statistic', '--mode', 'random', '--probability', String(loss), '-j', 'DROP'];
  const result = spawnSync('iptables', [action, ...rule], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`iptables ${action} ${rule.join(' ')}: ${result.error?.message ?? result.stderr}`);
}

/** Each step's median and p95 after the join click, earliest first, over the joiners that marked it. */
function timeline(joiners: Record<string, number>[]): string[] {
  const steps = new Map<string, number[]>();
  for (const marks of joiners) {
    const click = marks.joinClick;
    if (click === undefined) continue;
    for (const [step, at] of Object.entries(marks)) {
      if (step !== 'joinClick' && at >= click) steps.set(step, [...(steps.get(step) ?? []), at - click]);
    }
  }
  return [...steps]
    .map(([step, values]) => ({ step, values, median: quantile(values, 0.5) }))
    .sort((a, b) => a.median - b.median)
    .map(
      ({ step, values, median }) =>
        `    ${step.padEnd(34)} p50 ${median.toFixed(0).padStart(5)} ms, p95 ${quantile(values, 0.95).toFixed(0).padStart(5)} ms (n=${values.length})`,
    );
}

/** What one client's joins came to over a size's rounds. */
interface Joins {
  joinSentToJoined: number[];
  clickToFrame: number[];
  /** The marks of each joiner who found someone publishing. */
  joiners: Record<string, number>[];
}

const noJoins = (): Joins => ({ joinSentToJoined: [], clickToFrame: [], joiners: [] });

/** Adds one joiner's marks; `found` when someone was publishing before it joined. */
function record(joins: Joins, marks: Record<string, number>, found: boolean): void {
  // Plenary's pre-join screen opens the socket ahead: its join starts when `join` is sent.
  const joinSent = marks['sent:join'] ?? marks.socketOpen;
  if (joinSent !== undefined && marks.joined !== undefined) joins.joinSentToJoined.push(marks.joined - joinSent);
  if (found && marks.joinClick !== undefined && marks.firstRemoteFrame !== undefined) {
    joins.clickToFrame.push(marks.firstRemoteFrame - marks.joinClick);
    joins.joiners.push(marks);
  }
}

/** Fills one Plenary room with `size` participants in turn; returns its pages (and the layer its joiners subscribed to). */
async function plenaryRoom(
  browser: Browser,
  plenary: RunningPlenary,
  size: number,
  joins: Joins,
): Promise<{ pages: Page[]; layer: number }> {
  const { roomId } = (await (await fetch(`${plenary.url}/api/rooms`, { method: 'POST' })).json()) as { roomId: string };
  const pages: Page[] = [];
  let layer = 2;
  try {
    for (let index = 0; index < size; index += 1) {
      const { page, marks } = await joinMeasured(browser, `${plenary.url}/r/${roomId}`, `P${index + 1}`, index > 0);
      pages.push(page);
      record(joins, marks, index > 0);
      if (index > 0) layer = (await page.evaluate(() => (window as unknown as { __subscribeLayer?: number }).__subscribeLayer)) ?? layer;
    }
  } catch (error) {
    // A joiner that failed leaves no page open to weigh on the rounds after it.
    await closePages(pages);
    throw error;
  }
  return { pages, layer };
}

type BareClient = { pages: Awaited<ReturnType<typeof serveBareClient>>; rooms: Awaited<ReturnType<typeof bareRooms>> };

/** Fills a fresh room of the same Janus (made as Plenary makes its rooms) with `size` bare clients in turn, then empties it. */
async function bareRoom(browser: Browser, bare: BareClient, size: number, layer: number, joins: Joins): Promise<void> {
  const room = await bare.rooms.create();
  const pages: Page[] = [];
  try {
    for (let index = 0; index < size; index += 1) {
      const { page, marks } = await joinMeasured(
        browser,
        bare.pages.pageUrl({ room: room.janusRoomId, layer }),
        `B${index + 1}`,
        index > 0,
      );
      pages.push(page);
      record(joins, marks, index > 0);
    }
  } finally {
    await closePages(pages);
    await bare.rooms.destroy(room);
  }
}

async function closePages(pages: Page[]): Promise<void> {
  for (const page of pages) await page.context().close();
}

const format = (values: number[]) =>
  `p50 ${quantile(values, 0.5).toFixed(0)} ms, p95 ${quantile(values, 0.95).toFixed(0)} ms (n=${values.length})`;

/** With the quantiles, how many took longer than a second (a lost handshake packet waiting on a 1 s timer shows there). */
const formatWithTail = (values: number[]) => `${format(values)}, ${values.filter((value) => value > 1_000).length} over 1 s`;

function report(
  size: number,
  layer: number,
  plenary: Joins,
  bare: Joins | undefined,
  usage: Awaited<ReturnType<typeof measureUsage>> | undefined,
): string {
  const lines = [
    `${size} participants:`,
    `  Plenary join sent → joined:         ${format(plenary.joinSentToJoined)}`,
    `  Plenary join click → first frame:   ${formatWithTail(plenary.clickToFrame)}`,
  ];
  if (bare) {
    const ratio = (q: number) => (quantile(plenary.clickToFrame, q) / quantile(bare.clickToFrame, q)).toFixed(2);
    lines.push(
      `  bare join click → first frame:      ${formatWithTail(bare.clickToFrame)}`,
      `  Plenary / bare:                     p50 ${ratio(0.5)}×, p95 ${ratio(0.95)}× (goal ≤ 0.9×); both subscribed on layer ${layer}`,
    );
  }
  lines.push(
    `  server: ${usage?.server?.cpuPercent.toFixed(1)} % CPU, ${usage?.server?.residentMegabytes.toFixed(0)} MB RSS;` +
      ` janus: ${usage?.janus?.cpuPercent.toFixed(1)} % CPU, ${usage?.janus?.residentMegabytes.toFixed(0)} MB RSS (5 s, all ${size} in a Plenary room)`,
    '  Plenary joiners who found someone publishing, after the join click:',
    ...timeline(plenary.joiners),
  );
  if (bare) lines.push('  bare joiners who found someone publishing, after the join click:', ...timeline(bare.joiners));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const settings = settingsOf(process.argv.slice(2));
  const loadBefore = loadavg();
  // No TURN: a client joining Janus directly gathers no relayed candidates either.
  const plenary = await startPlenary({ LOG_LEVEL: 'warn', PLAN_LIMITS: 'off', TURN: 'off' });
  const chromium = await launchChromium();
  const janus = janusOf(plenary.dataDirectory);
  const bare = settings.bare ? { pages: await serveBareClient(janus), rooms: await bareRooms(janus) } : undefined;
  let lossy = false;
  try {
    if (settings.udpLoss > 0) {
      udpLossRule('-A', settings.udpLoss);
      lossy = true;
    }
    for (const size of settings.sizes) {
      const plenaryJoins = noJoins();
      const bareJoins = noJoins();
      let usage: Awaited<ReturnType<typeof measureUsage>> | undefined;
      let layer = 2;
      for (let round = 0; round < (settings.rounds ?? defaultRounds[size] ?? 1); round += 1) {
        const bareFirst = round % 2 === 1;
        if (bare && bareFirst) await bareRoom(chromium.browser, bare, size, layer, bareJoins);
        const filled = await plenaryRoom(chromium.browser, plenary, size, plenaryJoins);
        layer = filled.layer;
        if (round === 0) {
          const [janus] = janusProcesses(plenary.dataDirectory);
          usage = await measureUsage({ server: plenary.process.pid ?? 0, janus: janus ?? 0 }, 5_000);
        }
        await closePages(filled.pages);
        if (bare && !bareFirst) await bareRoom(chromium.browser, bare, size, layer, bareJoins);
      }
      console.log(report(size, layer, plenaryJoins, bare ? bareJoins : undefined, usage));
    }
  } finally {
    if (lossy) udpLossRule('-D', settings.udpLoss);
    await bare?.rooms.close();
    await bare?.pages.close();
    await chromium.close();
    await plenary.stop();
  }
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
  console.log(
    `\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}` +
      ` · load average ${load(loadBefore)} before, ${load(loadavg())} after` +
      (settings.udpLoss > 0 ? ` · ${(settings.udpLoss * 100).toFixed(1)} % of UDP datagrams dropped` : ''),
  );
}

await main();
