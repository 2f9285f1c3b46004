/**
 * Join benchmark: for 2, 4 and 6 real Chromium participants (fake media) joining one room in
 * turn, prints p50/p95 of (a) WebSocket open → `joined` and (b) join click → first remote video
 * frame decoded (for every joiner who finds someone already publishing), plus the server's and
 * Janus's CPU and memory with everyone in the room. Run inside the namespace: `npm run bench`.
 */
import { cpus } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newParticipantContext, startPlenary } from '../e2e/harness.js';
import { janusProcesses } from '../src/server/testing-process.js';
import { measureUsage, quantile } from './process-usage.js';

const rounds: Record<number, number> = { 2: 6, 4: 3, 6: 2 };

/**
 * Timestamps the page records for itself: socket open, `joined`, join click, first remote
 * frame. Plain JavaScript, so that no compiler helper leaks into the page.
 */
const instrument = `
  (() => {
    const marks = {};
    window.__marks = marks;
    const OriginalWebSocket = window.WebSocket;
    window.WebSocket = class extends OriginalWebSocket {
      constructor(url, protocols) {
        super(url, protocols);
        this.addEventListener('open', () => { marks.socketOpen ??= performance.now(); });
        this.addEventListener('message', (event) => {
          if (marks.joined === undefined && typeof event.data === 'string' && event.data.startsWith('{"type":"joined"')) marks.joined = performance.now();
        });
      }
    };
    document.addEventListener('click', (event) => {
      if (event.target?.closest?.('button[type="submit"]') && marks.joinClick === undefined) marks.joinClick = performance.now();
    }, true);
    const poll = () => {
      for (const video of document.querySelectorAll('.tile:not([data-local]) video')) {
        if (video.videoWidth > 0 && marks.firstRemoteFrame === undefined) marks.firstRemoteFrame = performance.now();
      }
      if (marks.firstRemoteFrame === undefined) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })();
`;

async function joinMeasured(browser: Browser, roomUrl: string, name: string, expectRemote: boolean) {
  const context = await newParticipantContext(browser);
  await context.addInitScript({ content: instrument });
  const page = await context.newPage();
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  if (expectRemote)
    await page.waitForFunction(
      () => (window as unknown as { __marks: Record<string, number> }).__marks.firstRemoteFrame !== undefined,
      null,
      { timeout: 30_000 },
    );
  else await page.waitForFunction(() => (window as unknown as { __marks: Record<string, number> }).__marks.joined !== undefined);
  const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks);
  return { page, marks };
}

async function main(): Promise<void> {
  const plenary = await startPlenary({ LOG_LEVEL: 'warn' });
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
