/**
 * A room while a meeting is held in it. Owns its participants (and those waiting in its lobby),
 * its chat, its moderator settings and its media (`RoomMedia`). When the last participant leaves
 * the room closes itself and tells the registry.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { MediaState, MeetingSettings, Role, ServerMessage } from '../../../shared/protocol.js';
import type { JanusGateway } from '../../media/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Room, RoomsRepository } from '../rooms-repository.js';
import { ChatLog } from './chat-log.js';
import { LiveParticipant, type ParticipantConnection } from './live-participant.js';
import { failure, type Outcome } from './outcome.js';
import { RoomMedia } from './room-media.js';

export { type Failure, failure, type Outcome } from './outcome.js';

export interface LiveRoomDependencies {
  gateway: JanusGateway;
  rooms: RoomsRepository;
  logger: Logger;
  clock: Clock;
  /** How long a participant whose connection dropped keeps their place. */
  reconnectGraceMs: number;
  onClose: (room: LiveRoom) => void;
}

/** What a person asks for when joining. */
export interface JoinRequest {
  displayName: string;
  media: MediaState;
  accessCode?: string | undefined;
  /** The person is signed in and administers this room (owner, or admin of its organisation). */
  administrator?: boolean | undefined;
  clientId?: string | undefined;
  resumeToken?: string | undefined;
}

