/**
 * A media server that holds no Janus: it answers at once and records every request, so that the
 * room's rules can be tested without a media server. Used only by the rule tests; the real path
 * is proven by the tests that run Janus.
 */
import type { IceCandidate, SessionDescription } from '../../../shared/protocol.js';
import { TypedEmitter } from '../../platform/typed-emitter.js';
import type {
  FeedRequest,
  MediaPublisher,
  MediaServer,
  MediaStreamEvents,
  MediaSubscription,
  SubscribedStream,
  SubscriptionOffer,
} from './media-server.js';

/** A room of the in-memory server. */
export interface InMemoryRoom {
  readonly roomNumber: number;
  readonly publishersMax: number;
}

/** One request the room made, in order. */
export type MediaRequest =
  | { kind: 'create-room'; publishersMax: number }
  | { kind: 'destroy-room'; roomNumber: number }
  | { kind: 'open-publisher'; display: string }
  | { kind: 'open-subscription'; feedIds: number[] }
  | { kind: 'block'; feedId: number; mid: string; blocked: boolean };

class InMemoryStream extends TypedEmitter<MediaStreamEvents> {
  closed = false;
  readonly candidates: IceCandidate[] = [];

  /** Emits one of the handle's events, as the media server would. */
  fire<Name extends keyof MediaStreamEvents>(event: Name, ...args: MediaStreamEvents[Name]): void {
    this.emit(event, ...args);
  }

  async trickle(candidate: IceCandidate): Promise<void> {
    this.candidates.push(candidate);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.emit('closed');
    this.removeAllListeners();
  }
}

/** A publisher of the in-memory server; `fire('webrtc-up')` makes it live. */
export class InMemoryPublisher extends InMemoryStream implements MediaPublisher {
  audioMid: string | undefined;
  videoMid: string | undefined;
  keyframesRequested = 0;

  constructor(
    readonly feedId: number,
    readonly display: string,
  ) {
    super();
  }

  get privateId(): number {
    return this.feedId;
  }

  async publish(offer: SessionDescription): Promise<SessionDescription> {
    this.audioMid = '0';
    this.videoMid = '1';
    return { type: 'answer', sdp: `answer to ${offer.sdp}` };
  }

  async requestKeyframe(): Promise<void> {
    this.keyframesRequested += 1;
  }
}

/** A subscription of the in-memory server: mids are handed out in order, two per feed (audio, video), never reused. */
export class InMemorySubscription extends InMemoryStream implements MediaSubscription {
  /** The answers it was started with, in order. */
  readonly answers: SessionDescription[] = [];
  /** The layer asked of each feed's video (`null`: none). */
  readonly layers = new Map<number, 0 | 1 | 2 | null>();
  #streams: SubscribedStream[] = [];
  #nextMid = 0;
  #offers = 0;

  constructor(feeds: readonly FeedRequest[]) {
    super();
    this.#add(feeds);
  }

  get streams(): readonly SubscribedStream[] {
    return this.#streams;
  }

  /** The offer for the streams now. */
  offer(): SubscriptionOffer {
    this.#offers += 1;
    return { offer: { type: 'offer', sdp: `offer ${this.#offers}` }, streams: [...this.#streams] };
  }

  #add(feeds: readonly FeedRequest[]): void {
    for (const feed of feeds) {
      for (const kind of ['audio', 'video'] as const) this.#streams.push({ mid: String(this.#nextMid++), feedId: feed.feedId, kind });
      this.layers.set(feed.feedId, feed.layer ?? 2);
    }
  }

  async update(change: { add: readonly FeedRequest[]; remove: readonly number[] }): Promise<SubscriptionOffer | undefined> {
    this.#streams = this.#streams.filter((stream) => !change.remove.includes(stream.feedId));
    this.#add(change.add);
    return change.add.length + change.remove.length > 0 ? this.offer() : undefined;
  }

  async start(answer: SessionDescription): Promise<void> {
    this.answers.push(answer);
  }

  async setVideoLayer(feedId: number, layer: 0 | 1 | 2 | null): Promise<void> {
    this.layers.set(feedId, layer);
  }
}

export class InMemoryMediaServer implements MediaServer<InMemoryRoom> {
  /** Every request made, oldest first. */
  readonly requests: MediaRequest[] = [];
  readonly publishers: InMemoryPublisher[] = [];
  readonly subscriptions: InMemorySubscription[] = [];
  private nextNumber = 1;

  async createRoom(publishersMax: number): Promise<InMemoryRoom> {
    this.requests.push({ kind: 'create-room', publishersMax });
    return { roomNumber: this.nextNumber++, publishersMax };
  }

  async destroyRoom(room: InMemoryRoom): Promise<void> {
    this.requests.push({ kind: 'destroy-room', roomNumber: room.roomNumber });
  }

  async openPublisher(_room: InMemoryRoom, display: string): Promise<InMemoryPublisher> {
    this.requests.push({ kind: 'open-publisher', display });
    const publisher = new InMemoryPublisher(this.nextNumber++, display);
    this.publishers.push(publisher);
    return publisher;
  }

  async openSubscription(
    _room: InMemoryRoom,
    _privateId: number,
    feeds: readonly FeedRequest[],
  ): Promise<{ subscription: InMemorySubscription; offer: SubscriptionOffer }> {
    this.requests.push({ kind: 'open-subscription', feedIds: feeds.map((feed) => feed.feedId) });
    const subscription = new InMemorySubscription(feeds);
    this.subscriptions.push(subscription);
    return { subscription, offer: subscription.offer() };
  }

  async setStreamBlocked(_room: InMemoryRoom, feedId: number, mid: string, blocked: boolean): Promise<void> {
    this.requests.push({ kind: 'block', feedId, mid, blocked });
  }

  /** The publisher opened for `display` (`<participant id>/<source>`), the latest if several. */
  publisherFor(display: string): InMemoryPublisher | undefined {
    return this.publishers.findLast((publisher) => publisher.display === display);
  }
}
