/**
 * The media side of a live room, on a `MediaServer` (Janus in production): its videoroom, publishing each participant's camera and
 * screen, subscriptions between participants, ICE trickling and simulcast layers.
 */

import type { Logger } from 'pino';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { IceCandidate, MediaSource, SessionDescription, TrickleTarget, VideoLayer } from '../../../shared/protocol.js';
import { MediaServerUnavailableError } from '../../media/index.js';
import type { Clock } from '../../platform/clock.js';
import { meetingsWords } from '../words.js';
import type { LiveParticipant } from './live-participant.js';
import type { MediaPublisher, MediaServer } from './media-server.js';
import { type Failure, failure, type Outcome } from './outcome.js';
import { type StreamKey, type SubscriptionHost, streamKey } from './participant-subscription.js';

function mediaFailure(error: unknown): Failure {
  if (error instanceof MediaServerUnavailableError) {
    return failure('media_server_unavailable', meetingsWords.phrase('media_server_unavailable'));
  }
  return failure('media_negotiation_failed', meetingsWords.phrase('media_negotiation_failed'));
}

/** What the media side needs from its room. */
export interface MediaRoomHost {
  readonly participants: ReadonlyMap<ParticipantId, LiveParticipant>;
  /** The room's clock (subscription answer time-outs). */
  readonly clock: Clock;
  /** Tells everyone that a participant's state changed. */
  participantChanged(participant: LiveParticipant): void;
}

/**
 * The media of one live room on a `MediaServer`: made by `RoomCore`, it creates the media
 * server's room on the first publish or subscription (room for two publishers — camera and
 * screen — per participant allowed), and destroys it on `close()`. Handles belong to the
 * participants; this drives them.
 */
export class RoomMedia {
  private janusRoom: Promise<unknown> | undefined;

  constructor(
    private readonly host: MediaRoomHost,
    private server: MediaServer,
    private readonly logger: Logger,
    private readonly publishersMax: number,
  ) {}

  private ensureJanusRoom(): Promise<unknown> {
    if (!this.janusRoom) {
      // Cameras and screens are both publishers in Janus.
      const creating = this.server.createRoom(2 * this.publishersMax);
      this.janusRoom = creating;
      creating.catch(() => {
        if (this.janusRoom === creating) this.janusRoom = undefined;
      });
    }
    return this.janusRoom;
  }

  /** Publishes a participant's offer for `source` to Janus and returns the answer. */
  async publish(participant: LiveParticipant, source: MediaSource, offer: SessionDescription): Promise<Outcome<SessionDescription>> {
    const publication = participant.publication(source);
    if (publication.pending) return failure('media_negotiation_failed', meetingsWords.phrase('publish_in_progress'));
    const attempt = this.publishWithJanus(participant, source, offer);
    publication.pending = attempt;
    try {
      return await attempt;
    } finally {
      if (publication.pending === attempt) publication.pending = undefined;
    }
  }

  private async publishWithJanus(
    participant: LiveParticipant,
    source: MediaSource,
    offer: SessionDescription,
  ): Promise<Outcome<SessionDescription>> {
    const publication = participant.publication(source);
    const resets = publication.resets;
    try {
      if (publication.handle) await this.unpublish(participant, source);
      const janusRoom = await this.ensureJanusRoom();
      const publisher = await this.server.openPublisher(janusRoom, `${participant.id}/${source}`);
      const overtaken = this.overtaken(participant, publication.resets !== resets);
      if (overtaken) {
        await publisher.close();
        return overtaken;
      }
      publication.handle = publisher;
      this.watchPublisher(participant, source, publisher);
      const answer = await publisher.publish(offer);
      for (const candidate of publication.earlyCandidates.splice(0)) await publisher.trickle(candidate);
      if (source === 'camera') void this.enforceMedia(participant);
      return { ok: true, value: answer };
    } catch (error) {
      this.logger.warn({ err: error, participantId: participant.id, source }, 'publish failed');
      return mediaFailure(error);
    }
  }

