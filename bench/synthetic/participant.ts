/**
 * A synthetic participant: joins a Plenary room through the real signalling protocol (`join` →
 * `joined`, `publish` → `publish-answer`, `trickle` both ways, optionally `subscribe` →
 * `subscription-offer` → `subscription-answer`, `leave`) and publishes a generated camera and
 * microphone with `@roamhq/wrtc`. Light by default: it subscribes to nobody.
 */
import type { ParticipantId } from '../../src/shared/ids.js';
import type { IceCandidate, IceServer, ParticipantSummary, ServerMessage } from '../../src/shared/protocol.js';
import { defaultVideoFormat, GeneratedAudio, GeneratedVideo, type VideoFormat } from './generated-media.js';
import { addRtp, MediaConnection, noRtp, type RtpTotals } from './media-connection.js';
import { roomAddressOf, SyntheticSignaling } from './signaling.js';

/** How a synthetic participant joins and what it sends. */
export interface SyntheticParticipantOptions {
  /** Display name in the meeting. */
  name: string;
  /** The room's link (`http://host/r/<id>`), or its bare id together with `baseUrl`. */
  room: string;
  /** Plenary's base URL when `room` is a bare id. */
  baseUrl?: string;
  /** Publish the generated camera. Default true. */
  video?: boolean;
  /** Join with the microphone muted: its track is published (every subscriber gets its stream) but carries nothing. Default false. */
  muted?: boolean;
  /** Size and rate of the camera. Default 320×240 at 15 fps. */
  videoFormat?: VideoFormat;
  /** Subscribe to every other participant's camera and microphone. Default false (cheap). */
  subscribe?: boolean;
  /** Talk for `speakForMs` every this many milliseconds, at a random phase (all the time if `speakForMs` is as long). Default never (silence). */
  speakEveryMs?: number;
  /** Length of each burst of talk. Default 2,000 ms. */
  speakForMs?: number;
  /** Source address of the signalling socket (one of 127.0.0.0/8 for many "machines" on one). Default the system's choice. */
  localAddress?: string;
  /** Varies the picture between participants. Default 0. */
  seed?: number;
  /** How long joining (joined, then publisher ICE connected) may take. Default 30,000 ms. */
  timeoutMs?: number;
}

/** When each step of the join happened (`performance.now()` of this process, in ms). */
export interface JoinTimings {
  socketOpenMs: number;
  joinSentMs: number;
  joinedMs: number;
  /** The publisher's ICE reached `connected`; undefined while it has not. */
  publisherConnectedMs: number | undefined;
}

type Joined = Extract<ServerMessage, { type: 'joined' }>;
type JoinReply = Joined | Extract<ServerMessage, { type: 'error' | 'waiting' | 'denied' }>;
const isJoinReply = (message: ServerMessage): message is JoinReply =>
  message.type === 'joined' ||
  message.type === 'waiting' ||
  message.type === 'denied' ||
  (message.type === 'error' && message.inReplyTo === 'join');
const isPublishAnswer = (message: ServerMessage): message is Extract<ServerMessage, { type: 'publish-answer' }> =>
  message.type === 'publish-answer' && message.source === 'camera';

/**
 * A participant made of code. `SyntheticParticipant.join` resolves once it is in the room and
 * its publisher's ICE is connected; `close()` leaves, closes every connection and stops the
 * generated media.
 */
export class SyntheticParticipant {
  /** Everyone else in the room as the server last described them. */
  readonly others = new Map<ParticipantId, ParticipantSummary>();
  /** The one connection receiving the others' cameras (renegotiated by the server's offers), once offered. */
  private subscription: MediaConnection | undefined;
  /** Cameras asked for. */
  private readonly wanted = new Set<ParticipantId>();
  private earlySubscriptionCandidates: IceCandidate[] = [];
  private freshOffersPending = 0;
  private answering: Promise<void> = Promise.resolve();
  private publisher: MediaConnection | undefined;
  private isClosed = false;
  /** Why the server ended this participant's stay (`removed`, `meeting-ended`), if it did. */
  endedBy: string | undefined;
  /** Messages received from the server so far, and how many of them were `speaking`. */
  readonly received = { messages: 0, speaking: 0 };

