/**
 * A room while a meeting is held in it. Owns its participants and its Janus videoroom;
 * when the last participant leaves the room closes itself and tells the registry.
 */
import type { Logger } from 'pino';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { ErrorCode, IceCandidate, MediaState, ServerMessage, SessionDescription } from '../../../shared/protocol.js';
import { type JanusGateway, type JanusRoom, MediaServerUnavailableError, type PublisherHandle } from '../../media/index.js';
import type { Room, RoomsRepository } from '../rooms-repository.js';
import { LiveParticipant, type ParticipantConnection } from './live-participant.js';

/** An expected failure of a meeting action: a stable code and words for people. */
export type Failure = { ok: false; code: ErrorCode; message: string };
export type Outcome<T = undefined> = ({ ok: true } & (T extends undefined ? unknown : { value: T })) | Failure;

export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}

function mediaFailure(error: unknown): Failure {
  if (error instanceof MediaServerUnavailableError) {
    return failure('media_server_unavailable', 'The media server is unavailable; reconnecting.');
  }
  return failure('media_negotiation_failed', 'The media server could not set up this stream.');
}

export interface LiveRoomDependencies {
  gateway: JanusGateway;
  rooms: RoomsRepository;
  logger: Logger;
  participantsMax: number;
  onClose: (room: LiveRoom) => void;
}

export class LiveRoom {
  readonly participants = new Map<ParticipantId, LiveParticipant>();
  private janusRoom: Promise<JanusRoom> | undefined;
  /** Writes to the meeting record, applied in order; `settled()` waits for them. */
  private writes: Promise<unknown>;
  private meetingId: string | undefined;
  private isClosed = false;

  constructor(
    readonly room: Room,
    private readonly dependencies: LiveRoomDependencies,
  ) {
    this.writes = Promise.resolve();
    this.record(async () => {
      this.meetingId = (await dependencies.rooms.startMeeting(room.id)).id;
    });
  }