  /**
   * Why a publish that was waiting for the media server must not go on: the participant left, or
   * their connection dropped or was replaced, or the media server went away (`reset`) meanwhile.
   */
  private overtaken(participant: LiveParticipant, reset: boolean): Failure | undefined {
    if (participant.closed) return failure('not_joined', meetingsWords.phrase('left_meeting'));
    if (reset || !participant.connection) return failure('media_negotiation_failed', meetingsWords.phrase('connection_changed'));
    return undefined;
  }

  private watchPublisher(participant: LiveParticipant, source: MediaSource, publisher: MediaPublisher): void {
    const publication = participant.publication(source);
    publisher.on('candidate', (candidate) => participant.send({ type: 'trickle', target: { kind: 'publisher', source }, candidate }));
    publisher.on('webrtc-up', () => {
      if (publication.handle !== publisher || publication.live) return;
      publication.live = true;
      this.host.participantChanged(participant);
    });
    const stop = () => {
      if (publication.handle === publisher) void this.unpublish(participant, source);
    };
    publisher.on('hangup', stop);
    publisher.on('closed', stop);
  }

  /**
   * Keeps Janus in line with the participant's microphone and camera state: while muted (by
   * themselves or a moderator, or kept off by a lock) Janus drops that stream, so a modified
   * browser cannot be heard or seen anyway. When video flows again, the browser is asked for a
   * keyframe so that subscribers get a picture at once.
   */
  async enforceMedia(participant: LiveParticipant): Promise<void> {
    const publication = participant.publication('camera');
    const handle = publication.handle;
    if (!handle || !this.janusRoom) return;
    const wanted = { audio: participant.media.audioMuted, video: participant.media.videoMuted };
    for (const kind of ['audio', 'video'] as const) {
      const mid = kind === 'audio' ? handle.audioMid : handle.videoMid;
      if (!mid || publication.blocked[kind] === wanted[kind]) continue;
      publication.blocked = { ...publication.blocked, [kind]: wanted[kind] };
      try {
        await this.server.setStreamBlocked(await this.janusRoom, handle.feedId, mid, wanted[kind]);
        if (kind === 'video' && !wanted.video) await handle.requestKeyframe();
      } catch (error) {
        publication.blocked = { ...publication.blocked, [kind]: !wanted[kind] };
        this.logger.warn({ err: error, participantId: participant.id, kind }, 'could not enforce the media state in janus');
      }
    }
  }

  /** Stops a participant's stream of `source` and everyone's subscriptions to it. */
  async unpublish(participant: LiveParticipant, source: MediaSource): Promise<void> {
    const publication = participant.publication(source);
    const handle = publication.handle;
    publication.handle = undefined;
    const wasLive = publication.live;
    publication.live = false;
    if (source === 'camera') participant.setSpeaking(false);
    for (const other of this.host.participants.values()) other.subscription.drop(streamKey(participant.id, source));
    if (wasLive && !participant.closed) this.host.participantChanged(participant);
    await handle?.close();
  }

  /**
   * Adds `publisherId`'s `source` to `subscriber`'s one subscription, starting on `layer` (the
   * offer follows as `subscription-offer` once negotiated); refused for someone not here or not
   * publishing that source.
   */
  subscribe(subscriber: LiveParticipant, publisherId: ParticipantId, source: MediaSource, layer: VideoLayer = 2): Outcome {
    const target = this.host.participants.get(publisherId);
    if (!target || target === subscriber) return failure('participant_not_found', meetingsWords.phrase('participant_not_here'));
    const publication = target.publication(source);
    if (!publication.handle || !publication.live) return failure('not_publishing', meetingsWords.phrase('not_publishing'));
    subscriber.subscription.want(this.subscriptionHost(subscriber), streamKey(publisherId, source), publication.handle.feedId, layer);
    return { ok: true };
  }

