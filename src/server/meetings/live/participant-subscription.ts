/**
 * One participant's subscription to the others' streams: a single media-server subscription
 * (one PeerConnection in the browser) that is renegotiated as streams are wanted and dropped.
 * Owned by its `LiveParticipant`; `RoomMedia` says what is wanted. Changes are coalesced and
 * negotiated one at a time: an offer goes to the browser (`subscription-offer`), and the next
 * change waits for its answer (`subscription-answer`) or gives up after `answerTimeoutMs`, closing
 * the subscription (the browser then gets a fresh one for what it still wants).
 */
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { IceCandidate, MediaSource, ServerMessage, SessionDescription, VideoLayer } from '../../../shared/protocol.js';
import type { Clock } from '../../platform/clock.js';
import type { FeedRequest, MediaSubscription, SubscriptionOffer } from './media-server.js';

/** Whose stream a subscribed feed is. */
export interface FeedOwner {
  participantId: ParticipantId;
  source: MediaSource;
}

/** What a participant's subscription needs from its room's media. */
export interface SubscriptionHost {
  clock: Clock;
  /** Opens the media-server subscription with `feeds` (at least one). */
  open(feeds: readonly FeedRequest[]): Promise<{ subscription: MediaSubscription; offer: SubscriptionOffer }>;
  /** Whose stream `feedId` is now; `undefined` for a feed that has gone. */
  ownerOf(feedId: number): FeedOwner | undefined;
  /** Logs a failed negotiation. */
  failed(error: unknown): void;
}

/** The key of a wanted stream: whose, which source. */
export type StreamKey = `${ParticipantId}/${MediaSource}`;
export const streamKey = (participantId: ParticipantId, source: MediaSource): StreamKey => `${participantId}/${source}`;

interface Wanted {
  feedId: number;
  layer: VideoLayer;
}

interface Change {
  add: { key: StreamKey; feedId: number; layer: VideoLayer }[];
  remove: { key: StreamKey; feedId: number }[];
}

export class ParticipantSubscription {
  #host: SubscriptionHost | undefined;
  #handle: MediaSubscription | undefined;
  /** What the browser should receive. */
  readonly #wanted = new Map<StreamKey, Wanted>();
  /** What the media-server subscription carries (after the negotiations so far). */
  readonly #carried = new Map<StreamKey, number>();
  #pendingAnswer: ((answer: SessionDescription | undefined) => void) | undefined;
  #negotiating = false;
  /**
   * A stream was wanted again, not carried, while a negotiation was under way: if that one gives
   * up, it is tried once more (the page's own `subscribe`s arrive while a join's first
   * subscription is still being opened — they are its retry).
   */
  #askedAgain = false;
  /** Bumped whenever everything is reset: a negotiation that sees it change was overtaken. */
  #generation = 0;

  constructor(private readonly send: (message: ServerMessage) => void) {}

  /**
   * Wants `key`'s stream (feed `feedId`), starting on `layer`; a changed feed replaces the old one.
   * Wanted again with another layer, that layer is chosen (as `setVideoLayer`); wanted again while
   * not carried (a negotiation for it gave up), it is negotiated again.
   */
  want(host: SubscriptionHost, key: StreamKey, feedId: number, layer: VideoLayer): void {
    this.wantAll(host, [{ key, feedId, layer }]);
  }

