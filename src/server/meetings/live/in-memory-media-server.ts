/**
 * A media server that holds no Janus: it answers at once and records every request, so that the
 * room's rules can be tested without a media server. Used only by the rule tests; the real path
 * is proven by the tests that run Janus.
 */
import type { IceCandidate, SessionDescription } from '../../../shared/protocol.js';
import { TypedEmitter } from '../../platform/typed-emitter.js';
import type { MediaPublisher, MediaServer, MediaStreamEvents, MediaSubscriber } from './media-server.js';

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
  | { kind: 'open-subscriber'; feedId: number; layer: 0 | 1 | 2 | undefined }
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

/** A subscription of the in-memory server. */
export class InMemorySubscriber extends InMemoryStream implements MediaSubscriber {
  readonly offer: SessionDescription;
  answer: SessionDescription | undefined;
  layer: 0 | 1 | 2 | null;

  constructor(
    readonly feedId: number,
    layer: 0 | 1 | 2 | undefined,
  ) {
    super();
    this.offer = { type: 'offer', sdp: `offer of feed ${feedId}` };
    this.layer = layer ?? 2;
  }

  async start(answer: SessionDescription): Promise<void> {
    this.answer = answer;
  }

  async setVideoLayer(layer: 0 | 1 | 2 | null): Promise<void> {
    this.layer = layer;
  }
}

export class InMemoryMediaServer implements MediaServer<InMemoryRoom> {
  /** Every request made, oldest first. */
  readonly requests: MediaRequest[] = [];
  readonly publishers: InMemoryPublisher[] = [];
  readonly subscribers: InMemorySubscriber[] = [];
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

  async openSubscriber(_room: InMemoryRoom, feedId: number, _privateId: number, layer?: 0 | 1 | 2): Promise<InMemorySubscriber> {
    this.requests.push({ kind: 'open-subscriber', feedId, layer });
    const subscriber = new InMemorySubscriber(feedId, layer);
    this.subscribers.push(subscriber);
    return subscriber;
  }

  async setStreamBlocked(_room: InMemoryRoom, feedId: number, mid: string, blocked: boolean): Promise<void> {
    this.requests.push({ kind: 'block', feedId, mid, blocked });
  }

  /** The publisher opened for `display` (`<participant id>/<source>`), the latest if several. */
  publisherFor(display: string): InMemoryPublisher | undefined {
    return this.publishers.findLast((publisher) => publisher.display === display);
  }
}
