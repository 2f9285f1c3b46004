/**
 * Many rooms across a pool of two media servers: Plenary's own Janus and a second Janus registered
 * in its database before it starts (as an operator would in the console). For each step, `rooms`
 * rooms of `size` synthetic participants (`bench/synthetic/`, `@roamhq/wrtc`) join, `concurrency`
 * at a time; each participant subscribes to everyone else, and the first `video` of each room
 * publish a camera (all publish a microphone with bursts of talk). Prints per step: joins per
 * second and join time p50/p95, where the rooms went (Plenary's own count per media server), then
 * over a measured window: streams forwarded per server, CPU and memory of each Janus, of Plenary
 * and of this process, CPU per forwarded stream, what each Janus says it forwards and sends (its
 * admin API, as Plenary's `/metrics` shows it), packets lost and NACKs — and says at which step
 * quality broke (more than 2 % of packets lost, or a join refused). Nothing is asserted.
 *
 *   sh e2e/netns.sh node --import tsx bench/load.ts [--steps=2,4,6] [--size=4] [--video=2]
 *     [--concurrency=4] [--window-ms=10000]
 *
 * Plenary runs with TURN=off and PLAN_LIMITS=off. The second Janus is started here, unsupervised.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { startPlenary } from '../e2e/harness.js';
import { MediaServersRepository } from '../src/server/meetings/media-servers-repository.js';
import { allMigrations } from '../src/server/migrations.js';
import { systemClock } from '../src/server/platform/clock.js';
import { openStorage } from '../src/server/storage/index.js';
import { janusProcesses, startUnsupervisedJanus, type UnsupervisedJanus } from '../src/server/testing-process.js';
import { measureUsage, quantile } from './process-usage.js';
import { addRtp, noRtp, type RtpTotals, SyntheticParticipant } from './synthetic/index.js';

interface Settings {
  steps: number[];
  size: number;
  video: number;
  concurrency: number;
  windowMs: number;
}

function settingsOf(args: string[]): Settings {
  const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return {
    steps: (option('steps') ?? '2,4,6').split(',').map(Number),
    size: Number(option('size') ?? 4),
    video: Number(option('video') ?? 2),
    concurrency: Number(option('concurrency') ?? 4),
    windowMs: Number(option('window-ms') ?? 10_000),
  };
}

const metricsToken = 'load-bench-metrics-token-of-at-least-32-characters';
let socketsOpened = 0;
/** Each socket from an address of its own in 127.0.0.0/8 (Plenary allows 60 joins a minute per address). */
function nextSourceAddress(): string {
  const index = socketsOpened++;
  return `127.0.${1 + Math.floor(index / 250)}.${2 + (index % 250)}`;
}

/** Starts a second Janus, and registers it in a fresh data directory's database (as an operator would). */
async function secondJanus(dataDirectory: string): Promise<UnsupervisedJanus> {
  const janus = await startUnsupervisedJanus({ apiSecret: 'load-bench-second-janus', rtpPortRange: '40100-44000' });
  const storage = await openStorage({ engine: 'sqlite', file: path.join(dataDirectory, 'plenary.sqlite') }, allMigrations);
  await new MediaServersRepository(storage, systemClock).insert({
    name: 'second',
    url: janus.url,
    apiSecret: janus.apiSecret,
    adminUrl: janus.adminUrl,
    adminSecret: janus.adminSecret,
    weight: 1,
    region: '',
    renewable: false,
    drained: false,
  });
  await storage.close();
  return janus;
}