  private record(write: () => Promise<unknown>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.dependencies.logger.error({ err: error, roomId: this.room.id }, 'could not update the meeting record');
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Participants currently publishing streams. */
  get publishingCount(): number {
    let count = 0;
    for (const participant of this.participants.values()) if (participant.streamsLive) count += 1;
    return count;
  }

  /** Adds a participant, or says why not (room full). Tells everyone else. */
  admit(displayName: string, media: MediaState, connection: ParticipantConnection): Outcome<LiveParticipant> {
    if (this.isClosed) return failure('room_not_found', 'This meeting has just ended.');
    if (this.participants.size >= this.dependencies.participantsMax) {
      return failure('room_is_full', `This room is full: it holds at most ${this.dependencies.participantsMax} people.`);
    }
    const participant = new LiveParticipant(displayName, media, connection, (leaving) => this.handleParticipantClosed(leaving));
    this.participants.set(participant.id, participant);
    this.broadcast({ type: 'participant-joined', participant: participant.summary() }, participant.id);
    const count = this.participants.size;
    this.record(async () => {
      if (this.meetingId) await this.dependencies.rooms.recordAttendance(this.meetingId, count);
    });
    return { ok: true, value: participant };
  }

  /** Sends a message to every participant except `exceptId`. */
  broadcast(message: ServerMessage, exceptId?: ParticipantId): void {
    for (const participant of this.participants.values()) if (participant.id !== exceptId) participant.send(message);
  }

  private ensureJanusRoom(): Promise<JanusRoom> {
    if (!this.janusRoom) {
      const creating = this.dependencies.gateway.createRoom(this.dependencies.participantsMax);
      this.janusRoom = creating;
      creating.catch(() => {
        if (this.janusRoom === creating) this.janusRoom = undefined;
      });
    }
    return this.janusRoom;
  }

  /** Publishes a participant's offer to Janus and returns the answer. */
  async publish(participant: LiveParticipant, offer: SessionDescription): Promise<Outcome<SessionDescription>> {
    if (participant.publishing) return failure('media_negotiation_failed', 'A publish is already in progress.');
    const attempt = this.publishWithJanus(participant, offer);
    participant.publishing = attempt;
    try {
      return await attempt;
    } finally {
      if (participant.publishing === attempt) participant.publishing = undefined;
    }
  }

  private async publishWithJanus(participant: LiveParticipant, offer: SessionDescription): Promise<Outcome<SessionDescription>> {
    try {
      if (participant.publisher) await this.unpublish(participant);
      const janusRoom = await this.ensureJanusRoom();
      const publisher = await this.dependencies.gateway.openPublisher(janusRoom, participant.id);
      if (participant.closed) {
        await publisher.close();
        return failure('not_joined', 'You have left the meeting.');
      }
      participant.publisher = publisher;
      this.watchPublisher(participant, publisher);
      const answer = await publisher.publish(offer);
      for (const candidate of participant.earlyPublisherCandidates.splice(0)) await publisher.trickle(candidate);
      return { ok: true, value: answer };
    } catch (error) {
      this.dependencies.logger.warn({ err: error, participantId: participant.id }, 'publish failed');
      return mediaFailure(error);
    }
  }

  private watchPublisher(participant: LiveParticipant, publisher: PublisherHandle): void {
    publisher.on('candidate', (candidate) => participant.send({ type: 'trickle', target: { kind: 'publisher' }, candidate }));
    publisher.on('webrtc-up', () => {
      if (participant.publisher !== publisher || participant.streamsLive) return;
      participant.streamsLive = true;
      this.broadcast({ type: 'participant-updated', participant: participant.summary() });
    });
    const stop = () => {
      if (participant.publisher !== publisher) return;
      void this.unpublish(participant);
    };
    publisher.on('hangup', stop);
    publisher.on('closed', stop);
  }

  /** Stops a participant's streams and everyone's subscriptions to them. */
  private async unpublish(participant: LiveParticipant): Promise<void> {
    const publisher = participant.publisher;
    participant.publisher = undefined;
    const wasLive = participant.streamsLive;
    participant.streamsLive = false;
    for (const other of this.participants.values()) other.closeSubscription(participant.id);
    if (wasLive && !participant.closed) this.broadcast({ type: 'participant-updated', participant: participant.summary() });
    await publisher?.close();
  }

  /** Subscribes `subscriber` to `publisherId`'s streams and returns Janus's offer. */
  async subscribe(subscriber: LiveParticipant, publisherId: ParticipantId): Promise<Outcome<SessionDescription>> {
    const target = this.participants.get(publisherId);
    if (!target || target === subscriber) return failure('participant_not_found', 'That participant is not in this meeting.');
    if (!target.publisher || !target.streamsLive) return failure('not_publishing', 'That participant is not sending any media yet.');
    try {
      const janusRoom = await this.ensureJanusRoom();
      const handle = await this.dependencies.gateway.openSubscriber(
        janusRoom,
        target.publisher.feedId,
        subscriber.publisher?.privateId ?? 0,
      );
      if (subscriber.closed || !this.participants.has(publisherId)) {
        await handle.close();
        return failure('participant_not_found', 'That participant has left.');
      }
      subscriber.setSubscription(publisherId, handle);
      handle.on('candidate', (candidate) =>
        subscriber.send({ type: 'trickle', target: { kind: 'subscriber', participantId: publisherId }, candidate }),
      );
      return { ok: true, value: handle.offer };
    } catch (error) {
      this.dependencies.logger.warn({ err: error, participantId: subscriber.id }, 'subscribe failed');
      return mediaFailure(error);
    }
  }

  /** Starts a subscription with the browser's answer. */
  async answerSubscription(subscriber: LiveParticipant, publisherId: ParticipantId, answer: SessionDescription): Promise<Outcome> {
    const handle = subscriber.subscriptions.get(publisherId);
    if (!handle) return failure('participant_not_found', 'There is no subscription to that participant.');
    try {
      await handle.start(answer);
      return { ok: true };
    } catch (error) {
      return mediaFailure(error);
    }
  }

  /** Passes an ICE candidate to the right handle; candidates for vanished handles are ignored. */
  async trickle(participant: LiveParticipant, target: ParticipantId | 'publisher', candidate: IceCandidate): Promise<void> {
    if (target === 'publisher' && !participant.publisher) {
      // The browser trickles while its offer is on the way; keep the candidates for the handle.
      if (participant.publishing && participant.earlyPublisherCandidates.length < limits.iceCandidatesQueuedMax) {
        participant.earlyPublisherCandidates.push(candidate);
      }
      return;
    }
    const handle = target === 'publisher' ? participant.publisher : participant.subscriptions.get(target);
    await handle?.trickle(candidate).catch(() => undefined);
  }

  /** Records a participant's new mute/camera state and tells everyone. */
  updateMedia(participant: LiveParticipant, media: MediaState): void {
    participant.media = media;
    this.broadcast({ type: 'participant-updated', participant: participant.summary() }, participant.id);
  }

  /** Janus went away: every handle is gone; tell everyone to wait. */
  mediaInterrupted(): void {
    this.janusRoom = undefined;
    for (const participant of this.participants.values()) {
      participant.dropMedia();
      participant.send({ type: 'media-interrupted' });
    }
  }

  /** Janus is back: everyone publishes and subscribes again. */
  mediaRestored(): void {
    for (const participant of this.participants.values()) participant.send({ type: 'media-restored' });
  }

  private handleParticipantClosed(participant: LiveParticipant): void {
    if (this.participants.get(participant.id) !== participant) return;
    void this.unpublish(participant);
    this.participants.delete(participant.id);
    this.broadcast({ type: 'participant-left', participantId: participant.id });
    if (this.participants.size === 0) this.close();
  }

  /** Ends the meeting: closes every participant, the Janus room and the meeting record. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const participant of [...this.participants.values()]) participant.close();
    const janusRoom = this.janusRoom;
    this.janusRoom = undefined;
    void janusRoom?.then((room) => this.dependencies.gateway.destroyRoom(room)).catch(() => undefined);
    this.record(async () => {
      if (this.meetingId) await this.dependencies.rooms.endMeeting(this.meetingId);
    });
    this.dependencies.onClose(this);
  }

  /** Resolves once the meeting record's writes queued so far have been made. */
  async settled(): Promise<void> {
    await this.writes;
  }
}
