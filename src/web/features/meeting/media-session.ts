/**
 * The browser's media with Janus for one joined session: a publisher per own source and a
 * subscription per remote stream, with the simulcast layer wanted for each remote camera.
 * Knows the signalling messages it needs, not the meeting.
 */
import type { ParticipantId } from '../../../shared/ids.js';
import type { ClientMessage, IceCandidate, MediaSource, TrickleTarget, VideoLayer } from '../../../shared/protocol.js';
import type { StatsConnections } from './connection-quality.js';
import type { MediaPipeline } from './media-pipeline.js';
import { createPublisher, createSubscriber, type JanusPeer } from './peer-connections.js';

const keyOf = (participantId: ParticipantId, source: MediaSource) => `${participantId}/${source}`;

export class MediaSession {
  private readonly publishers = new Map<MediaSource, JanusPeer>();
  private readonly subscriptions = new Map<string, JanusPeer>();
  private readonly pendingSubscriptions = new Set<string>();
  /** Janus's candidates for subscriptions asked for or being answered: they may come before the offer or while it is answered. */
  private readonly earlyCandidates = new Map<string, IceCandidate[]>();
  /** The layer each remote camera should be received in (set by the layout). */
  private readonly wantedLayers = new Map<ParticipantId, VideoLayer>();
  /** ICE servers from the latest `joined`. */
  iceServers: RTCIceServer[] = [];
  /** The layer a new camera subscription starts on when its tile has not been measured yet. */
  defaultLayer: VideoLayer = 2;

  constructor(
    private readonly send: (message: ClientMessage) => void,
    private readonly pipeline: MediaPipeline,
    private readonly simulcast: boolean,
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

  /** Asks for a subscription to a remote stream, once. */
  subscribe(participantId: ParticipantId, source: MediaSource): void {
    const key = keyOf(participantId, source);
    if (this.pendingSubscriptions.has(key) || this.subscriptions.has(key)) return;
    this.pendingSubscriptions.add(key);
    const layer = source === 'camera' ? (this.wantedLayers.get(participantId) ?? this.defaultLayer) : undefined;
    this.send({ type: 'subscribe', participantId, source, ...(layer === undefined ? {} : { layer }) });
  }

  /**
   * Answers Janus's offer for a subscription; `onStream` gets the stream as tracks arrive.
   * `stillWanted` is asked again once the answer is ready (the person may have left meanwhile).
   */
  async answer(
    participantId: ParticipantId,
    source: MediaSource,
    offer: RTCSessionDescriptionInit,
    onStream: (stream: MediaStream) => void,
    stillWanted: () => boolean,
  ): Promise<void> {
    const key = keyOf(participantId, source);
    const early = this.earlyCandidates.get(key) ?? [];
    this.close(participantId, source);
    this.earlyCandidates.set(key, early);
    const { peer, answer } = await createSubscriber({
      offer,
      iceServers: this.iceServers,
      pipeline: this.pipeline,
      onCandidate: (candidate) => this.send({ type: 'trickle', target: { kind: 'subscriber', participantId, source }, candidate }),
      onStream,
    });
    if (this.earlyCandidates.get(key) === early) this.earlyCandidates.delete(key);
    if (!stillWanted()) return peer.close();
    this.subscriptions.set(key, peer);
    this.send({ type: 'subscription-answer', participantId, source, answer });
    // Without them the browser knows Janus only from Janus's own checks: no relayed path could be tried.
    for (const candidate of early) void peer.addRemoteCandidate(candidate);
  }

  /** Closes a subscription (or forgets a pending one). */
  close(participantId: ParticipantId, source: MediaSource): void {
    const key = keyOf(participantId, source);
    this.pendingSubscriptions.delete(key);
    this.earlyCandidates.delete(key);
    this.subscriptions.get(key)?.close();
    this.subscriptions.delete(key);
  }

  /** Hands Janus's ICE candidate to the right connection. */
  addRemoteCandidate(target: TrickleTarget, candidate: IceCandidate): void {
    if (target.kind === 'publisher') {
      void this.publishers.get(target.source)?.addRemoteCandidate(candidate);
      return;
    }
    const key = keyOf(target.participantId, target.source);
    const peer = this.subscriptions.get(key);
    if (peer) void peer.addRemoteCandidate(candidate);
    else if (this.pendingSubscriptions.has(key) || this.earlyCandidates.has(key)) {
      const early = this.earlyCandidates.get(key) ?? [];
      early.push(candidate);
      this.earlyCandidates.set(key, early);
    }
  }

  /** Asks for the given layer of a remote camera (0 low … 2 high, null = no video). */
  setVideoLayer(participantId: ParticipantId, layer: VideoLayer): void {
    const current = this.wantedLayers.get(participantId) ?? this.defaultLayer;
    this.wantedLayers.set(participantId, layer);
    if (current === layer) return;
    if (this.subscriptions.has(keyOf(participantId, 'camera'))) this.send({ type: 'video-layer', participantId, source: 'camera', layer });
  }

  /**
   * Takes fresh ICE servers (renewed TURN credentials) for new connections and hands them to
   * every open one, so a relay refreshed or re-gathered later authenticates with a valid credential.
   */
  updateIceServers(iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
    for (const peer of [...this.publishers.values(), ...this.subscriptions.values()]) peer.setIceServers(iceServers);
  }

  /** The connections whose quality is watched: our camera's publisher, and each remote camera subscription. */
  statsConnections(): StatsConnections {
    const remotes: [ParticipantId, RTCPeerConnection][] = [];
    for (const [key, peer] of this.subscriptions) {
      const [participantId, source] = key.split('/') as [ParticipantId, MediaSource];
      if (source === 'camera') remotes.push([participantId, peer.connection]);
    }
    return { self: this.publishers.get('camera')?.connection, remotes };
  }

  /** Closes every connection. */
  closeAll(): void {
    for (const peer of this.publishers.values()) peer.close();
    this.publishers.clear();
    for (const peer of this.subscriptions.values()) peer.close();
    this.subscriptions.clear();
    this.pendingSubscriptions.clear();
    this.earlyCandidates.clear();
  }
}