  private constructor(
    private readonly signaling: SyntheticSignaling,
    private readonly options: SyntheticParticipantOptions,
    readonly self: ParticipantSummary,
    private readonly iceServers: IceServer[],
    private readonly video: GeneratedVideo | undefined,
    private readonly audio: GeneratedAudio,
    readonly timings: JoinTimings,
  ) {
    signaling.listen((message) => this.receive(message));
  }

  /** Joins the room and publishes; rejects (after cleaning up) if the server refuses or a step times out. */
  static async join(options: SyntheticParticipantOptions): Promise<SyntheticParticipant> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const { baseUrl, roomId } = roomAddressOf(options.room, options.baseUrl);
    const signaling = await SyntheticSignaling.open(baseUrl, { localAddress: options.localAddress });
    const socketOpenMs = performance.now();
    const withVideo = options.video ?? true;
    const reply = signaling.waitFor(isJoinReply, 'joined', timeoutMs);
    const joinSentMs = performance.now();
    signaling.send({
      type: 'join',
      roomId,
      displayName: options.name,
      media: { audioMuted: options.muted ?? false, videoMuted: !withVideo },
    });
    const answer = await reply.catch((error: unknown) => {
      signaling.close();
      throw error;
    });
    if (answer.type !== 'joined') {
      signaling.close();
      throw new Error(`${options.name} was not let in: ${answer.type === 'error' ? answer.code : answer.type}`);
    }
    const timings: JoinTimings = { socketOpenMs, joinSentMs, joinedMs: performance.now(), publisherConnectedMs: undefined };
    const seed = options.seed ?? 0;
    const video = withVideo ? new GeneratedVideo(options.videoFormat ?? defaultVideoFormat, seed) : undefined;
    const speakEveryMs = options.speakEveryMs;
    const audio = new GeneratedAudio(
      speakEveryMs === undefined
        ? undefined
        : { everyMs: speakEveryMs, burstMs: options.speakForMs ?? 2_000, phaseMs: Math.random() * speakEveryMs },
      !options.muted,
    );
    const participant = new SyntheticParticipant(signaling, options, answer.self, answer.iceServers, video, audio, timings);
    try {
      participant.met(answer.participants);
      await participant.publish(timeoutMs);
    } catch (error: unknown) {
      participant.close();
      throw error;
    }
    return participant;
  }

  /** This participant's id in the meeting. */
  get participantId(): ParticipantId {
    return this.self.participantId;
  }

  /** True while the generated microphone is in a burst of talk. */
  get speaking(): boolean {
    return this.audio.isSpeaking();
  }

  private async publish(timeoutMs: number): Promise<void> {
    const tracks = [this.audio.track, ...(this.video ? [this.video.track] : [])];
    const { media, offer } = await MediaConnection.publisher(tracks, this.iceServers, (candidate) =>
      this.signaling.send({ type: 'trickle', target: { kind: 'publisher', source: 'camera' }, candidate }),
    );
    this.publisher = media;
    const answered = this.signaling.waitFor(isPublishAnswer, 'publish-answer', timeoutMs);
    this.signaling.send({ type: 'publish', source: 'camera', offer });
    await media.setRemoteDescription((await answered).answer);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.options.name}: publisher ICE not connected within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([media.iceConnected, timedOut]).finally(() => clearTimeout(timer));
    this.timings.publisherConnectedMs = performance.now();
    // As a browser does from the level of the audio it sends: say when its talk starts and stops.
    if (this.audio.speakingDecided) this.signaling.send({ type: 'speaking', speaking: true });
    this.audio.onSpeakingChange = (speaking) => this.signaling.send({ type: 'speaking', speaking });
  }

  private met(participants: ParticipantSummary[]): void {
    for (const participant of participants) {
      if (participant.participantId === this.participantId) continue;
      this.others.set(participant.participantId, participant);
      if (this.options.subscribe && participant.publishing && !this.wanted.has(participant.participantId)) {
        this.wanted.add(participant.participantId);
        this.signaling.send({ type: 'subscribe', participantId: participant.participantId, source: 'camera' });
      }
      if (!participant.publishing) this.wanted.delete(participant.participantId);
    }
  }

  private receive(message: ServerMessage): void {
    this.received.messages += 1;
    if (message.type === 'speaking') this.received.speaking += 1;
    switch (message.type) {
      case 'participant-joined':
      case 'participant-updated':
        return this.met([message.participant]);
      case 'speaking':
        for (const { participantId, speaking } of message.changes) {
          const other = this.others.get(participantId);
          if (other) this.others.set(participantId, { ...other, speaking });
        }
        return;
      case 'participant-left':
        this.others.delete(message.participantId);
        this.wanted.delete(message.participantId);
        return;
      case 'publish-answer':
        return;
      case 'subscription-offer':
        if (message.fresh) this.freshOffersPending += 1;
        this.answering = this.answering.then(() => this.answerSubscription(message)).catch(() => undefined);
        return;
      case 'trickle':
        return this.trickled(message.target, message.candidate);
      case 'removed':
      case 'meeting-ended':
        this.endedBy = message.type;
        return this.close();
      default:
        return;
    }
  }

  private trickled(target: Extract<ServerMessage, { type: 'trickle' }>['target'], candidate: IceCandidate): void {
    if (target.kind === 'publisher') {
      void this.publisher?.addRemoteCandidate(candidate);
      return;
    }
    // A fresh subscription's candidates may come before its offer is taken.
    if (this.subscription && this.freshOffersPending === 0) void this.subscription.addRemoteCandidate(candidate);
    else this.earlySubscriptionCandidates.push(candidate);
  }

  /** Answers the server's offer: a fresh one on a new connection, a renegotiation on the one there is. */
  private async answerSubscription(message: Extract<ServerMessage, { type: 'subscription-offer' }>): Promise<void> {
    if (this.isClosed) return;
    if (message.fresh || !this.subscription) {
      if (message.fresh) this.freshOffersPending -= 1;
      this.subscription?.close();
      const { media, answer } = await MediaConnection.subscription(message.offer, this.iceServers, (candidate) =>
        this.signaling.send({ type: 'trickle', target: { kind: 'subscription' }, candidate }),
      );
      this.subscription = media;
      this.signaling.send({ type: 'subscription-answer', answer });
      // Janus's candidates that came before the offer or while it was answered.
      for (const candidate of this.earlySubscriptionCandidates.splice(0)) void media.addRemoteCandidate(candidate);
      return;
    }
    const answer = await this.subscription.renegotiate(message.offer);
    this.signaling.send({ type: 'subscription-answer', answer });
  }

  /** Cameras carried by the subscription now, and whether it has connected (0 or 1 connection in all). */
  get subscriptionCounts(): { open: number; connected: number } {
    const open = this.subscription ? 1 : 0;
    return { open, connected: this.subscription?.wasConnected ? 1 : 0 };
  }

  /** RTP totals of the publisher and the subscription. */
  async rtpTotals(): Promise<RtpTotals> {
    const all = await Promise.all([this.publisher, this.subscription].map((media) => media?.rtpTotals()));
    return all.reduce<RtpTotals>((sum, totals) => (totals ? addRtp(sum, totals) : sum), noRtp());
  }

  /** Leaves the meeting, closes every connection and stops the generated media. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.signaling.send({ type: 'leave' });
    this.publisher?.close();
    this.subscription?.close();
    this.video?.stop();
    this.audio.stop();
    this.signaling.close();
  }
}