  /** Wants several streams at once: one negotiation (one offer) for all of them. */
  wantAll(host: SubscriptionHost, streams: readonly { key: StreamKey; feedId: number; layer: VideoLayer }[]): void {
    this.#host = host;
    let changed = false;
    for (const { key, feedId, layer } of streams) {
      const current = this.#wanted.get(key);
      if (current?.feedId !== feedId) {
        this.#wanted.set(key, { feedId, layer });
        changed = true;
      } else if (current.layer !== layer) {
        this.setVideoLayer(key, layer).catch((error: unknown) => host.failed(error));
      }
    }
    // Wanted again after a negotiation gave up (the media server failed it): try again — after the
    // one under way, if it gives up too.
    if (!changed && this.#negotiating && streams.some(({ key, feedId }) => this.#carried.get(key) !== feedId)) this.#askedAgain = true;
    if (changed || (!this.#negotiating && this.#change())) this.#negotiate();
  }

  /** Stops wanting `key`'s stream. */
  drop(key: StreamKey): void {
    if (this.#wanted.delete(key)) this.#negotiate();
  }

  /** Whether `key`'s stream is wanted. */
  wants(key: StreamKey): boolean {
    return this.#wanted.has(key);
  }

  /** Takes the browser's answer to the latest offer; false when none was awaited. */
  answered(answer: SessionDescription): boolean {
    const pending = this.#pendingAnswer;
    if (!pending) return false;
    this.#pendingAnswer = undefined;
    pending(answer);
    return true;
  }

  /** Chooses the layer of `key`'s video (`null`: none); false when that stream is not wanted. */
  async setVideoLayer(key: StreamKey, layer: VideoLayer): Promise<boolean> {
    const wanted = this.#wanted.get(key);
    if (!wanted) return false;
    wanted.layer = layer;
    const carried = this.#carried.get(key);
    if (this.#handle && carried === wanted.feedId) await this.#handle.setVideoLayer(carried, layer);
    return true;
  }

  /** Passes the browser's ICE candidate on; dropped when there is no subscription. */
  async trickle(candidate: IceCandidate): Promise<void> {
    await this.#handle?.trickle(candidate).catch(() => undefined);
  }

  /** Closes the media-server subscription and forgets everything (the participant left, or its connection changed). */
  close(): void {
    const handle = this.#handle;
    this.#reset();
    this.#wanted.clear();
    void handle?.close();
  }

  /** Forgets everything without asking the media server (it went away). */
  forget(): void {
    this.#reset();
    this.#wanted.clear();
  }

  #reset(): void {
    this.#generation += 1;
    this.#handle = undefined;
    this.#carried.clear();
    this.#pendingAnswer?.(undefined);
    this.#pendingAnswer = undefined;
  }

  /** What differs between the wanted and the carried streams; `undefined` when nothing does. */
  #change(): Change | undefined {
    const change: Change = { add: [], remove: [] };
    for (const [key, feedId] of this.#carried) {
      if (this.#wanted.get(key)?.feedId !== feedId) change.remove.push({ key, feedId });
    }
    for (const [key, wanted] of this.#wanted) {
      if (this.#carried.get(key) !== wanted.feedId) change.add.push({ key, feedId: wanted.feedId, layer: wanted.layer });
    }
    return change.add.length + change.remove.length > 0 ? change : undefined;
  }

  /** Negotiates until the carried streams are the wanted ones, one offer at a time. */
  #negotiate(): void {
    if (this.#negotiating || !this.#host) return;
    this.#negotiating = true;
    this.#askedAgain = false;
    const host = this.#host;
    let gaveUp = false;
    void (async () => {
      try {
        for (let change = this.#change(); change; change = this.#change()) {
          const outcome = await this.#negotiateOnce(host, change);
          if (outcome === 'overtaken') continue;
          if (outcome === 'stop') {
            gaveUp = true;
            break;
          }
        }
      } catch (error) {
        // Starting or re-layering failed: the subscription is in an unknown state; drop it (the next change offers afresh).
        host.failed(error);
        const handle = this.#handle;
        this.#reset();
        void handle?.close();
        gaveUp = true;
      } finally {
        this.#negotiating = false;
      }
      // Wants that came while the last step was being overtaken (a resumed connection's), or that
      // were asked again while it failed, are negotiated now (once: a failure then waits for the next ask).
      if ((!gaveUp || this.#askedAgain) && this.#change()) this.#negotiate();
    })();
  }

  /**
   * One negotiation: opens or updates the subscription, sends the offer, applies the answer.
   * `next`: done, go on; `overtaken`: everything was reset meanwhile (look again at what is wanted);
   * `stop`: the media server or the browser failed it (wait for the next change).
   */
  async #negotiateOnce(host: SubscriptionHost, change: Change): Promise<'next' | 'overtaken' | 'stop'> {
    const generation = this.#generation;
    const request = (added: Change['add'][number]): FeedRequest => ({
      feedId: added.feedId,
      ...(added.layer === null ? {} : { layer: added.layer }),
    });
    let offer: SubscriptionOffer | undefined;
    const fresh = this.#handle === undefined;
    try {
      if (!this.#handle) {
        if (change.add.length === 0) {
          this.#carried.clear();
          return 'next';
        }
        const opened = await host.open(change.add.map(request));
        if (generation !== this.#generation) {
          await opened.subscription.close();
          return 'overtaken';
        }
        this.#adopt(opened.subscription);
        offer = opened.offer;
      } else {
        offer = await this.#handle.update({ add: change.add.map(request), remove: change.remove.map((removed) => removed.feedId) });
      }
    } catch (error) {
      host.failed(error);
      if (generation !== this.#generation) return 'overtaken';
      // A feed that had just gone, or a subscription the media server lost: start afresh with what is still wanted.
      const handle = this.#handle;
      this.#reset();
      void handle?.close();
      let ownerGone = false;
      for (const added of change.add) {
        if (host.ownerOf(added.feedId)) continue;
        this.#wanted.delete(added.key);
        ownerGone = true;
      }
      // An update that failed is retried on a fresh subscription, and so is a fresh one that asked for a feed
      // whose owner has gone since (the others may well be there); a fresh one that failed otherwise waits for the next change.
      return fresh && !ownerGone ? 'stop' : 'next';
    }
    for (const removed of change.remove) this.#carried.delete(removed.key);
    for (const added of change.add) this.#carried.set(added.key, added.feedId);
    if (!offer) return 'next';
    return this.#offer(host, generation, offer, fresh, change);
  }

  /** Sends an offer and starts it with the browser's answer; `stop` when the answer never came. */
  async #offer(
    host: SubscriptionHost,
    generation: number,
    offer: SubscriptionOffer,
    fresh: boolean,
    change: Change,
  ): Promise<'next' | 'overtaken' | 'stop'> {
    const streams = offer.streams.flatMap((stream) => {
      const owner = host.ownerOf(stream.feedId);
      return owner ? [{ mid: stream.mid, kind: stream.kind, ...owner }] : [];
    });
    this.send({ type: 'subscription-offer', offer: offer.offer, fresh, streams });
    // A fresh subscription's candidates (kept by the handle until someone listens) follow its offer.
    const handle = this.#handle;
    if (fresh && handle) handle.on('candidate', (candidate) => this.send({ type: 'trickle', target: { kind: 'subscription' }, candidate }));
    const answer = await new Promise<SessionDescription | undefined>((resolve) => {
      const timeout = host.clock.setTimeout(() => resolve(undefined), limits.subscriptionAnswerTimeoutMs);
      this.#pendingAnswer = (given) => {
        timeout.cancel();
        resolve(given);
      };
    });
    if (generation !== this.#generation) return 'overtaken';
    if (!answer || !handle || handle !== this.#handle) {
      this.#pendingAnswer = undefined;
      this.#reset();
      void handle?.close();
      return 'stop';
    }
    await handle.start(answer);
    for (const added of change.add) {
      const layer = this.#wanted.get(added.key)?.layer;
      if (layer !== undefined && layer !== added.layer) await handle.setVideoLayer(added.feedId, layer);
      else if (added.layer === null) await handle.setVideoLayer(added.feedId, null);
    }
    return 'next';
  }

  #adopt(handle: MediaSubscription): void {
    this.#handle = handle;
    handle.once('closed', () => {
      // Closed by the media server (hang-up, ICE failure): what is still wanted is offered afresh.
      if (this.#handle !== handle) return;
      this.#reset();
      this.#negotiate();
    });
  }
}
