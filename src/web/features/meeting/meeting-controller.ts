/**
 * The meeting as the browser holds it: one signalling socket, one publisher connection, one
 * subscriber connection per remote participant. UI-free; components render its state.
 * Reconnects by itself when the socket drops (server restart, network loss) or Janus restarts.
 */
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import type { IceCandidate, MediaState, ParticipantSummary, ServerMessage, TrickleTarget } from '../../../shared/protocol.js';
import { errorText, t } from '../../app/i18n.js';
import { type MediaPipeline, plainMediaPipeline } from './media-pipeline.js';
import { SignalingClient } from './signaling-client.js';

export type MeetingStatus = 'connecting' | 'joined' | 'media-reconnecting' | 'connection-lost' | 'left' | 'failed';

export interface RemoteParticipant {
  summary: ParticipantSummary;
  /** Their audio and video, once subscribed. */
  stream: MediaStream | undefined;
}

export interface MeetingState {
  status: MeetingStatus;
  selfId: ParticipantId | undefined;
  /** Everyone else, in the order they joined. */
  remotes: RemoteParticipant[];
  media: MediaState;
  /** A sentence for the person, when something is wrong. */
  notice: string | undefined;
}

export interface MeetingOptions {
  roomId: RoomId;
  displayName: string;
  localStream: MediaStream | undefined;
  media: MediaState;
  pipeline?: MediaPipeline;
  onChange(state: MeetingState): void;
}

const reconnectDelaysMs = [500, 1_000, 2_000, 4_000, 8_000];

export class MeetingController {
  private signaling: SignalingClient | undefined;
  private publisher: RTCPeerConnection | undefined;
  private readonly subscriptions = new Map<ParticipantId, RTCPeerConnection>();
  private readonly pendingSubscriptions = new Set<ParticipantId>();
  private readonly earlyCandidates = new Map<ParticipantId | 'publisher', IceCandidate[]>();
  private readonly remotes = new Map<ParticipantId, RemoteParticipant>();
  private iceServers: RTCIceServer[] = [];
  private reconnectAttempt = 0;
  private reconnectTimer: number | undefined;
  private state: MeetingState;
  private readonly pipeline: MediaPipeline;

  constructor(private readonly options: MeetingOptions) {
    this.pipeline = options.pipeline ?? plainMediaPipeline;
    this.state = { status: 'connecting', selfId: undefined, remotes: [], media: options.media, notice: undefined };
    this.applyLocalMedia();
  }

  /** Connects and joins. */
  start(): void {
    this.connect();
  }

  private update(changes: Partial<MeetingState>): void {
    this.state = { ...this.state, ...changes, remotes: [...this.remotes.values()] };
    this.options.onChange(this.state);
  }

  private connect(): void {
    this.signaling = new SignalingClient({
      onOpen: () =>
        this.signaling?.send({
          type: 'join',
          roomId: this.options.roomId,
          displayName: this.options.displayName,
          media: this.state.media,
        }),
      onMessage: (message) => this.receive(message),
      onClose: (expected) => {
        if (!expected) this.connectionLost();
      },
    });
  }

