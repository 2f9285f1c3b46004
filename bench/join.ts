/**
 * Join benchmark: for 2, 4 and 6 real Chromium participants (fake media) joining one room in
 * turn, prints p50/p95 of (a) `join` sent → `joined` and (b) join click → first remote video
 * frame decoded (for every joiner who finds someone already publishing), plus the server's and
 * Janus's CPU and memory with everyone in the room, and the joiners' timeline: the median time
 * from the join click to each step the page marks (`bench/participants.ts`: messages sent and
 * received, each peer connection made, its first candidate, its ICE connected). Run inside the
 * namespace: `npm run bench`, or
 *
 *   sh e2e/netns.sh node --import tsx bench/join.ts [sizes…] [--rounds=N]
 *
 * `--rounds=N`: rooms filled per size (default 6 for 2, 3 for 4, 2 for 6).
 */
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { launchChromium, startPlenary } from '../e2e/harness.js';
import { janusProcesses } from '../src/server/testing-process.js';
import { joinMeasured } from './participants.js';
import { measureUsage, quantile } from './process-usage.js';

const defaultRounds: Record<number, number> = { 2: 6, 4: 3, 6: 2 };

function settingsOf(args: string[]): { sizes: number[]; rounds: number | undefined } {
  const sizes = args.filter((arg) => /^\d+$/.test(arg)).map(Number);
  const rounds = args.find((arg) => arg.startsWith('--rounds='))?.split('=')[1];
  return { sizes: sizes.length > 0 ? sizes : [2, 4, 6], rounds: rounds === undefined ? undefined : Number(rounds) };
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

async function main(): Promise<void> {
  const settings = settingsOf(process.argv.slice(2));
  // No TURN: a client joining Janus directly gathers no relayed candidates either.
  const plenary = await startPlenary({ LOG_LEVEL: 'warn', PLAN_LIMITS: 'off', TURN: 'off' });
  const chromium = await launchChromium();
  try {
    for (const size of settings.sizes) {
      const joinSentToJoined: number[] = [];
      const clickToFrame: number[] = [];
      const joiners: Record<string, number>[] = [];
      let usage: Awaited<ReturnType<typeof measureUsage>> | undefined;
      for (let round = 0; round < (settings.rounds ?? defaultRounds[size] ?? 1); round += 1) {
        const { roomId } = (await (await fetch(`${plenary.url}/api/rooms`, { method: 'POST' })).json()) as { roomId: string };
        const pages: Page[] = [];
        for (let index = 0; index < size; index += 1) {
          const { page, marks } = await joinMeasured(chromium.browser, `${plenary.url}/r/${roomId}`, `P${index + 1}`, index > 0);
          pages.push(page);
          // The pre-join screen opens the socket ahead: the join starts when `join` is sent.
          const joinSent = marks['sent:join'] ?? marks.socketOpen;
          if (joinSent !== undefined && marks.joined !== undefined) joinSentToJoined.push(marks.joined - joinSent);
          if (index > 0 && marks.joinClick !== undefined && marks.firstRemoteFrame !== undefined) {
            clickToFrame.push(marks.firstRemoteFrame - marks.joinClick);
            joiners.push(marks);
          }
        }
        if (round === 0) {
          const [janus] = janusProcesses(plenary.dataDirectory);
          usage = await measureUsage({ server: plenary.process.pid ?? 0, janus: janus ?? 0 }, 5_000);
        }
        for (const page of pages) await page.context().close();
      }
      const format = (values: number[]) =>
        `p50 ${quantile(values, 0.5).toFixed(0)} ms, p95 ${quantile(values, 0.95).toFixed(0)} ms (n=${values.length})`;
      console.log(
        [
          `${size} participants:`,
          `  join sent → joined:                 ${format(joinSentToJoined)}`,
          `  join click → first remote frame:    ${format(clickToFrame)}`,
          `  server: ${usage?.server?.cpuPercent.toFixed(1)} % CPU, ${usage?.server?.residentMegabytes.toFixed(0)} MB RSS;` +
            ` janus: ${usage?.janus?.cpuPercent.toFixed(1)} % CPU, ${usage?.janus?.residentMegabytes.toFixed(0)} MB RSS (5 s, all ${size} in the room)`,
          '  joiners who found someone publishing, after the join click:',
          ...timeline(joiners),
        ].join('\n'),
      );
    }
  } finally {
    await chromium.close();
    await plenary.stop();
  }
  console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
}

await main();
