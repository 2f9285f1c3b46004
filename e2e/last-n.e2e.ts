/**
 * Last-N by tile space in a room with more cameras than a page holds: ten synthetic participants
 * and one Chromium. The one who talks joined last — off the first page in join order — yet is
 * brought onto it and decoded; the browser receives video only for the cameras on its page.
 */
import { describe, expect, it } from 'vitest';
import { SyntheticParticipant } from '../bench/synthetic/index.js';
import { decodingTiles, decodingVideoStreams, joinAs, newRoomUrl, useMeetingFixture } from './harness.js';

// Eleven people: more than the Free plan an anonymous room keeps to.
const fixture = useMeetingFixture({ PLAN_LIMITS: 'off' });

describe('last-N', () => {
  it('puts the one who talks on the first page and receives video for that page only', async () => {
    const room = await newRoomUrl(fixture.plenary);
    const page = await fixture.newPage();
    await joinAs(page, room, 'Ada');
    const people: SyntheticParticipant[] = [];
    try {
      for (let index = 1; index <= 9; index += 1)
        people.push(await SyntheticParticipant.join({ name: `Quiet ${index}`, room, seed: index }));
      const talker = await SyntheticParticipant.join({ name: 'Talker', room, seed: 10, speakEveryMs: 1_000, speakForMs: 1_000 });
      people.push(talker);
      // Eleven cameras, nine tiles a page: the talker (last to join) is brought onto the first page.
      await page.locator('.tiles .tile[aria-label="Talker"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator('.tiles .tile').count()).toBe(9);
      await expect.poll(async () => (await decodingTiles(page)).includes(String(talker.participantId)), { timeout: 30_000 }).toBe(true);
      // Video arrives only for the eight others on the page.
      await expect.poll(() => decodingVideoStreams(page), { timeout: 30_000, interval: 500 }).toBe(8);
    } finally {
      for (const participant of people) participant.close();
    }
  });
});
