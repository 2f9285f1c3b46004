/**
 * The browser's media with Janus for one joined session: a publisher per own source, and one
 * subscription (one PeerConnection) that receives every remote stream, renegotiated by the
 * server's offers as streams are added and removed; the simulcast layer wanted for each remote
 * camera. Knows the signalling messages it needs, not the meeting.
 */
import type { ParticipantId } from '../../../shared/ids.js';
import type {
  ClientMessage,
  IceCandidate,
  MediaSource,
  ServerMessage,
  SubscribedStreamView,
  TrickleTarget,
  VideoLayer,
} from '../../../shared/protocol.js';
import type { StatsConnections } from './connection-quality.js';
import type { MediaPipeline } from './media-pipeline.js';
import { answerOffer, createPublisher, createSubscriber, type JanusPeer } from './peer-connections.js';

type StreamKey = `${ParticipantId}/${MediaSource}`;
const keyOf = (participantId: ParticipantId, source: MediaSource): StreamKey => `${participantId}/${source}`;

export class MediaSession {
  private readonly publishers = new Map<MediaSource, JanusPeer>();
  /** The one connection receiving the others' streams, once the server offered it. */
  private subscriber: JanusPeer | undefined;
  /** Janus's candidates for a subscription whose offer has not been taken yet. */
  private earlyCandidates: IceCandidate[] = [];
  /** Fresh offers received but not taken yet: until then Janus's candidates belong to the coming connection. */
  private freshOffersPending = 0;
  /** Offers are answered one at a time, in order. */
  private answering: Promise<void> = Promise.resolve();
  /** The streams of the latest offer, by mid. */
  private streams = new Map<string, SubscribedStreamView>();
  /** Each remote stream as shown (the same object while its tracks stay the same). */
  private readonly remoteStreams = new Map<StreamKey, MediaStream>();
  /** Streams asked for (the server adds them to the subscription). */
  private readonly wanted = new Set<StreamKey>();
  /** The layer each remote camera should be received in (set by the layout). */
  private readonly wantedLayers = new Map<ParticipantId, VideoLayer>();
  /** ICE servers from the latest `joined`. */
  iceServers: RTCIceServer[] = [];
  /** The layer a new camera subscription starts on when its tile has not been measured yet. */
  defaultLayer: VideoLayer = 2;
  /** Those waiting for the next answer to a subscription offer (`nextAnswer`). */
  private answerWaiters: (() => void)[] = [];

  constructor(
    private readonly send: (message: ClientMessage) => void,
    private readonly pipeline: MediaPipeline,
    private readonly simulcast: boolean,
    /** Called when the remote streams changed (read them with `remoteStream`). */
    private readonly onRemoteStreams: () => void = () => {},
  ) {}

  /** Publishes `stream` as `source`, unless it is already published. */
  async publish(source: MediaSource, stream: MediaStream | undefined): Promise<void> {
    if (!stream || stream.getTracks().length === 0 || this.publishers.has(source)) return;
    const { peer, offer } = await createPublisher({
      source,
      stream,
      iceServers: this.iceServers,
      simulcast: this.simulcast,
      pipeline: this.pipeline,
      onCandidate: (candidate: IceCandidate) => this.send({ type: 'trickle', target: { kind: 'publisher', source }, candidate }),
    });
    if (this.publishers.has(source)) return peer.close();
    this.publishers.set(source, peer);
    this.send({ type: 'publish', source, offer });
  }

  /** Applies Janus's answer to our publisher of `source`. */
  async publishAnswered(source: MediaSource, answer: RTCSessionDescriptionInit): Promise<void> {
    await this.publishers
      .get(source)
      ?.setRemoteDescription(answer)
      .catch((error: unknown) => console.warn('publish answer refused', error));
  }

  /** Stops publishing `source` (the server is told). */
  unpublish(source: MediaSource): void {
    this.publishers.get(source)?.close();
    this.publishers.delete(source);
    this.send({ type: 'unpublish', source });
  }

  /** Asks for a remote stream, once. */
  subscribe(participantId: ParticipantId, source: MediaSource): void {
    const key = keyOf(participantId, source);
    if (this.wanted.has(key)) return;
    this.wanted.add(key);
    const layer = source === 'camera' ? this.wantedLayer(participantId) : undefined;
    this.send({ type: 'subscribe', participantId, source, ...(layer === undefined ? {} : { layer }) });
  }

  /** Forgets a remote stream that stopped (the server drops it from the subscription on its own). */
  forget(participantId: ParticipantId, source: MediaSource): void {
    this.wanted.delete(keyOf(participantId, source));
  }

  /** The stream of `participantId`'s `source` as received now, if any. */
  remoteStream(participantId: ParticipantId, source: MediaSource): MediaStream | undefined {
    return this.remoteStreams.get(keyOf(participantId, source));
  }

  /** Answers the server's offer for our subscription (in order with earlier ones). */
  answerSubscription(message: Extract<ServerMessage, { type: 'subscription-offer' }>): Promise<void> {
    if (message.fresh) this.freshOffersPending += 1;
    this.answering = this.answering
      .then(() => this.answerNow(message))
      .catch((error: unknown) => console.warn('subscription offer refused', error));
    return this.answering;
  }

