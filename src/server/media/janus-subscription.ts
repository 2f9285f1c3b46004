/**
 * One participant's subscription to others' feeds in a Janus videoroom, on a single
 * PeerConnection (Janus 1.x multistream): feeds are added and removed with `update`, each change
 * answered with a new offer for the browser; each feed's video layer is chosen by its mid.
 *
 * Janus keeps the m-lines of removed streams (inactive) and reuses them for later ones, so a mid
 * may carry another feed after a renegotiation: the streams of the latest offer are the truth.
 * Every offer must be answered (`start`) before the next `update`; the caller serialises them.
 */
import Janode from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import { z } from 'zod';
import type { SessionDescription } from '../../shared/protocol.js';
import type { FeedRequest, SubscribedStream, SubscriptionOffer } from '../meetings/index.js';
import { JsepSchema, MediaHandle } from './janus-handles.js';

export type { FeedRequest, SubscribedStream, SubscriptionOffer };

const StreamSchema = z
  .object({
    type: z.string(),
    active: z.boolean().optional(),
    mid: z.string(),
    feed_id: z.number().int().optional(),
  })
  .passthrough();
const UpdatedSchema = z.object({ jsep: JsepSchema.optional(), streams: z.array(StreamSchema).optional() });

/** The active audio and video streams of a Janus reply. */
function activeStreams(streams: z.infer<typeof StreamSchema>[] | undefined): SubscribedStream[] {
  const active: SubscribedStream[] = [];
  for (const stream of streams ?? []) {
    if (stream.active === false || stream.feed_id === undefined || (stream.type !== 'audio' && stream.type !== 'video')) continue;
    active.push({ mid: stream.mid, feedId: stream.feed_id, kind: stream.type });
  }
  return active;
}

const streamRequest = (feed: FeedRequest) => ({ feed: feed.feedId, ...(feed.layer === undefined ? {} : { substream: feed.layer }) });

export class SubscriptionHandle extends MediaHandle {
  /** The streams of the latest offer. */
  #streams: SubscribedStream[];

  private constructor(handle: VideoRoomHandle, streams: SubscribedStream[]) {
    super(handle);
    this.#streams = streams;
  }

  /** The streams of the latest offer (active ones only). */
  get streams(): readonly SubscribedStream[] {
    return this.#streams;
  }

  /**
   * Joins `janusRoomId` as a subscriber to `feeds` (at least one), linked to the participant's
   * publisher by `privateId`; resolves with the handle and its first offer. Closes the handle again
   * if the join fails.
   */
  static async join(
    handle: VideoRoomHandle,
    janusRoomId: number,
    privateId: number,
    feeds: readonly FeedRequest[],
  ): Promise<{ subscription: SubscriptionHandle; offer: SubscriptionOffer }> {
    // Janus trickles its candidates as soon as it has made the offer, before the join returns.
    const early: unknown[] = [];
    const collect = (data: unknown) => early.push(data);
    handle.on(Janode.EVENT.HANDLE_TRICKLE, collect);
    try {
      const joined = UpdatedSchema.parse(
        await handle.joinSubscriber({ room: janusRoomId, private_id: privateId, streams: feeds.map(streamRequest), autoupdate: false }),
      );
      if (joined.jsep?.type !== 'offer') throw new Error('Janus answered a subscription without an offer');
      const streams = activeStreams(joined.streams);
      const subscription = new SubscriptionHandle(handle, streams);
      for (const data of early) subscription.receiveTrickle(data);
      return { subscription, offer: { offer: joined.jsep, streams } };
    } catch (error) {
      await handle.detach().catch(() => undefined);
      throw error;
    } finally {
      handle.off(Janode.EVENT.HANDLE_TRICKLE, collect);
    }
  }

  /**
   * Adds and removes feeds; resolves with the new offer, or `undefined` when Janus had nothing to
   * renegotiate (the change made no difference).
   */
  async update(change: { add: readonly FeedRequest[]; remove: readonly number[] }): Promise<SubscriptionOffer | undefined> {
    const reply = UpdatedSchema.parse(
      await this.handle.update({
        ...(change.add.length > 0 ? { subscribe: change.add.map(streamRequest) } : {}),
        ...(change.remove.length > 0 ? { unsubscribe: change.remove.map((feedId) => ({ feed: feedId })) } : {}),
      }),
    );
    if (reply.jsep?.type !== 'offer') return undefined;
    this.#streams = activeStreams(reply.streams);
    return { offer: reply.jsep, streams: this.#streams };
  }

  /** Answers the latest offer; media flows (again) once Janus has it. */
  async start(answer: SessionDescription): Promise<void> {
    await this.handle.start({ jsep: answer });
  }

  /** Chooses the simulcast layer relayed of `feedId`'s video (0 lowest … 2 highest), or none of it (`null`). */
  async setVideoLayer(feedId: number, layer: 0 | 1 | 2 | null): Promise<void> {
    const video = this.#streams.find((stream) => stream.feedId === feedId && stream.kind === 'video');
    if (!video || this.closed) return;
    const stream = layer === null ? { mid: video.mid, send: false } : { mid: video.mid, send: true, substream: layer };
    await this.handle.configure({ streams: [stream] });
  }
}