  private connectionLost(): void {
    if (this.state.status === 'left' || this.state.status === 'failed') return;
    this.teardownMedia();
    this.remotes.clear();
    this.signaling = undefined;
    const delay = reconnectDelaysMs[Math.min(this.reconnectAttempt, reconnectDelaysMs.length - 1)] ?? 8_000;
    this.reconnectAttempt += 1;
    this.update({ status: 'connection-lost', notice: this.state.notice ?? t('meeting.connectionLost') });
    this.reconnectTimer = window.setTimeout(() => this.connect(), delay);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'joined':
        this.reconnectAttempt = 0;
        this.iceServers = message.iceServers;
        this.remotes.clear();
        for (const participant of message.participants)
          this.remotes.set(participant.participantId, { summary: participant, stream: undefined });
        this.update({ status: 'joined', selfId: message.self.participantId, notice: undefined });
        void this.publish();
        for (const participant of message.participants) if (participant.publishing) this.subscribe(participant.participantId);
        return;
      case 'participant-joined':
        this.remotes.set(message.participant.participantId, { summary: message.participant, stream: undefined });
        this.update({});
        return;
      case 'participant-updated':
        this.participantUpdated(message.participant);
        return;
      case 'participant-left':
        this.closeSubscription(message.participantId);
        this.remotes.delete(message.participantId);
        this.update({});
        return;
      case 'publish-answer':
        void this.applyPublishAnswer(message.answer);
        return;
      case 'subscription-offer':
        void this.answerSubscription(message.participantId, message.offer);
        return;
      case 'media-interrupted':
        this.teardownMedia();
        for (const remote of this.remotes.values()) remote.summary = { ...remote.summary, publishing: false };
        this.update({ status: 'media-reconnecting', notice: t('meeting.reconnecting') });
        return;
      case 'media-restored':
        this.update({ status: 'joined', notice: undefined });
        void this.publish();
        return;
      case 'trickle':
        void this.addRemoteCandidate(message.target, message.candidate);
        return;
      case 'closing':
        this.update({ notice: t('meeting.serverShutdown') });
        return;
      case 'error':
        this.serverError(message);
        return;
    }
  }

  private serverError(message: Extract<ServerMessage, { type: 'error' }>): void {
    if (message.inReplyTo === 'join') {
      this.signaling?.close();
      this.update({ status: 'failed', notice: errorText(message.code) });
      return;
    }
    if (message.inReplyTo === 'subscribe') return;
    console.warn(`server refused ${message.inReplyTo ?? 'a message'}: ${message.code}`);
  }

  private participantUpdated(summary: ParticipantSummary): void {
    const remote = this.remotes.get(summary.participantId);
    if (!remote) return;
    remote.summary = summary;
    if (summary.publishing && !this.subscriptions.has(summary.participantId)) this.subscribe(summary.participantId);
    if (!summary.publishing && this.subscriptions.has(summary.participantId)) this.closeSubscription(summary.participantId);
    this.update({});
  }

  private async publish(): Promise<void> {
    const stream = this.options.localStream;
    if (!stream || stream.getTracks().length === 0 || this.publisher) return;
    const connection = new RTCPeerConnection({ iceServers: this.iceServers, bundlePolicy: 'max-bundle' });
    this.publisher = connection;
    for (const track of stream.getTracks()) {
      const transceiver = connection.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      this.pipeline.prepareSender(transceiver.sender, track.kind === 'audio' ? 'audio' : 'video');
    }
    connection.addEventListener('icecandidate', (event) => {
      this.signaling?.send({ type: 'trickle', target: { kind: 'publisher' }, candidate: candidateOf(event) });
    });
    const offer = await connection.createOffer();
    await connection.setLocalDescription(offer);
    if (this.publisher !== connection || !offer.sdp) return;
    this.signaling?.send({ type: 'publish', offer: { type: 'offer', sdp: offer.sdp } });
  }

  /** Janus's candidates can arrive before its answer or offer has been applied: keep them until then. */
  private async addRemoteCandidate(target: TrickleTarget, candidate: IceCandidate): Promise<void> {
    const key = target.kind === 'publisher' ? 'publisher' : target.participantId;
    const connection = target.kind === 'publisher' ? this.publisher : this.subscriptions.get(target.participantId);
    if (!connection?.remoteDescription) {
      const queue = this.earlyCandidates.get(key) ?? [];
      queue.push(candidate);
      this.earlyCandidates.set(key, queue);
      return;
    }
    await connection.addIceCandidate(candidate ?? undefined).catch((error: unknown) => console.warn('candidate refused', error));
  }

  private async flushEarlyCandidates(key: ParticipantId | 'publisher', connection: RTCPeerConnection): Promise<void> {
    const queue = this.earlyCandidates.get(key) ?? [];
    this.earlyCandidates.delete(key);
    for (const candidate of queue) await connection.addIceCandidate(candidate ?? undefined).catch(() => undefined);
  }

  private async applyPublishAnswer(answer: RTCSessionDescriptionInit): Promise<void> {
    const connection = this.publisher;
    if (!connection) return;
    try {
      await connection.setRemoteDescription(answer);
      await this.flushEarlyCandidates('publisher', connection);
    } catch (error) {
      console.warn('publish answer refused', error);
    }
  }

  private subscribe(participantId: ParticipantId): void {
    if (this.pendingSubscriptions.has(participantId)) return;
    this.pendingSubscriptions.add(participantId);
    this.signaling?.send({ type: 'subscribe', participantId });
  }

  private async answerSubscription(participantId: ParticipantId, offer: RTCSessionDescriptionInit): Promise<void> {
    this.pendingSubscriptions.delete(participantId);
    const remote = this.remotes.get(participantId);
    if (!remote) return;
    this.closeSubscription(participantId);
    const connection = new RTCPeerConnection({ iceServers: this.iceServers, bundlePolicy: 'max-bundle' });
    this.subscriptions.set(participantId, connection);
    const stream = new MediaStream();
    connection.addEventListener('track', (event) => {
      this.pipeline.prepareReceiver(event.receiver, event.track.kind === 'audio' ? 'audio' : 'video');
      stream.addTrack(event.track);
      remote.stream = stream;
      this.update({});
    });
    connection.addEventListener('icecandidate', (event) => {
      this.signaling?.send({
        type: 'trickle',
        target: { kind: 'subscriber', participantId },
        candidate: candidateOf(event),
      });
    });
    await connection.setRemoteDescription(offer);
    await this.flushEarlyCandidates(participantId, connection);
    const answer = await connection.createAnswer();
    await connection.setLocalDescription(answer);
    if (this.subscriptions.get(participantId) !== connection || !answer.sdp) return;
    this.signaling?.send({ type: 'subscription-answer', participantId, answer: { type: 'answer', sdp: answer.sdp } });
  }

  private closeSubscription(participantId: ParticipantId): void {
    this.pendingSubscriptions.delete(participantId);
    const connection = this.subscriptions.get(participantId);
    this.subscriptions.delete(participantId);
    connection?.close();
    const remote = this.remotes.get(participantId);
    if (remote) remote.stream = undefined;
  }

  private teardownMedia(): void {
    this.publisher?.close();
    this.publisher = undefined;
    for (const participantId of [...this.subscriptions.keys()]) this.closeSubscription(participantId);
    this.pendingSubscriptions.clear();
    this.earlyCandidates.clear();
  }

  private applyLocalMedia(): void {
    for (const track of this.options.localStream?.getAudioTracks() ?? []) track.enabled = !this.state.media.audioMuted;
    for (const track of this.options.localStream?.getVideoTracks() ?? []) track.enabled = !this.state.media.videoMuted;
  }

  /** Mutes or unmutes the microphone and tells the others. */
  setMedia(media: MediaState): void {
    this.state = { ...this.state, media };
    this.applyLocalMedia();
    this.signaling?.send({ type: 'media-state', media });
    this.update({});
  }

  /** Leaves the meeting; the camera and microphone stay open for a rejoin until `dispose()`. */
  leave(): void {
    this.signaling?.send({ type: 'leave' });
    this.shutdown();
    this.update({ status: 'left', notice: undefined });
  }

  private shutdown(): void {
    window.clearTimeout(this.reconnectTimer);
    this.teardownMedia();
    this.remotes.clear();
    this.signaling?.close();
    this.signaling = undefined;
  }

  /** Leaves and releases everything. Idempotent. */
  dispose(): void {
    if (this.state.status !== 'left') this.signaling?.send({ type: 'leave' });
    this.shutdown();
  }
}

/** The protocol's form of a gathered candidate; `null` when gathering is complete. */
function candidateOf(event: RTCPeerConnectionIceEvent): IceCandidate {
  if (!event.candidate) return null;
  return { candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid, sdpMLineIndex: event.candidate.sdpMLineIndex };
}
