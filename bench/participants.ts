/** Benchmark participants: real Chromium pages that time their own join. */
import type { Browser } from 'playwright-core';
import { newParticipantContext } from '../e2e/harness.js';

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

/** Opens the room in a fresh context, joins as `name`, and returns the page with its timings. */
export async function joinMeasured(browser: Browser, roomUrl: string, name: string, expectRemote: boolean) {
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