/** Plenary's per-server gauges from `/metrics`: `{ name → { rooms, forwarded, up } }`. */
async function serverGauges(plenaryUrl: string): Promise<Map<string, Record<string, number>>> {
  const text = await (await fetch(`${plenaryUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  const gauges = new Map<string, Record<string, number>>();
  for (const match of text.matchAll(/^plenary_media_server_(\w+)\{server="[^"]*",name="([^"]*)"\} (\S+)$/gm)) {
    const [, metric, name, value] = match;
    if (!metric || !name) continue;
    gauges.set(name, { ...gauges.get(name), [metric]: Number(value) });
  }
  return gauges;
}

/** Joins everyone of `rooms` rooms, `concurrency` at a time; the participants and each join's time. */
async function joinAll(plenaryUrl: string, rooms: number, settings: Settings) {
  const seats: { room: string; index: number }[] = [];
  for (let room = 0; room < rooms; room++) {
    const created = await fetch(`${plenaryUrl}/api/rooms`, { method: 'POST' });
    const { roomId } = (await created.json()) as { roomId: string };
    for (let index = 0; index < settings.size; index++) seats.push({ room: `${plenaryUrl}/r/${roomId}`, index });
  }
  const participants: SyntheticParticipant[] = [];
  const refusals: string[] = [];
  const startedMs = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < seats.length) {
      const seat = seats[next++];
      if (!seat) break;
      try {
        participants.push(
          await SyntheticParticipant.join({
            name: `Load ${seat.index + 1}`,
            room: seat.room,
            video: seat.index < settings.video,
            subscribe: true,
            speakEveryMs: 15_000,
            localAddress: nextSourceAddress(),
            seed: participants.length,
          }),
        );
      } catch (error: unknown) {
        refusals.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  const seconds = (performance.now() - startedMs) / 1000;
  return { participants, refusals, joinsPerSecond: participants.length / seconds, seconds };
}

async function main(): Promise<void> {
  const settings = settingsOf(process.argv.slice(2));
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'plenary-load-'));
  const second = await secondJanus(dataDirectory);
  const plenary = await startPlenary(
    { LOG_LEVEL: 'warn', PLAN_LIMITS: 'off', TURN: 'off', METRICS_TOKEN: metricsToken },
    dataDirectory,
  ).catch((error: unknown) => {
    second.process.kill('SIGKILL');
    throw error;
  });
  const rows: string[] = [];
  let brokeAt: string | undefined;
  try {
    // The pool reads the registered server at start; wait until it is connected.
    for (let tries = 0; (await serverGauges(plenary.url)).get('second')?.up !== 1; tries++) {
      if (tries > 100) throw new Error('the second Janus did not come up');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const rooms of settings.steps) {
      const joined = await joinAll(plenary.url, rooms, settings);
      const { participants } = joined;
      try {
        const toJoined = participants.map(({ timings }) => timings.joinedMs - timings.joinSentMs);
        const toConnected = participants.map(({ timings }) => (timings.publisherConnectedMs ?? Number.NaN) - timings.joinSentMs);
        // Let subscriptions settle before measuring.
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const rtpNow = async () => (await Promise.all(participants.map((participant) => participant.rtpTotals()))).reduce(addRtp, noRtp());
        const before = await rtpNow();
        const [localJanus] = janusProcesses(dataDirectory);
        const usage = await measureUsage(
          { local: localJanus ?? 0, second: second.process.pid ?? 0, server: plenary.process.pid ?? 0, bench: process.pid },
          settings.windowMs,
        );
        const after = await rtpNow();
        const gauges = await serverGauges(plenary.url);
        const delta = noRtp();
        for (const key of Object.keys(delta) as (keyof RtpTotals)[]) delta[key] = after[key] - before[key];
        const lossShare = delta.packetsLost / Math.max(1, delta.packetsLost + delta.packetsReceived);
        const forwarded = (name: string) => gauges.get(name)?.forwarded_streams ?? 0;
        const perStream = (name: string, server: 'local' | 'second') =>
          forwarded(name) > 0 ? `${((usage[server]?.cpuPercent ?? 0) / forwarded(name)).toFixed(2)} %` : '–';
        const cpu = (name: string) => `${usage[name]?.cpuPercent.toFixed(1)} %, ${usage[name]?.residentMegabytes.toFixed(0)} MB`;
        const ms = (values: number[]) => `${quantile(values, 0.5).toFixed(0)} / ${quantile(values, 0.95).toFixed(0)} ms`;
        const measured = (name: string, metric: string) => String(gauges.get(name)?.[metric] ?? '–');
        const megabits = (name: string) => {
          const bits = gauges.get(name)?.send_bits_per_second;
          return bits === undefined ? '–' : (bits / 1_000_000).toFixed(1);
        };
        const broken = lossShare > 0.02 || joined.refusals.length > 0;
        if (broken && !brokeAt) brokeAt = `${rooms} rooms of ${settings.size}`;
        console.log(
          [
            `${rooms} rooms of ${settings.size}: ${participants.length} joined in ${joined.seconds.toFixed(1)} s (${joined.joinsPerSecond.toFixed(1)} joins/s)${joined.refusals.length ? `, ${joined.refusals.length} refused: ${joined.refusals[0]}` : ''}`,
            `  join sent → joined ${ms(toJoined)}; → publisher ICE connected ${ms(toConnected)}`,
            `  rooms: own Janus ${gauges.get('local')?.rooms ?? 0}, second ${gauges.get('second')?.rooms ?? 0}; forwarded streams ${forwarded('local')} / ${forwarded('second')}`,
            `  CPU: own Janus ${cpu('local')}, second ${cpu('second')}, Plenary ${cpu('server')}, bench ${cpu('bench')}`,
            `  CPU per forwarded stream: own ${perStream('local', 'local')}, second ${perStream('second', 'second')}`,
            `  as each Janus says (admin API): forwarded ${measured('local', 'measured_forwarded_streams')} / ${measured('second', 'measured_forwarded_streams')}, sending ${megabits('local')} / ${megabits('second')} Mbit/s`,
            `  received ${delta.packetsReceived} packets, lost ${delta.packetsLost} (${(lossShare * 100).toFixed(2)} %), lost upstream ${delta.packetsLostUpstream}; NACKs sent ${delta.nacksSent}, received ${delta.nacksReceived}`,
          ].join('\n'),
        );
        rows.push(
          `| ${rooms} × ${settings.size} | ${participants.length} | ${joined.joinsPerSecond.toFixed(1)} | ${ms(toJoined)} | ${ms(toConnected)} | ` +
            `${gauges.get('local')?.rooms ?? 0} / ${gauges.get('second')?.rooms ?? 0} | ${forwarded('local')} / ${forwarded('second')} | ` +
            `${cpu('local')} / ${cpu('second')} | ${perStream('local', 'local')} / ${perStream('second', 'second')} | ${cpu('server')} | ${cpu('bench')} | ` +
            `${(lossShare * 100).toFixed(2)} % | ${delta.nacksSent} / ${delta.nacksReceived} |`,
        );
      } finally {
        for (const participant of participants) participant.close();
        // Let the rooms close in Plenary and both Janus before the next step.
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      }
    }
  } catch (error: unknown) {
    console.error(`Plenary's last words:\n${plenary.output().slice(-4_000)}`);
    throw error;
  } finally {
    await plenary.stop();
    second.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
  console.log(
    '\n| rooms | joined | joins/s | join → joined p50 / p95 | → ICE connected p50 / p95 | rooms own / second | forwarded own / second | Janus CPU own / second | CPU per forwarded stream | Plenary | bench | loss | NACKs sent / received |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`\nQuality ${brokeAt ? `broke at ${brokeAt}` : 'held at every step'} (more than 2 % lost, or a join refused).`);
  console.log(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
}

// `@roamhq/wrtc` crashes when a process that used it exits on its own: end it once everything is closed.
await main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
