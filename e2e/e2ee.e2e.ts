/**
 * An end-to-end encrypted meeting in real browsers, through the real Janus: three participants
 * each see the others' picture as the camera made it (the fake camera plays four coloured
 * quadrants, checked pixel by pixel); a fourth that takes the same streams without the keys gets
 * nothing that decodes into that picture, and the chat it is relayed is sealed; a forged key
 * message is ignored and said; when one leaves, the others move to keys the leaver never had, and
 * still see each other. A browser with only `createEncodedStreams` meets one with
 * `RTCRtpScriptTransform`; a browser with neither is refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsFolder, decodingTiles, joinAs, sampleInbound, useMeetingFixture } from './harness.js';

/** The fake camera's picture: 640×480, red, green, blue and white quadrants (as YUV 4:2:0). */
const quadrants = [
  { name: 'red', rgb: [255, 0, 0], yuv: [76, 85, 255] },
  { name: 'green', rgb: [0, 255, 0], yuv: [150, 44, 21] },
  { name: 'blue', rgb: [0, 0, 255], yuv: [29, 255, 107] },
  { name: 'white', rgb: [255, 255, 255], yuv: [255, 128, 128] },
] as const;

function writeQuadrantVideo(): string {
  const [width, height] = [640, 480];
  const plane = (planeWidth: number, planeHeight: number, component: 0 | 1 | 2) => {
    const bytes = Buffer.alloc(planeWidth * planeHeight);
    for (let y = 0; y < planeHeight; y += 1) {
      for (let x = 0; x < planeWidth; x += 1) {
        const quadrant = quadrants[(y < planeHeight / 2 ? 0 : 2) + (x < planeWidth / 2 ? 0 : 1)];
        bytes[y * planeWidth + x] = quadrant?.yuv[component] ?? 0;
      }
    }
    return bytes;
  };
  const frame = Buffer.concat([
    Buffer.from('FRAME\n'),
    plane(width, height, 0),
    plane(width / 2, height / 2, 1),
    plane(width / 2, height / 2, 2),
  ]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'plenary-e2ee-')), 'quadrants.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F15:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}

const fixture = useMeetingFixture({}, { extraFlags: [`--use-file-for-fake-video-capture=${writeQuadrantVideo()}`] });

