/**
 * Synthetic participants (`bench/synthetic/`, used by `bench/room100.ts`) against a real Plenary,
 * Janus and Chromium: if they stop speaking Plenary's protocol, stop publishing, or stop leaving
 * cleanly, the benchmarks would measure nothing — this fails first.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { SyntheticParticipant } from '../bench/synthetic/index.js';
import { TestClient } from '../src/server/signaling/test-client.js';
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

/**
 * The server's side of a join that asks for everyone's media (`join.subscribe`, sent by the web
 * client): no browser needed, a synthetic participant publishes and a bare socket joins.
 */
describe('joining with `subscribe`', () => {
  const clients: TestClient[] = [];
  const people: SyntheticParticipant[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    for (const participant of people.splice(0)) participant.close();
  });

  /** A new room where Ada's generated camera and microphone flow into Janus (only live streams are offered to others). */
  async function adaPublishing(): Promise<{ roomId: string; ada: string }> {
    const { roomId } = (await (await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' })).json()) as { roomId: string };
    const ada = await SyntheticParticipant.join({ name: 'Ada', room: roomId, baseUrl: fixture.plenary.url });
    people.push(ada);
    return { roomId, ada: ada.participantId };
  }

  async function connect(): Promise<TestClient> {
    const client = await TestClient.connect(fixture.plenary.url, { headers: { origin: fixture.plenary.url } });
    clients.push(client);
    return client;
  }

  const joinMessage = (roomId: string, extra: Record<string, unknown> = {}) => ({
    type: 'join',
    roomId,
    displayName: 'Bo',
    media: { audioMuted: false, videoMuted: false },
    subscribe: { layer: 1 },
    ...extra,
  });

  it('offers the joiner everyone published right after `joined`, without a `subscribe` of its own', async () => {
    const { roomId, ada } = await adaPublishing();
    const bo = await connect();
    bo.send(joinMessage(roomId));
    await bo.next('joined');
    const offer = await bo.next('subscription-offer', 10_000);
    expect(offer.fresh).toBe(true);
    expect(new Set(offer.streams.map((stream) => `${stream.participantId}/${stream.source}/${stream.kind}`))).toEqual(
      new Set([`${ada}/camera/audio`, `${ada}/camera/video`]),
    );
  });

  it('offers it again on a resumed join, afresh: the subscription belonged to the connection it replaces', async () => {
    const { roomId, ada } = await adaPublishing();
    const first = await connect();
    first.send(joinMessage(roomId));
    const joined = await first.next('joined');
    await first.next('subscription-offer', 10_000);
    // The page comes back on a new socket (its old one still open, as after a network change).
    const back = await connect();
    back.send(joinMessage(roomId, { resumeToken: joined.resumeToken }));
    expect(await back.next('joined')).toMatchObject({ resumed: true, self: { participantId: joined.self.participantId } });
    const offer = await back.next('subscription-offer', 10_000);
    expect(offer.fresh).toBe(true);
    expect(offer.streams.length).toBeGreaterThan(0);
    expect(offer.streams.every((stream) => stream.participantId === ada)).toBe(true);
  });
});
