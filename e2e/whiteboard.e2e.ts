/**
 * The whiteboard in a meeting of two real browsers, over a presentation's page: the presenter
 * draws a stroke with the mouse and the other sees it (a path in the page's SVG); the presenter's
 * undo takes it away for both, and Ctrl+Shift+Z brings it back; a viewer's stroke forced through
 * the socket is refused in words until the presenter lets everyone draw, after which the viewer
 * draws with the mouse too.
 */
import * as encoding from 'lib0/encoding';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { testPdf } from '../src/server/meetings/presentation-testing.js';
import { toBase64Url } from '../src/shared/base64url.js';
import { boardOf } from '../src/shared/whiteboard-model.js';
import { joinAs, startMeetingAs, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

// Run in the page before its own scripts: each WebSocket it opens is kept in `window.__sockets`,
// so the test can send what the page itself never would.
const recordSockets =
  'window.__sockets = []; window.WebSocket = new Proxy(window.WebSocket, { construct: (Target, parameters) => { const socket = new Target(...parameters); window.__sockets.push(socket); return socket; } });';

/** The shapes drawn on the page shown (one SVG path or text each). */
const shapesShown = (page: Page) => page.locator('.whiteboard-overlay [data-shape]').count();

/** Drags the mouse across the page's board from (x0, y0) to (x1, y1), as fractions of its size, in `steps` moves. */
async function drag(page: Page, [x0, y0]: [number, number], [x1, y1]: [number, number], steps = 8): Promise<void> {
  const box = await page.locator('.whiteboard-overlay svg').boundingBox();
  if (!box) throw new Error('no board shown');
  await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
  await page.mouse.down();
  for (let step = 1; step <= steps; step += 1) {
    const t = step / steps;
    // A gentle curve, so that a pen stroke is not a straight line.
    const bend = Math.sin(t * Math.PI) * 0.05;
    await page.mouse.move(box.x + box.width * (x0 + (x1 - x0) * t), box.y + box.height * (y0 + (y1 - y0) * t - bend));
  }
  await page.mouse.up();
}

/** A pen stroke on `board`, as a y-protocols update message from a page the server never synced. */
function forgedStroke(board: string): string {
  const doc = new Y.Doc();
  boardOf(doc, board).push([{ id: 'forged-stroke-01', kind: 'pen', points: [100, 100, 50, 900, 900, 50], colour: '#d32f2f', width: 40 }]);
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return toBase64Url(encoding.toUint8Array(encoder));
}

describe('the whiteboard in a meeting', () => {
  it('shows a stroke to the other, takes it away for both on undo, and lets a viewer draw only once allowed', async () => {
    const mo = await fixture.newPage();
    const roomUrl = await startMeetingAs(mo, fixture.plenary.url, 'Mo');
    const ann = await fixture.newPage();
    await ann.context().addInitScript({ content: recordSockets });
    await joinAs(ann, roomUrl, 'Ann');

    await mo.getByRole('button', { name: 'Presentation' }).click();
    await mo.getByLabel('Upload a PDF').setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: await testPdf(3) });
    await ann.locator('.presentation-stage canvas[data-page="1"]').waitFor();
    await mo.locator('.presentation-stage canvas[data-page="1"]').waitFor();
    await mo.getByRole('button', { name: 'Presentation', exact: true }).click();

    // The presenter turns drawing on and draws a stroke with the mouse: the other sees it.
    await mo.getByRole('button', { name: 'Draw on the page' }).click();
    await drag(mo, [0.2, 0.3], [0.6, 0.5]);
    await expect.poll(() => shapesShown(ann)).toBe(1);
    expect(await shapesShown(mo)).toBe(1);

    // Undo takes it away for both; Ctrl+Shift+Z brings it back, Ctrl+Z takes it away again.
    await mo.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
    await expect.poll(() => shapesShown(ann)).toBe(0);
    expect(await shapesShown(mo)).toBe(0);
    await mo.keyboard.press('Control+Shift+Z');
    await expect.poll(() => shapesShown(ann)).toBe(1);
    await mo.keyboard.press('Control+Z');
    await expect.poll(() => shapesShown(ann)).toBe(0);

    // A viewer has no Draw button, and the server refuses a stroke forced through the socket.
    expect(await ann.getByRole('button', { name: 'Draw on the page' }).count()).toBe(0);
    const board = await ann.locator('.whiteboard-overlay svg').getAttribute('data-board');
    await ann.evaluate(
      (message) => {
        const sockets = (window as unknown as { __sockets: WebSocket[] }).__sockets;
        sockets.at(-1)?.send(JSON.stringify({ type: 'whiteboard-sync', message }));
      },
      forgedStroke(board ?? ''),
    );
    await ann.getByText('Only the presenter can draw on the whiteboard until everyone is allowed to.').waitFor();
    await mo.waitForTimeout(300);
    expect(await shapesShown(mo)).toBe(0);

    // Once the presenter lets everyone draw, the viewer draws with the mouse and the presenter sees it.
    await mo.getByLabel('Let everyone draw').check();
    await ann.getByRole('button', { name: 'Draw on the page' }).click();
    await drag(ann, [0.3, 0.7], [0.7, 0.75]);
    await expect.poll(() => shapesShown(mo)).toBe(1);
  });
});
