/** The types of `LiveRoom`'s edges: what it depends on, what a join asks and gets, what a newcomer is told. */
import type { Logger } from 'pino';
import type { ParticipantId } from '../../../shared/ids.js';
import type { ChatMessage, MediaState, MeetingSettings, ParticipantSummary, Role } from '../../../shared/protocol.js';
import type { Clock } from '../../platform/clock.js';
import type { RoomsRepository } from '../rooms-repository.js';
import type { ExternalIdentity, ParticipantView } from './live-participant.js';
import type { LiveRoom } from './live-room.js';
import type { MediaServer } from './media-server.js';

/** The part of the rooms repository a live room writes: its meeting record. */
export type MeetingRecords = Pick<
  RoomsRepository,
  'startMeeting' | 'recordAttendance' | 'addParticipantTime' | 'endMeeting' | 'keptNotes' | 'keepNotes' | 'forgetNotes'
>;

export interface LiveRoomDependencies {
  /** The media server (Janus in production). */
  media: MediaServer;
  /** Where the meeting record (start, attendance, participants' time, end) is kept, and notes a moderator keeps with the room. */
  records: MeetingRecords;
  logger: Logger;
  /** Where time comes from, and the reconnect grace period's timer. */
  clock: Clock;
  /** How long a participant whose connection dropped keeps their place. */
  reconnectGraceMs: number;
  /** Whether moderators may keep the notes with the room (not a breakout room's: it has no next meeting). Default true. */
  notesKeepable?: boolean;
  onClose: (room: LiveRoom) => void;
}

/** What a person asks for when joining. */
export interface JoinRequest {
  displayName: string;
  media: MediaState;
  accessCode?: string | undefined;
  /** The person is signed in and administers this room (owner, or admin of its organisation). */
  administrator?: boolean | undefined;
  /** The signed-in person's id, verified from their session (never from the message); absent for a guest. */
  personId?: string | undefined;
  /**
   * A role and admission granted by an integration (a BigBlueButton `join` link's grant, verified
   * by signalling): the role without any access code, and whether the guest waits to be let in.
   */
  granted?: { role: 'moderator' | 'viewer'; waits: boolean; external?: ExternalIdentity | undefined } | undefined;
  clientId?: string | undefined;
  resumeToken?: string | undefined;
  /**
   * The participant this join continues, found by its resume token where the room's meeting was
   * held before (another instance, which stopped): the same id, token and role, no code asked.
   */
  continues?: { participantId: ParticipantId; role: Role } | undefined;
  /** A breakout room's ticket from its main meeting (checked by the registry, which then sets the name and role). */
  breakoutTicket?: string | undefined;
  /** The browser can encrypt media end to end; an encrypted meeting lets no one in without it. */
  canEncrypt?: boolean | undefined;
}

export type JoinResult =
  | { kind: 'joined'; participant: ParticipantView; resumed: boolean }
  | { kind: 'waiting'; participant: ParticipantView };

/** What a participant is told on entering: everything of the meeting they may see. */
export interface Welcome {
  self: ParticipantSummary;
  participants: ParticipantSummary[];
  settings: MeetingSettings;
  chat: ChatMessage[];
  resumeToken: string;
}

/** Someone in the waiting room, as others see them. */
export interface WaitingView {
  participant: ParticipantView;
  sinceMs: number;
}