/** A new room whose meetings are end-to-end encrypted; its link. */
async function encryptedRoom(): Promise<string> {
  const base = fixture.plenary.url;
  const created = (await (await fetch(`${base}/api/rooms`, { method: 'POST' })).json()) as { roomId: string; moderatorCode: string };
  const changed = await fetch(`${base}/api/rooms/${created.roomId}/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-moderator-code': created.moderatorCode },
    body: JSON.stringify({ endToEndEncryption: true }),
  });
  expect(changed.status).toBe(200);
  return `${base}/r/${created.roomId}`;
}

/**
 * The colour seen at the centre of each quadrant of each remote tile's video, named after the
 * nearest of the camera's four colours — or `other` when none is near — by tile id.
 */
function pictures(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(
    (references) => {
      const seen: Record<string, string[]> = {};
      for (const tile of document.querySelectorAll<HTMLElement>('.tile:not([data-local])')) {
        const video = tile.querySelector('video');
        if (!video || video.videoWidth === 0) continue;
        const canvas = document.createElement('canvas');
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        if (!context) continue;
        context.drawImage(video, 0, 0);
        const names: string[] = [];
        for (const [fx, fy] of [
          [0.25, 0.25],
          [0.75, 0.25],
          [0.25, 0.75],
          [0.75, 0.75],
        ] as const) {
          const [r = 0, g = 0, b = 0] = context.getImageData(Math.floor(canvas.width * fx), Math.floor(canvas.height * fy), 1, 1).data;
          const nearest = references
            .map(({ name, rgb: [red = 0, green = 0, blue = 0] }) => ({ name, distance: Math.hypot(r - red, g - green, b - blue) }))
            .sort((a, b) => a.distance - b.distance)[0];
          names.push(nearest && nearest.distance < 90 ? nearest.name : 'other');
        }
        seen[tile.dataset.tileId ?? ''] = names;
      }
      return seen;
    },
    quadrants as unknown as { name: string; rgb: number[] }[],
  );
}

const thePicture = ['red', 'green', 'blue', 'white'];

/** The KIDs an encrypted meeting's panel shows: ours, and the latest each other participant handed us, by participant id. */
async function keysShown(page: Page): Promise<{ own: string; peers: Record<string, string> }> {
  const summary = page.locator('.meeting-bar details.encryption > summary');
  if (!(await page.locator('.meeting-bar details.encryption[open]').count())) await summary.click();
  const entries = await page
    .locator('.encryption-keys li')
    .evaluateAll((items) =>
      items.map((item) => [(item as HTMLElement).dataset.participant ?? '', item.querySelector('.kid')?.textContent ?? '']),
    );
  const own = entries.find(([who]) => who === 'self')?.[1] ?? '';
  return { own, peers: Object.fromEntries(entries.filter(([who]) => who !== 'self')) };
}

/** The page's own participant id, once the server has said it (the own tile is `self` until then). */
async function participantId(page: Page): Promise<string> {
  const tile = page.locator('.tiles [data-local="true"]:not([data-tile-id="self"])');
  await tile.waitFor();
  return (await tile.getAttribute('data-tile-id')) ?? '';
}

describe('an end-to-end encrypted meeting', () => {
  it('shows three participants each other’s picture, none of it to one without the keys, and moves to new keys when one leaves', async () => {
    const room = await encryptedRoom();
    const [ada, bo, cy] = [await fixture.newPage(), await fixture.newPage(), await fixture.newPage()];
    await joinAs(ada, room, 'Ada');
    await joinAs(bo, room, 'Bo');
    // Cy's socket is watched: the test hands Cy a forged key message later.
    let cySocket: WebSocketRoute | undefined;
    await cy.routeWebSocket(/\/ws/, (socket) => {
      cySocket = socket;
      socket.connectToServer();
    });
    await joinAs(cy, room, 'Cy');
    const ids = { ada: await participantId(ada), bo: await participantId(bo), cy: await participantId(cy) };

    for (const [page, others] of [
      [ada, [ids.bo, ids.cy]],
      [bo, [ids.ada, ids.cy]],
      [cy, [ids.ada, ids.bo]],
    ] as const) {
      const expected = Object.fromEntries(others.map((id) => [id, thePicture]));
      await expect.poll(() => pictures(page), { timeout: 30_000, interval: 500 }).toEqual(expected);
    }
    await ada.locator('.meeting-bar .encryption-badge').getByText('End-to-end encrypted').waitFor();

    // A fourth browser that is told the meeting is not encrypted takes the same streams without the keys.
    // Ada writes in the chat: Bo reads it; what the server relays is sealed.
    await ada.keyboard.press('c');
    await ada.locator('#chat-text').fill('The budget is 1,200 credits');
    await ada.keyboard.press('Enter');
    await bo.keyboard.press('c');
    await bo.locator('.message').filter({ hasText: 'The budget is 1,200 credits' }).waitFor({ timeout: 10_000 });

    const eve = await fixture.newPage();
    const relayedToEve: string[] = [];
    await eve.routeWebSocket(/\/ws/, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((message) => {
        const text = String(message);
        relayedToEve.push(text);
        socket.send(text.includes('"type":"joined"') ? text.replace('"endToEndEncrypted":true', '"endToEndEncrypted":false') : text);
      });
    });
    await joinAs(eve, room, 'Eve');
    // She receives their streams (packets of their video and sound arrive) but no frame of them is the picture.
    const streamsToEve = async () =>
      (await sampleInbound(eve))
        .filter((sample) => sample.audioPacketsReceived > 50 && sample.videoPacketsReceived > 50)
        .map((sample) => sample.tile)
        .sort();
    await expect.poll(streamsToEve, { timeout: 20_000, interval: 500 }).toEqual([ids.ada, ids.bo, ids.cy].sort());
    await eve.waitForTimeout(3_000);
    const eveSees = await pictures(eve);
    for (const id of [ids.ada, ids.bo, ids.cy]) expect(eveSees[id ?? ''] ?? 'nothing decoded').not.toEqual(thePicture);
    expect(Object.keys(await pictures(ada))).toHaveLength(2); // Eve's own plain frames do not decode for Ada either.
    expect(relayedToEve.join('\n')).toContain('"sealed":true');
    expect(relayedToEve.join('\n')).not.toContain('1,200');
    await eve.close();

    // Everyone holds the same public keys: the same safety code everywhere.
    const codes = await Promise.all(
      [ada, bo, cy].map(async (page) => {
        await keysShown(page);
        return page.locator('.safety-code').getAttribute('data-code');
      }),
    );
    expect(new Set(codes).size).toBe(1);
    await ada.screenshot({ path: path.join(artifactsFolder, 'e2ee-panel.png') });

    // A key message the server forged (or garbled) for Cy is ignored and said.
    cySocket?.send(JSON.stringify({ type: 'e2ee-key', from: ids.ada, wrapped: 'A'.repeat(70) }));
    await keysShown(cy);
    await cy.locator('.encryption-refused').filter({ hasText: '1 key message could not be verified' }).waitFor({ timeout: 5_000 });
    expect(Object.keys(await pictures(cy))).toHaveLength(2);

    // Cy knows Ada's and Bo's keys; after Cy leaves they move to keys Cy never had, and still see each other.
    const cyHeld = (await keysShown(cy)).peers;
    expect(cyHeld[ids.ada]).toMatch(/^[0-9a-f]{12}$/);
    await cy.close();
    await expect.poll(async () => (await keysShown(ada)).own, { timeout: 15_000 }).not.toBe(cyHeld[ids.ada]);
    await expect.poll(async () => (await keysShown(bo)).own, { timeout: 15_000 }).not.toBe(cyHeld[ids.bo]);
    await expect.poll(async () => (await keysShown(ada)).peers[ids.bo], { timeout: 15_000 }).toBe((await keysShown(bo)).own);
    await expect.poll(() => decodingTiles(ada), { timeout: 15_000, interval: 500 }).toEqual([ids.bo]);
    expect(await pictures(ada)).toEqual({ [ids.bo]: thePicture });
    await ada.close();
    await bo.close();
  });

  it('meets a browser that has only Chromium’s older encoded streams, each seeing the other’s picture', async () => {
    const room = await encryptedRoom();
    const modern = await fixture.newPage();
    const older = await fixture.newPage();
    await older.addInitScript(() => {
      delete (window as unknown as { RTCRtpScriptTransform?: unknown }).RTCRtpScriptTransform;
    });
    await joinAs(modern, room, 'Modern');
    await joinAs(older, room, 'Older');
    const [modernId, olderId] = [await participantId(modern), await participantId(older)];
    await expect.poll(() => pictures(modern), { timeout: 30_000, interval: 500 }).toEqual({ [olderId]: thePicture });
    await expect.poll(() => pictures(older), { timeout: 30_000, interval: 500 }).toEqual({ [modernId]: thePicture });
    await modern.close();
    await older.close();
  });

  it('tells a browser that cannot encrypt that it cannot join, and lets it in unencrypted nowhere', async () => {
    const room = await encryptedRoom();
    const page = await fixture.newPage();
    await page.addInitScript(() => {
      const scope = window as unknown as { RTCRtpScriptTransform?: unknown };
      delete scope.RTCRtpScriptTransform;
      delete (RTCRtpSender.prototype as unknown as { createEncodedStreams?: unknown }).createEncodedStreams;
    });
    await page.goto(room);
    await page.getByLabel('Your name').fill('Old browser');
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.getByText('This meeting is end-to-end encrypted, and this browser cannot encrypt video and sound').waitFor();
    expect(await page.locator('.tiles').count()).toBe(0);
    await page.close();
  });
});