  private async answerNow(message: Extract<ServerMessage, { type: 'subscription-offer' }>): Promise<void> {
    const fresh = message.fresh || !this.subscriber;
    if (message.fresh || !this.subscriber) {
      if (message.fresh) this.freshOffersPending -= 1;
      this.subscriber?.close();
      this.subscriber = this.newSubscriber();
      // Without them the browser knows Janus only from Janus's own checks: no relayed path could be tried.
      for (const candidate of this.earlyCandidates.splice(0)) void this.subscriber.addRemoteCandidate(candidate);
    }
    const peer = this.subscriber;
    // An encrypted meeting's receivers accept on each mid only the frames of the one who sends there.
    this.pipeline.streamsChanged?.(new Map(message.streams.map((stream) => [stream.mid, stream.participantId])));
    const answer = await answerOffer(peer, message.offer, { fresh });
    if (this.subscriber !== peer) return;
    this.send({ type: 'subscription-answer', answer });
    this.streams = new Map(message.streams.map((stream) => [stream.mid, stream]));
    this.regroupStreams();
    for (const resolve of this.answerWaiters.splice(0)) resolve();
  }

  /** Resolves once the next subscription offer is answered, or after `timeoutMs` (whichever is first). */
  nextAnswer(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.answerWaiters = this.answerWaiters.filter((waiter) => waiter !== done);
        resolve();
      }, timeoutMs);
      const done = () => {
        window.clearTimeout(timer);
        resolve();
      };
      this.answerWaiters.push(done);
    });
  }

  private newSubscriber(): JanusPeer {
    return createSubscriber({
      iceServers: this.iceServers,
      pipeline: this.pipeline,
      onCandidate: (candidate) => this.send({ type: 'trickle', target: { kind: 'subscription' }, candidate }),
    });
  }

  /** Rebuilds each remote participant's streams from the subscription's receivers; a stream whose tracks did not change stays the same object. */
  private regroupStreams(): void {
    const tracks = new Map<StreamKey, MediaStreamTrack[]>();
    for (const transceiver of this.subscriber?.connection.getTransceivers() ?? []) {
      const stream = transceiver.mid === null ? undefined : this.streams.get(transceiver.mid);
      if (!stream || !this.wanted.has(keyOf(stream.participantId, stream.source))) continue;
      const key = keyOf(stream.participantId, stream.source);
      tracks.set(key, [...(tracks.get(key) ?? []), transceiver.receiver.track]);
    }
    let changed = false;
    for (const key of [...this.remoteStreams.keys()]) {
      if (tracks.has(key)) continue;
      this.remoteStreams.delete(key);
      changed = true;
    }
    for (const [key, keyTracks] of tracks) {
      const current = this.remoteStreams.get(key)?.getTracks() ?? [];
      if (current.length === keyTracks.length && keyTracks.every((track) => current.includes(track))) continue;
      this.remoteStreams.set(key, new MediaStream(keyTracks));
      changed = true;
    }
    if (changed) this.onRemoteStreams();
  }

  /** Hands Janus's ICE candidate to the right connection. */
  addRemoteCandidate(target: TrickleTarget, candidate: IceCandidate): void {
    if (target.kind === 'publisher') {
      void this.publishers.get(target.source)?.addRemoteCandidate(candidate);
      return;
    }
    // A fresh subscription's candidates may come before its offer is taken.
    if (this.subscriber && this.freshOffersPending === 0) void this.subscriber.addRemoteCandidate(candidate);
    else this.earlyCandidates.push(candidate);
  }

  /** The layer wanted of a remote camera: the layout's choice (`null`, no video, included), else the default. */
  private wantedLayer(participantId: ParticipantId): VideoLayer {
    const wanted = this.wantedLayers.get(participantId);
    return wanted === undefined ? this.defaultLayer : wanted;
  }

  /** Asks for the given layer of a remote camera (0 low … 2 high, null = no video). */
  setVideoLayer(participantId: ParticipantId, layer: VideoLayer): void {
    const current = this.wantedLayer(participantId);
    this.wantedLayers.set(participantId, layer);
    if (current === layer) return;
    if (this.wanted.has(keyOf(participantId, 'camera'))) this.send({ type: 'video-layer', participantId, source: 'camera', layer });
  }

  /**
   * Takes fresh ICE servers (renewed TURN credentials) for new connections and hands them to
   * every open one, so a relay refreshed or re-gathered later authenticates with a valid credential.
   */
  updateIceServers(iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
    for (const peer of [...this.publishers.values(), ...(this.subscriber ? [this.subscriber] : [])]) peer.setIceServers(iceServers);
  }

  /** The sender of our microphone, once our camera and microphone are being published. */
  audioSender(): RTCRtpSender | undefined {
    return this.publishers
      .get('camera')
      ?.connection.getSenders()
      .find((sender) => sender.track?.kind === 'audio');
  }

  /** The connections whose quality is watched: our camera's publisher, and the subscription with the mids of each remote camera. */
  statsConnections(): StatsConnections {
    const mids = new Map<ParticipantId, string[]>();
    for (const [mid, stream] of this.streams) {
      if (stream.source === 'camera') mids.set(stream.participantId, [...(mids.get(stream.participantId) ?? []), mid]);
    }
    const subscriber = this.subscriber?.connection;
    return {
      self: this.publishers.get('camera')?.connection,
      remotes: subscriber
        ? [...mids].map(([participantId, participantMids]) => ({ participantId, connection: subscriber, mids: participantMids }))
        : [],
    };
  }

  /** Closes every connection. */
  closeAll(): void {
    for (const peer of this.publishers.values()) peer.close();
    this.publishers.clear();
    this.subscriber?.close();
    this.subscriber = undefined;
    this.earlyCandidates = [];
    this.freshOffersPending = 0;
    this.streams.clear();
    this.remoteStreams.clear();
    this.wanted.clear();
  }
}
