/**
 * Synthetic participants (`bench/synthetic/`, used by `bench/room100.ts`) against a real Plenary,
 * Janus and Chromium: if they stop speaking Plenary's protocol, stop publishing, or stop leaving
 * cleanly, the benchmarks would measure nothing — this fails first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SyntheticParticipant } from '../bench/synthetic/index.js';
import { sampleInbound, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

/** Connections on the page that decoded new 320-wide frames between two samples. */
async function decodingSyntheticCameras(page: Page): Promise<number> {
  const before = await sampleInbound(page);
  await page.waitForTimeout(1_000);
  const after = await sampleInbound(page);
  if (before.length !== after.length) return -1;
  return after.filter(
    (sample, index) => sample.videoFrameWidth === 320 && sample.videoFramesDecoded > (before[index]?.videoFramesDecoded ?? 0),
  ).length;
}

describe('synthetic participants', () => {
  it('join through the real signalling, are seen, heard talking and listed by a browser, receive its camera, and leave cleanly', async () => {
    const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
    const { roomId } = (await created.json()) as { roomId: string };
    const room = `${fixture.plenary.url}/r/${roomId}`;
    // Ada talks all the time; Bo is silent and subscribes to everyone.
    const ada = await SyntheticParticipant.join({ name: 'Synthetic Ada', room, speakEveryMs: 1_000, speakForMs: 1_000 });
    const bo = await SyntheticParticipant.join({ name: 'Synthetic Bo', room, subscribe: true, seed: 1 });
    try {
      expect(ada.timings.publisherConnectedMs).toBeGreaterThan(ada.timings.joinedMs);

      const page = await fixture.newPage();
      await page.goto(room);
      await page.getByLabel('Your name').fill('Watcher');
      await page.getByRole('button', { name: 'Join meeting' }).click();
      for (const name of ['Synthetic Ada', 'Synthetic Bo']) await page.locator(`.tiles .tile[aria-label="${name}"]`).waitFor();
      await expect.poll(() => decodingSyntheticCameras(page), { timeout: 30_000, interval: 500 }).toBe(2);
      await page.locator('.tile.speaking[aria-label="Synthetic Ada"]').waitFor({ timeout: 20_000 });

      // The server's list, as each synthetic participant received it.
      await expect.poll(() => [...bo.others.values()].map((other) => other.displayName).sort()).toEqual(['Synthetic Ada', 'Watcher']);
      expect([...ada.others.values()].map((other) => other.displayName).sort()).toEqual(['Synthetic Bo', 'Watcher']);
      // Bo's subscriptions decode the others' cameras (Ada's and the browser's).
      await expect.poll(async () => (await bo.rtpTotals()).framesDecoded, { timeout: 20_000 }).toBeGreaterThan(0);

      ada.close();
      bo.close();
      await expect.poll(() => page.locator('.tiles .tile').count(), { timeout: 10_000 }).toBe(1);
    } finally {
      ada.close();
      bo.close();
    }
  });
});
