/**
 * What a live room needs from a media server (an SFU): rooms, publishers, subscribers, and the
 * server-side muting of a publisher's stream. `JanusGateway` is the real one; rule tests use
 * `InMemoryMediaServer`, which holds no Janus and records what it was asked.
 */
import type { IceCandidate, SessionDescription } from '../../../shared/protocol.js';

/** Events of a publisher or subscriber (the same as Janus handles emit). */
export type MediaStreamEvents = {
  /** The PeerConnection is up (DTLS done). */
  'webrtc-up': [];
  /** The PeerConnection went away on the server's side (ICE failure, hang-up, detach). */
  hangup: [reason: string];
  /** The server's own ICE candidate for this connection; `null` when it has finished gathering. */
  candidate: [candidate: IceCandidate];
  /** The handle was closed (by us or by the server). */
  closed: [];
};

/** One PeerConnection on the media server, publishing or subscribing. */
export interface MediaStreamHandle {
  /** Adds a listener; returns a function that removes it. */
  on<Name extends keyof MediaStreamEvents>(event: Name, listener: (...args: MediaStreamEvents[Name]) => void): () => void;
  /** Adds a listener that runs at most once. */
  once<Name extends keyof MediaStreamEvents>(event: Name, listener: (...args: MediaStreamEvents[Name]) => void): () => void;
  /** Passes a browser's ICE candidate on; `null` means the browser finished gathering. */
  trickle(candidate: IceCandidate): Promise<void>;
  /** Detaches the handle. Idempotent; never throws. */
  close(): Promise<void>;
}

/** A participant's own stream (camera or screen) on the media server. */
export interface MediaPublisher extends MediaStreamHandle {
  /** The server's id of this feed; subscribers ask for it. */
  readonly feedId: number;
  /** Links the participant's subscriptions to this publisher. */
  readonly privateId: number;
  /** The mid of the published audio stream, once published. */
  readonly audioMid: string | undefined;
  /** The mid of the published video stream, once published. */
  readonly videoMid: string | undefined;
  /** Publishes the browser's offer; resolves with the server's answer. */
  publish(offer: SessionDescription): Promise<SessionDescription>;
  /** Asks the browser for a keyframe. */
  requestKeyframe(): Promise<void>;
}

/** A stream of a subscription: which mid carries which feed's audio or video. */
export interface SubscribedStream {
  mid: string;
  feedId: number;
  kind: 'audio' | 'video';
}

/** An offer of the media server for the browser to answer, and the streams it carries. */
export interface SubscriptionOffer {
  offer: SessionDescription;
  streams: SubscribedStream[];
}

/** A feed to subscribe to, starting on simulcast `layer` (0 lowest … 2 highest) when given. */
export interface FeedRequest {
  feedId: number;
  layer?: 0 | 1 | 2 | undefined;
}

/**
 * One participant's subscription to others' feeds, on one PeerConnection: feeds are added and
 * removed by renegotiation, each offer answered (`start`) before the next change.
 */
export interface MediaSubscription extends MediaStreamHandle {
  /** Adds and removes feeds; the new offer, or `undefined` when nothing needs renegotiating. */
  update(change: { add: readonly FeedRequest[]; remove: readonly number[] }): Promise<SubscriptionOffer | undefined>;
  /** Answers the latest offer. */
  start(answer: SessionDescription): Promise<void>;
  /** Chooses the simulcast layer relayed of a feed's video (0 lowest … 2 highest), or none (`null`). */
  setVideoLayer(feedId: number, layer: 0 | 1 | 2 | null): Promise<void>;
}

/**
 * A media server as a live room uses it. `Room` is the server's own handle on a room (Janus: its
 * id and secret). Failing calls reject; `MediaServerUnavailableError` means the server is away.
 */
export interface MediaServer<Room = unknown> {
  /** Creates a room for up to `publishersMax` publishers. */
  createRoom(publishersMax: number): Promise<Room>;
  /** Destroys a room; one the server no longer knows is fine. */
  destroyRoom(room: Room): Promise<void>;
  /** Joins `room` as a publisher named `display`. */
  openPublisher(room: Room, display: string): Promise<MediaPublisher>;
  /** Subscribes one participant (linked to its publisher by `privateId`) to `feeds` (at least one); resolves with the first offer. */
  openSubscription(
    room: Room,
    privateId: number,
    feeds: readonly FeedRequest[],
  ): Promise<{ subscription: MediaSubscription; offer: SubscriptionOffer }>;
  /** Makes the server drop (or relay again) one of a publisher's streams. */
  setStreamBlocked(room: Room, feedId: number, mid: string, blocked: boolean): Promise<void>;
}
