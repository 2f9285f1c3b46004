/**
 * Three real Chromium participants hold a meeting through Plenary and its supervised Janus:
 * each decodes every other's video and receives their audio; tiles follow arrivals, a leave
 * and a crashed tab.
 */

import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsFolder, type InboundSample, launchChromium, newParticipantContext, sampleInbound, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

async function joinAs(page: Page, roomUrl: string, name: string): Promise<void> {
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.locator('.tiles [data-local="true"]').waitFor();
}

/** Waits until the page shows `count` tiles (its own included). */
async function expectTiles(page: Page, count: number, timeoutMs = 15_000): Promise<void> {
  await expect.poll(() => page.locator('.tiles .tile').count(), { timeout: timeoutMs }).toBe(count);
}

/** Connections whose video frames were decoded and audio packets received between two samples. */
function flowing(before: InboundSample[], after: InboundSample[]): number {
  return after.filter((sample, index) => {
    const earlier = before[index];
    return (
      earlier !== undefined &&
      sample.videoFrameWidth > 0 &&
      sample.videoFramesDecoded > earlier.videoFramesDecoded &&
      sample.audioPacketsReceived > earlier.audioPacketsReceived
    );
  }).length;
}

async function expectMediaFromOthers(page: Page, others: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const before = await sampleInbound(page);
        await page.waitForTimeout(1_500);
        const after = await sampleInbound(page);
        return before.length === after.length ? flowing(before, after) : -1;
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(others);
}

describe('a meeting of three', () => {
  it('lets three browsers see and hear each other, and notices a leave and a crashed tab', async () => {
    const alice = await fixture.newPage();
    await alice.goto(fixture.plenary.url);
    await alice.getByRole('button', { name: 'New meeting' }).click();
    await alice.waitForURL(/\/r\/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const roomUrl = alice.url();
    await alice.getByLabel('Your name').fill('Alice');
    await alice.getByRole('button', { name: 'Join meeting' }).click();

    const bob = await fixture.newPage();
    await joinAs(bob, roomUrl, 'Bob');
    const carol = await fixture.newPage();
    await joinAs(carol, roomUrl, 'Carol');

    for (const page of [alice, bob, carol]) await expectTiles(page, 3);
    for (const page of [alice, bob, carol]) await expectMediaFromOthers(page, 2);
    await expect.poll(() => alice.locator('.tiles .tile video:not([hidden])').count()).toBe(3);
    await alice.screenshot({ path: path.join(artifactsFolder, 'meeting-of-three.png') });

    await carol.getByRole('button', { name: 'Leave' }).click();
    await carol.getByRole('heading', { name: 'You left the meeting' }).waitFor();
    for (const page of [alice, bob]) await expectTiles(page, 2);
    for (const page of [alice, bob]) await expectMediaFromOthers(page, 1);

    // A tab that dies without a goodbye is gone for the others within 10 s.
    await bob.goto('chrome://crash').catch(() => undefined);
    await expectTiles(alice, 1, 10_000);
  });

  it('shows a clear page for an unknown room', async () => {
    const page = await fixture.newPage();
    await page.goto(`${fixture.plenary.url}/r/aaaa-bbbb-cccc`);
    await page.getByRole('heading', { name: 'This meeting link does not exist' }).waitFor();
    await page.goto(`${fixture.plenary.url}/r/not-a-room`);
    await page.getByRole('heading', { name: 'This meeting link does not exist' }).waitFor();
  });

  it('shows who is speaking, and puts them large in speaker view', async () => {
    const speakingBrowser = await launchChromium({ speaking: true });
    try {
      const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
      const { roomId } = (await created.json()) as { roomId: string };
      const roomUrl = `${fixture.plenary.url}/r/${roomId}`;
      const listener = await fixture.newPage();
      await joinAs(listener, roomUrl, 'Listener');
      const speaker = await (await newParticipantContext(speakingBrowser.browser)).newPage();
      await joinAs(speaker, roomUrl, 'Speaker');
      await listener.locator('.tile.speaking[aria-label="Speaker"]').waitFor({ timeout: 20_000 });
      await listener.locator('.controls summary').filter({ hasText: 'More' }).click();
      await listener.getByRole('button', { name: 'Speaker view' }).click();
      await listener.locator('.tiles.large .tile[aria-label="Speaker"]').waitFor();
      await listener.getByRole('button', { name: 'People' }).click();
      await listener.locator('.person.speaking').filter({ hasText: 'Speaker' }).waitFor();
      // Muting stops the speaking at once, though the tone goes on.
      await speaker.getByRole('button', { name: 'Mute microphone' }).click();
      await listener.locator('.tile[aria-label="Speaker"]:not(.speaking)').waitFor({ timeout: 5_000 });
      // A silent microphone, unmuted, costs almost nothing downstream (Opus DTX, negotiated by
      // Janus's room): a few packets a second instead of fifty.
      const audioPackets = async () => (await sampleInbound(listener)).reduce((sum, sample) => sum + sample.audioPacketsReceived, 0);
      const packetsPerSecond = async () => {
        const before = await audioPackets();
        await listener.waitForTimeout(1_000);
        return (await audioPackets()) - before;
      };
      await speaker.getByRole('button', { name: 'Unmute microphone' }).click();
      await expect.poll(packetsPerSecond, { timeout: 10_000 }).toBeGreaterThan(40);
      await speaker.evaluate(async () => {
        // Digital silence that keeps flowing: a muted oscillator into a stream.
        const audio = new AudioContext();
        await audio.resume();
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        gain.gain.value = 0;
        const destination = audio.createMediaStreamDestination();
        oscillator.connect(gain).connect(destination);
        oscillator.start();
        const [silence] = destination.stream.getAudioTracks();
        for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
          for (const sender of connection.getSenders()) if (sender.track?.kind === 'audio') await sender.replaceTrack(silence ?? null);
        }
      });
      await expect.poll(packetsPerSecond, { timeout: 10_000 }).toBeLessThan(10);
    } finally {
      await speakingBrowser.close();
    }
  });

  it('opens its signalling socket on the pre-join screen and joins over that one socket', async () => {
    const page = await fixture.newPage();
    const sockets: { sentBeforeJoinClick: string[]; sent: string[] }[] = [];
    let joinClicked = false;
    page.on('websocket', (socket) => {
      const frames = { sentBeforeJoinClick: [] as string[], sent: [] as string[] };
      sockets.push(frames);
      socket.on('framesent', ({ payload }) => {
        const type = /^\{"type":"([a-z-]+)"/.exec(String(payload))?.[1] ?? '?';
        frames.sent.push(type);
        if (!joinClicked) frames.sentBeforeJoinClick.push(type);
      });
    });
    await page.goto(fixture.plenary.url);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.waitForURL(/\/r\/[a-z2-9-]{14}$/);
    await page.getByLabel('Your name').fill('Early');
    await expect.poll(() => sockets.length).toBe(1);
    joinClicked = true;
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.locator('.tiles [data-local="true"]').waitFor();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.sentBeforeJoinClick).toEqual([]);
    expect(sockets[0]?.sent[0]).toBe('join');
  });
});
