/**
 * Janus's multistream subscription (`SubscriptionHandle`) against a real Janus: two publishers
 * (Node WebRTC with generated media) and one subscriber PeerConnection that takes one feed,
 * then both, chooses a video layer of none for one, and drops one — each change a renegotiation
 * of the same connection, each offer's streams naming the right feeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeneratedAudio, GeneratedVideo } from '../bench/synthetic/generated-media.js';
import { MediaConnection } from '../bench/synthetic/media-connection.js';
import type { JanusRoom, PublisherHandle, SubscriptionHandle, SubscriptionOffer } from '../src/server/media/index.js';
import { startTestServer, type TestServer } from '../src/server/testing.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A publisher of generated audio and video through `handle`, once Janus has its PeerConnection up (only then can it be subscribed to). */
async function publish(handle: PublisherHandle, seed: number) {
  const up = new Promise<void>((resolve) => handle.once('webrtc-up', resolve));
  const video = new GeneratedVideo(undefined, seed);
  const audio = new GeneratedAudio(undefined);
  const { media, offer } = await MediaConnection.publisher([audio.track, video.track], [], (candidate) => void handle.trickle(candidate));
  handle.on('candidate', (candidate) => void media.addRemoteCandidate(candidate));
  await media.setRemoteDescription(await handle.publish(offer));
  await up;
  return {
    close() {
      media.close();
      video.stop();
      audio.stop();
    },
  };
}

/** Packets and frames received so far on each mid of `connection`. */
async function inboundByMid(connection: RTCPeerConnection): Promise<Map<string, { packets: number; frames: number }>> {
  const byMid = new Map<string, { packets: number; frames: number }>();
  (await connection.getStats()).forEach((entry: RTCInboundRtpStreamStats & { mid?: string }) => {
    if (entry.type === 'inbound-rtp' && entry.mid !== undefined) {
      byMid.set(entry.mid, { packets: entry.packetsReceived ?? 0, frames: entry.framesDecoded ?? 0 });
    }
  });
  return byMid;
}

/** The mids of the offer's streams that grew by some packets (and, for video, frames) over a second. */
async function flowingMids(connection: RTCPeerConnection): Promise<string[]> {
  const before = await inboundByMid(connection);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const after = await inboundByMid(connection);
  return [...after]
    .filter(([mid, now]) => now.packets > (before.get(mid)?.packets ?? 0))
    .map(([mid]) => mid)
    .sort();
}

describe('a multistream subscription', () => {
  it('carries the feeds it is given on one PeerConnection, renegotiated as they are added, switched off and removed', async () => {
    const gateway = server.services.gateway;
    const room = (await gateway.createRoom(10)) as JanusRoom;
    const [ada, bo] = [await gateway.openPublisher(room, 'Ada'), await gateway.openPublisher(room, 'Bo')];
    const publishers = [await publish(ada, 1), await publish(bo, 2)];
    let subscriber: { subscription: SubscriptionHandle; media: MediaConnection } | undefined;
    try {
      const opened = await gateway.openSubscription(room, ada.privateId, [{ feedId: ada.feedId }]);
      expect(opened.offer.streams.map(({ feedId, kind }) => [feedId, kind])).toEqual([
        [ada.feedId, 'audio'],
        [ada.feedId, 'video'],
      ]);
      const { media, answer } = await MediaConnection.subscription(
        opened.offer.offer,
        [],
        (candidate) => void opened.subscription.trickle(candidate),
      );
      subscriber = { subscription: opened.subscription, media };
      opened.subscription.on('candidate', (candidate) => void media.addRemoteCandidate(candidate));
      await opened.subscription.start(answer);
      const midsOf = (offer: SubscriptionOffer, feedId: number) =>
        offer.streams.filter((stream) => stream.feedId === feedId).map((stream) => stream.mid);
      await expect.poll(() => flowingMids(media.connection), { timeout: 20_000 }).toEqual(midsOf(opened.offer, ada.feedId).sort());

      /** Applies a renegotiation to the same connection. */
      const renegotiate = async (offer: SubscriptionOffer | undefined) => {
        if (!offer) throw new Error('expected a new offer');
        await media.setRemoteDescription(offer.offer);
        const next = await media.connection.createAnswer();
        await media.connection.setLocalDescription(next);
        await opened.subscription.start({ type: 'answer', sdp: next.sdp ?? '' });
        return offer;
      };
      const both = await renegotiate(await opened.subscription.update({ add: [{ feedId: bo.feedId, layer: 0 }], remove: [] }));
      expect(both.streams).toHaveLength(4);
      const adaMids = midsOf(both, ada.feedId);
      const boMids = midsOf(both, bo.feedId);
      await expect.poll(() => flowingMids(media.connection), { timeout: 20_000 }).toEqual([...adaMids, ...boMids].sort());

      // No video of Ada's: her audio still flows, her video stops.
      await opened.subscription.setVideoLayer(ada.feedId, null);
      const adaVideo = both.streams.find((stream) => stream.feedId === ada.feedId && stream.kind === 'video')?.mid;
      await expect
        .poll(() => flowingMids(media.connection), { timeout: 10_000 })
        .toEqual([...adaMids.filter((mid) => mid !== adaVideo), ...boMids].sort());

      // And back on its lowest layer: her video flows again.
      await opened.subscription.setVideoLayer(ada.feedId, 0);
      await expect.poll(() => flowingMids(media.connection), { timeout: 10_000 }).toEqual([...adaMids, ...boMids].sort());

      const withoutAda = await renegotiate(await opened.subscription.update({ add: [], remove: [ada.feedId] }));
      expect(withoutAda.streams.map((stream) => stream.feedId)).toEqual([bo.feedId, bo.feedId]);
      await expect.poll(() => flowingMids(media.connection), { timeout: 10_000 }).toEqual(boMids.sort());
      expect(media.connection.getTransceivers().length).toBe(4);
    } finally {
      subscriber?.media.close();
      await subscriber?.subscription.close();
      for (const publisher of publishers) publisher.close();
      await ada.close();
      await bo.close();
      await gateway.destroyRoom(room);
    }
  });
});