  /**
   * Adds every stream being published by the others (cameras starting on `layer`) to
   * `subscriber`'s subscription in one negotiation: a joining page asks for it with its `join`, so
   * that the offer is made while it renders the meeting.
   */
  subscribeToEveryone(subscriber: LiveParticipant, layer: VideoLayer): void {
    const streams: { key: StreamKey; feedId: number; layer: VideoLayer }[] = [];
    for (const other of this.host.participants.values()) {
      if (other === subscriber) continue;
      for (const source of ['camera', 'screen'] as const) {
        const publication = other.publication(source);
        if (!publication.handle || !publication.live) continue;
        streams.push({ key: streamKey(other.id, source), feedId: publication.handle.feedId, layer: source === 'camera' ? layer : 2 });
      }
    }
    if (streams.length > 0) subscriber.subscription.wantAll(this.subscriptionHost(subscriber), streams);
  }

  /** What a participant's subscription needs of this room's media: opening on the media server, and whose each feed is. */
  private subscriptionHost(subscriber: LiveParticipant): SubscriptionHost {
    return {
      clock: this.host.clock,
      open: async (feeds) =>
        this.server.openSubscription(await this.ensureJanusRoom(), subscriber.publication('camera').handle?.privateId ?? 0, feeds),
      ownerOf: (feedId) => {
        for (const participant of this.host.participants.values()) {
          for (const source of ['camera', 'screen'] as const) {
            const publication = participant.publication(source);
            if (publication.handle?.feedId === feedId && publication.live) return { participantId: participant.id, source };
          }
        }
        return undefined;
      },
      failed: (error) => this.logger.warn({ err: error, participantId: subscriber.id }, 'a subscription negotiation failed'),
    };
  }

  /** Takes the browser's answer to its subscription's latest offer. */
  async answerSubscription(subscriber: LiveParticipant, answer: SessionDescription): Promise<Outcome> {
    return subscriber.subscription.answered(answer)
      ? { ok: true }
      : failure('participant_not_found', meetingsWords.phrase('no_subscription'));
  }

  /** Chooses the simulcast layer (or no video) a subscriber receives of one stream. */
  async setVideoLayer(subscriber: LiveParticipant, publisherId: ParticipantId, source: MediaSource, layer: VideoLayer): Promise<Outcome> {
    try {
      if (!(await subscriber.subscription.setVideoLayer(streamKey(publisherId, source), layer))) {
        return failure('participant_not_found', meetingsWords.phrase('no_subscription'));
      }
      this.logger.debug({ participantId: subscriber.id, publisherId, source, layer }, 'video layer chosen');
      return { ok: true };
    } catch (error) {
      this.logger.warn({ err: error, participantId: subscriber.id, layer }, 'choosing a video layer failed');
      return mediaFailure(error);
    }
  }

  /** Passes an ICE candidate to the right handle; candidates for vanished handles are ignored. */
  async trickle(participant: LiveParticipant, target: TrickleTarget, candidate: IceCandidate): Promise<void> {
    if (target.kind === 'publisher') {
      const publication = participant.publication(target.source);
      if (!publication.handle) {
        // The browser trickles while its offer is on the way; keep the candidates for the handle.
        if (publication.pending && publication.earlyCandidates.length < limits.iceCandidatesQueuedMax)
          publication.earlyCandidates.push(candidate);
        return;
      }
      await publication.handle.trickle(candidate).catch(() => undefined);
      return;
    }
    await participant.subscription.trickle(candidate);
  }

  /** Janus went away: every handle is gone. */
  interrupted(): void {
    this.janusRoom = undefined;
    for (const participant of this.host.participants.values()) participant.dropMedia();
  }

  /**
   * The meeting moves to another media server (the one it was on died): everything on the old
   * one is forgotten as after `interrupted`, and the room is made on `server` at the next publish.
   */
  moveTo(server: MediaServer): boolean {
    if (server === this.server) return false;
    this.interrupted();
    this.server = server;
    return true;
  }

  /** Destroys the Janus room. */
  close(): Promise<void> {
    const janusRoom = this.janusRoom;
    this.janusRoom = undefined;
    if (!janusRoom) return Promise.resolve();
    const destroyed = janusRoom.then((room) => this.server.destroyRoom(room)).catch(() => undefined);
    // Awaited at shutdown (`LiveRoom.settled`), so that no room is left on a media server; a server that does not answer is not waited for long.
    return Promise.race([destroyed, new Promise<void>((resolve) => setTimeout(resolve, limits.mediaRoomDestroyWaitMs).unref())]);
  }
}
