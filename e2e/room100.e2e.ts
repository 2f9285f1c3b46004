/**
 * A room of 100: 98 synthetic participants and two browser pages (two contexts of one Chromium,
 * as two people's browsers). Ten synthetic cameras and the other page's make eleven for nine tiles
 * a page; one synthetic participant, the last to join, talks. Everyone else joined muted (their
 * microphones are published but carry nothing): the room costs what a real one of mostly silent
 * people would, so the test fits beside the others on 2 cores. Each page's one subscription
 * carries everyone's microphone — past the 65 streams at which the subscription's description
 * once outgrew a message — decodes the cameras of its first page only (last-N), the talker among
 * them, and hears the talker.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SyntheticParticipant } from '../bench/synthetic/index.js';
import { artifactsFolder, decodingTiles, decodingVideoStreams, joinAs, newRoomUrl, sampleInbound, useMeetingFixture } from './harness.js';

// A hundred people: more than any plan's room; limits off as for a co-op's plenary.
const fixture = useMeetingFixture({ PLAN_LIMITS: 'off' });

const synthetic = 98;
const cameras = 10;
/** Synthetic participants joining at once. */
const joiningTogether = 8;
const smallCamera = { width: 160, height: 120, framesPerSecond: 10 };

/** A source address of its own for each synthetic participant: joins are limited per address. */
const sourceAddress = (index: number) => `127.0.${1 + Math.floor(index / 250)}.${2 + (index % 250)}`;

/** The page's subscription, as its transceivers stand: audio and video streams it receives, and its ICE state. */
function subscriptionStreams(page: Page): Promise<{ audio: number; video: number; connected: boolean }> {
  return page.evaluate(() => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    // The subscription is the open connection that only receives.
    const subscription = connections.find(
      (connection) =>
        connection.connectionState !== 'closed' &&
        connection.getTransceivers().length > 0 &&
        connection.getTransceivers().every((transceiver) => transceiver.direction === 'recvonly' || transceiver.direction === 'inactive'),
    );
    const receiving = (kind: string) =>
      subscription
        ?.getTransceivers()
        .filter((transceiver) => transceiver.receiver.track.kind === kind && transceiver.currentDirection === 'recvonly').length ?? 0;
    return { audio: receiving('audio'), video: receiving('video'), connected: subscription?.connectionState === 'connected' };
  });
}

/** The audio energy received from the participant on tile `tileId` over half a second (0 when nothing arrives). */
async function audioEnergyFrom(page: Page, tileId: string): Promise<number> {
  const energyNow = async () => (await sampleInbound(page)).find((sample) => sample.tile === tileId)?.audioEnergy ?? 0;
  const before = await energyNow();
  await page.waitForTimeout(500);
  return (await energyNow()) - before;
}

describe('a room of 100', () => {
  it('gives both pages everyone’s microphone on one subscription, the cameras of their first page, and the talker heard', async () => {
    const room = await newRoomUrl(fixture.plenary);
    const pages = [await fixture.newPage(), await fixture.newPage()] as const;
    await joinAs(pages[0], room, 'Browser One');
    await joinAs(pages[1], room, 'Browser Two');
    const people: SyntheticParticipant[] = [];
    try {
      for (let first = 0; first < synthetic - 1; first += joiningTogether) {
        const batch = Array.from({ length: Math.min(joiningTogether, synthetic - 1 - first) }, (_, offset) => first + offset);
        const joined = await Promise.allSettled(
          batch.map((index) =>
            SyntheticParticipant.join({
              name: `Member ${index + 1}`,
              room,
              seed: index,
              muted: true,
              video: index < cameras - 1,
              videoFormat: smallCamera,
              localAddress: sourceAddress(index),
            }),
          ),
        );
        // Those of a batch who got in are closed at the end even when another of it did not.
        for (const outcome of joined) if (outcome.status === 'fulfilled') people.push(outcome.value);
        const refused = joined.find((outcome) => outcome.status === 'rejected');
        if (refused) throw refused.reason;
      }
      const talker = await SyntheticParticipant.join({
        name: 'Talker',
        room,
        seed: synthetic,
        video: true,
        videoFormat: smallCamera,
        speakEveryMs: 1_000,
        speakForMs: 1_000,
        localAddress: sourceAddress(synthetic),
      });
      people.push(talker);
      const talkerTile = String(talker.participantId);

      for (const page of pages) {
        // Everyone's microphone and every camera on the one subscription (the other page's and 98 synthetic); only a page's worth of video is sent.
        await expect
          .poll(() => subscriptionStreams(page), { timeout: 60_000, interval: 1_000 })
          .toEqual({ audio: synthetic + 1, video: cameras + 1, connected: true });
        // The talker joined last, off the first page in join order, and is brought onto it.
        await page.locator('.tiles .tile[aria-label="Talker"]').waitFor({ timeout: 30_000 });
        await expect.poll(() => page.locator('.tiles .tile').count(), { timeout: 10_000 }).toBe(9);
        await expect.poll(async () => (await decodingTiles(page)).includes(talkerTile), { timeout: 30_000 }).toBe(true);
        await expect.poll(() => decodingVideoStreams(page), { timeout: 30_000, interval: 500 }).toBe(8);
        // Heard: its speech (about 0.03 of full power) from its own tile; nothing from a muted member's.
        await expect.poll(() => audioEnergyFrom(page, talkerTile), { timeout: 20_000 }).toBeGreaterThan(0.002);
        const mutedTile = await page.locator('.tiles .tile:has(.muted-badge)').first().getAttribute('data-tile-id');
        expect(mutedTile).toBeTruthy();
        expect(await audioEnergyFrom(page, mutedTile ?? '')).toBe(0);
      }
      // The page of nine fits the stage: no tile overlaps another or leaves it (they once overflowed onto the row below).
      const boxes = await pages[0]
        .locator('.tiles .tile')
        .evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().toJSON() as DOMRect));
      const stage = (await pages[0].locator('.tiles').boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
      for (const [index, box] of boxes.entries()) {
        expect(box.top).toBeGreaterThanOrEqual(stage.y);
        expect(box.bottom).toBeLessThanOrEqual(stage.y + stage.height);
        expect(box.left).toBeGreaterThanOrEqual(stage.x);
        expect(box.right).toBeLessThanOrEqual(stage.x + stage.width);
        for (const other of boxes.slice(index + 1)) {
          const apart = box.right <= other.left || other.right <= box.left || box.bottom <= other.top || other.bottom <= box.top;
          expect(apart, `tiles ${JSON.stringify(box)} and ${JSON.stringify(other)} overlap`).toBe(true);
        }
      }
      await pages[0].screenshot({ path: path.join(artifactsFolder, 'room-of-100.png') });
      // The server's count, as a participant sees it.
      expect(talker.others.size).toBe(synthetic + 1);
    } finally {
      for (const participant of people) participant.close();
    }
  });
});
