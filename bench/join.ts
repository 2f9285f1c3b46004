/**
 * Join benchmark: for 2, 4 and 6 real Chromium participants (fake media) joining one room in
 * turn, prints p50/p95 of (a) WebSocket open → `joined` and (b) join click → first remote video
 * frame decoded (for every joiner who finds someone already publishing), plus the server's and
 * Janus's CPU and memory with everyone in the room. Run inside the namespace: `npm run bench`.
 */
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { launchChromium, startPlenary } from '../e2e/harness.js';
import { janusProcesses } from '../src/server/testing-process.js';
import { joinMeasured } from './participants.js';
import { measureUsage, quantile } from './process-usage.js';

const rounds: Record<number, number> = { 2: 6, 4: 3, 6: 2 };

async function main(): Promise<void> {
  // No TURN: the bare client it is compared with gathers no relayed candidates either.
  const plenary = await startPlenary({ LOG_LEVEL: 'warn', PLAN_LIMITS: 'off', TURN: 'off' });
  const chromium = await launchChromium();
  const lines: string[] = [];
  try {
    for (const size of [2, 4, 6]) {
      const socketToJoined: number[] = [];
      const clickToFrame: number[] = [];
      let usage: Awaited<ReturnType<typeof measureUsage>> | undefined;
      for (let round = 0; round < (rounds[size] ?? 1); round += 1) {
        const { roomId } = (await (await fetch(`${plenary.url}/api/rooms`, { method: 'POST' })).json()) as { roomId: string };
        const pages: Page[] = [];
        for (let index = 0; index < size; index += 1) {
          const { page, marks } = await joinMeasured(chromium.browser, `${plenary.url}/r/${roomId}`, `P${index + 1}`, index > 0);
          pages.push(page);
          if (marks.socketOpen !== undefined && marks.joined !== undefined) socketToJoined.push(marks.joined - marks.socketOpen);
          if (index > 0 && marks.joinClick !== undefined && marks.firstRemoteFrame !== undefined)
            clickToFrame.push(marks.firstRemoteFrame - marks.joinClick);
        }
        if (round === 0) {
          const [janus] = janusProcesses(plenary.dataDirectory);
          usage = await measureUsage({ server: plenary.process.pid ?? 0, janus: janus ?? 0 }, 5_000);
        }
        for (const page of pages) await page.context().close();
      }
      const format = (values: number[]) =>
        `p50 ${quantile(values, 0.5).toFixed(0)} ms, p95 ${quantile(values, 0.95).toFixed(0)} ms (n=${values.length})`;
      const line = [
        `${size} participants:`,
        `  WebSocket open → joined:            ${format(socketToJoined)}`,
        `  join click → first remote frame:    ${format(clickToFrame)}`,
        `  server: ${usage?.server?.cpuPercent.toFixed(1)} % CPU, ${usage?.server?.residentMegabytes.toFixed(0)} MB RSS;` +
          ` janus: ${usage?.janus?.cpuPercent.toFixed(1)} % CPU, ${usage?.janus?.residentMegabytes.toFixed(0)} MB RSS (5 s, all ${size} in the room)`,
      ].join('\n');
      console.log(line);
      lines.push(line);
    }
  } finally {
    await chromium.close();
    await plenary.stop();
  }
  console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
}

await main();