export type JoinResult =
  | { kind: 'joined'; participant: LiveParticipant; resumed: boolean }
  | { kind: 'waiting'; participant: LiveParticipant };

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class LiveRoom {
  /** Admitted participants. */
  readonly participants = new Map<ParticipantId, LiveParticipant>();
  /** Guests waiting to be admitted, oldest first. */
  readonly lobby = new Map<ParticipantId, { participant: LiveParticipant; sinceMs: number }>();
  readonly chat = new ChatLog();
  readonly media: RoomMedia;
  settings: MeetingSettings;
  /** Browsers banned from this meeting (by their client id). */
  private readonly banned = new Set<string>();
  private writes: Promise<unknown> = Promise.resolve();
  private meetingId: string | undefined;
  private isClosed = false;

  constructor(
    public room: Room,
    private readonly dependencies: LiveRoomDependencies,
  ) {
    this.settings = {
      roomLocked: false,
      lockedForViewers: { microphone: false, camera: false, chat: false, screenShare: false },
      multipleSharers: false,
      waitingRoom: room.waitingRoom,
    };
    this.media = new RoomMedia(this, dependencies.gateway, dependencies.logger, this.participantsMax);
    this.record(async () => {
      this.meetingId = (await dependencies.rooms.startMeeting(room.id)).id;
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get participantsMax(): number {
    return Math.min(this.room.participantsMax, limits.participantsPerRoomMax);
  }

  get logger(): Logger {
    return this.dependencies.logger;
  }

  get clock(): Clock {
    return this.dependencies.clock;
  }

  /** Participants publishing their camera right now. */
  get publishingCount(): number {
    let count = 0;
    for (const participant of this.participants.values()) if (participant.publications.camera.live) count += 1;
    return count;
  }

  private record(write: () => Promise<unknown>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.dependencies.logger.error({ err: error, roomId: this.room.id }, 'could not update the meeting record');
    });
  }

  /** The role a join request earns, or why it cannot join. */
  private roleFor(accessCode: string | undefined, administrator: boolean): Outcome<Role> {
    if (administrator) return { ok: true, value: 'moderator' };
    if (accessCode && sameCode(accessCode, this.room.moderatorCode)) return { ok: true, value: 'moderator' };
    if (this.room.viewerCode === null) return { ok: true, value: 'guest' };
    if (!accessCode) return failure('access_code_required', 'This room needs an access code.');
    if (sameCode(accessCode, this.room.viewerCode)) return { ok: true, value: 'viewer' };
    return failure('access_code_wrong', 'That access code is not right.');
  }

  /**
   * Lets a person in, puts them in the waiting room, resumes their earlier place, or says why
   * not (full, locked, banned, wrong code).
   */
  join(request: JoinRequest, connection: ParticipantConnection): Outcome<JoinResult> {
    if (this.isClosed) return failure('room_not_found', 'This meeting has just ended.');
    if (request.resumeToken) {
      const earlier = [...this.participants.values()].find((participant) => participant.resumeToken === request.resumeToken);
      if (earlier) return { ok: true, value: { kind: 'joined', participant: this.resume(earlier, connection), resumed: true } };
    }
    if (request.clientId && this.banned.has(request.clientId)) return failure('banned', 'You were removed from this meeting.');
    const role = this.roleFor(request.accessCode, request.administrator === true);
    if (!role.ok) return role;
    if (this.settings.roomLocked && role.value !== 'moderator')
      return failure('room_is_locked', 'This meeting is locked: nobody new can join.');
    if (this.participants.size >= this.participantsMax) {
      return failure('room_is_full', `This room is full: it holds at most ${this.participantsMax} people.`);
    }
    const media = this.room.muteOnJoin ? { ...request.media, audioMuted: true } : request.media;
    const participant = new LiveParticipant(request.displayName, role.value, media, connection, request.clientId, (leaving) =>
      this.handleParticipantClosed(leaving),
    );
    if (this.settings.waitingRoom && role.value === 'guest') {
      if (this.lobby.size >= limits.waitingPerRoomMax) return failure('room_is_full', 'Too many people are waiting to join.');
      this.lobby.set(participant.id, { participant, sinceMs: this.clock.nowMs() });
      this.sendLobbyToModerators();
      return { ok: true, value: { kind: 'waiting', participant } };
    }
    this.addParticipant(participant);
    return { ok: true, value: { kind: 'joined', participant, resumed: false } };
  }

  private addParticipant(participant: LiveParticipant): void {
    this.participants.set(participant.id, participant);
    this.broadcast({ type: 'participant-joined', participant: participant.summary() }, participant.id);
    const count = this.participants.size;
    this.record(async () => {
      if (this.meetingId) await this.dependencies.rooms.recordAttendance(this.meetingId, count);
    });
    if (participant.isModerator && this.lobby.size > 0) this.sendLobbyToModerators();
  }

  /** Moves someone from the lobby into the meeting; returns them, or `undefined` if they are not waiting. */
  admit(participantId: ParticipantId): LiveParticipant | undefined {
    const waiting = this.lobby.get(participantId);
    if (!waiting) return undefined;
    this.lobby.delete(participantId);
    if (this.participants.size >= this.participantsMax) {
      waiting.participant.send({ type: 'denied', reason: 'The meeting is full.' });
      waiting.participant.connection?.disconnect();
      return undefined;
    }
    this.addParticipant(waiting.participant);
    waiting.participant.connection?.admitted();
    this.sendLobbyToModerators();
    return waiting.participant;
  }

  /** Turns someone in the lobby away, telling them why. */
  deny(participantId: ParticipantId, reason: string | undefined): boolean {
    const waiting = this.lobby.get(participantId);
    if (!waiting) return false;
    this.lobby.delete(participantId);
    waiting.participant.send({ type: 'denied', ...(reason ? { reason } : {}) });
    waiting.participant.connection?.disconnect();
    this.sendLobbyToModerators();
    return true;
  }

  /** Sends the waiting list to every moderator. */
  sendLobbyToModerators(): void {
    const waiting = [...this.lobby.values()].map(({ participant, sinceMs }) => ({
      participantId: participant.id,
      displayName: participant.displayName,
      sinceMs,
    }));
    for (const participant of this.participants.values()) if (participant.isModerator) participant.send({ type: 'lobby', waiting });
  }

  private resume(participant: LiveParticipant, connection: ParticipantConnection): LiveParticipant {
    const previous = participant.connection;
    participant.connection = connection;
    if (previous && previous !== connection) previous.disconnect();
    clearTimeout(participant.reconnectTimer);
    participant.reconnectTimer = undefined;
    participant.closeMedia();
    participant.reconnecting = false;
    this.participantChanged(participant);
    return participant;
  }

  /**
   * The participant's connection dropped without a goodbye: keep their place (shown as
   * reconnecting) for `limits.reconnectGraceMs`, then let them go.
   */
  connectionLost(participant: LiveParticipant, connection: ParticipantConnection): void {
    if (participant.connection !== connection || participant.closed) return;
    if (this.lobby.delete(participant.id)) {
      this.sendLobbyToModerators();
      return;
    }
    participant.connection = undefined;
    participant.reconnecting = true;
    participant.closeMedia();
    for (const other of this.participants.values()) other.closeSubscriptionsTo(participant.id);
    this.participantChanged(participant);
    participant.reconnectTimer = setTimeout(() => participant.close(), this.dependencies.reconnectGraceMs);
  }

  /** Sends a message to every admitted participant except `exceptId`. */
  broadcast(message: ServerMessage, exceptId?: ParticipantId): void {
    for (const participant of this.participants.values()) if (participant.id !== exceptId) participant.send(message);
  }

  /** Tells everyone (the participant included) that a participant's state changed. */
  participantChanged(participant: LiveParticipant): void {
    if (!this.participants.has(participant.id)) return;
    void this.media.enforceMedia(participant);
    this.broadcast({ type: 'participant-updated', participant: participant.summary() });
  }

  /** Applies new meeting settings and tells everyone. */
  changeSettings(changes: Partial<MeetingSettings>): void {
    this.settings = { ...this.settings, ...changes };
    this.broadcast({ type: 'settings', settings: this.settings });
    if (changes.waitingRoom === false) for (const participantId of [...this.lobby.keys()]) this.admit(participantId);
  }

  /** Takes new persistent room settings (name, codes, waiting room…) from the settings page. */
  roomSettingsChanged(room: Room): void {
    const waitingRoomChanged = room.waitingRoom !== this.room.waitingRoom;
    this.room = room;
    if (waitingRoomChanged) this.changeSettings({ waitingRoom: room.waitingRoom });
  }

  /** Keeps a browser out of this meeting. */
  ban(clientId: string): void {
    this.banned.add(clientId);
  }

  /** Janus went away: every handle is gone; tell everyone to wait. */
  mediaInterrupted(): void {
    this.media.interrupted();
    for (const participant of this.participants.values()) participant.send({ type: 'media-interrupted' });
  }

  /** Janus is back: everyone publishes and subscribes again. */
  mediaRestored(): void {
    for (const participant of this.participants.values()) participant.send({ type: 'media-restored' });
  }

  private handleParticipantClosed(participant: LiveParticipant): void {
    if (this.lobby.delete(participant.id)) {
      this.sendLobbyToModerators();
      return;
    }
    if (this.participants.get(participant.id) !== participant) return;
    this.participants.delete(participant.id);
    for (const other of this.participants.values()) other.closeSubscriptionsTo(participant.id);
    this.broadcast({ type: 'participant-left', participantId: participant.id });
    if (this.participants.size === 0) this.close();
  }

  /** Ends the meeting for everyone (a moderator's decision): tells them, then closes. */
  end(): void {
    for (const participant of [...this.participants.values(), ...[...this.lobby.values()].map((waiting) => waiting.participant)]) {
      participant.send({ type: 'meeting-ended' });
      participant.connection?.disconnect();
    }
    this.close();
  }

  /** Closes every participant, the Janus room and the meeting record. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const { participant } of [...this.lobby.values()]) participant.close();
    this.lobby.clear();
    for (const participant of [...this.participants.values()]) participant.close();
    this.media.close();
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
