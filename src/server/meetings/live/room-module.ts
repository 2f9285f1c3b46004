/**
 * In-meeting features (chat today; votes, polls and shared notes next) plug into a live room as
 * modules. The room creates each module through `LiveRoom.addModule`, keeps it by name, routes
 * the client messages it claims to `handle`, tells it who joins and leaves (and, if it asks, each
 * change of a participant and each public chat message), and closes it with the room. A module
 * sees the room only through its `RoomModuleContext`.
 */
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import type {
  ChatMessage,
  ClientMessage,
  ClientMessageType,
  LockedSettings,
  MeetingFeature,
  ServerMessage,
} from '../../../shared/protocol.js';
import type { Clock } from '../../platform/clock.js';
import type { ParticipantView } from './live-participant.js';
import type { Failure, Outcome } from './outcome.js';

/** A module's answer to a message: a reply for the sender alone, if any. */
export type ModuleOutcome = Outcome<ServerMessage | undefined>;

/**
 * The client message types the room's own commands handle (and `join`, `leave`, `ping`, which
 * the connection handles): signalling routes them to those commands, and no module may claim one.
 */
export const coreMessageTypes = [
  'join',
  'leave',
  'ping',
  'publish',
  'unpublish',
  'subscribe',
  'subscription-answer',
  'unsubscribe',
  'video-layer',
  'trickle',
  'media-state',
  'connection-quality',
  'speaking',
  'hand',
  'react',
  'moderate',
] as const satisfies readonly ClientMessageType[];

/** Whether `type` is one of the room's own commands (or the connection's), which no module may claim. */
export function isCoreMessageType(type: string): boolean {
  return (coreMessageTypes as readonly string[]).includes(type);
}

/** The client message types left to room modules: every type no core command has (today `chat-send`, the chat's). */
export type ModuleMessageType = Exclude<ClientMessageType, (typeof coreMessageTypes)[number]>;

/** A client message of a type room modules handle. */
export type ModuleMessage = Extract<ClientMessage, { type: ModuleMessageType }>;

/**
 * An in-meeting feature plugged into a live room (made by `LiveRoom.addModule`, closed with the
 * room). Signalling routes every message of a type it claims to `handle`; a module may claim
 * no core command's type (`coreMessageTypes`) and no type another module of the room claims.
 */
export interface RoomModule {
  /** Unique within a room, e.g. `chat`. */
  readonly name: string;
  /** The client message types this module handles; none of `coreMessageTypes`, and no two modules of a room share one. */
  readonly messageTypes: readonly ModuleMessageType[];
  /** An admitted participant entered the meeting (not called again when they resume). */
  onJoin(participant: ParticipantView): void;
  /** An admitted participant left the meeting for good. */
  onLeave(participant: ParticipantView): void;
  /**
   * An admitted participant took their place back after their connection dropped: whatever was
   * sent to them meanwhile was lost, so tell them again what they need. Optional.
   */
  onResume?(participant: ParticipantView): void;
  /**
   * An admitted participant's state changed — microphone or camera state, hand, role, a stream
   * going live or stopping, reconnecting — called after everyone was told (`participant-updated`);
   * or they started or stopped speaking — called at once, before the room's next `speaking` batch
   * tells everyone. Often (speaking); compare with what was seen before. Optional.
   */
  onParticipantChanged?(participant: ParticipantView): void;
  /** A message was posted to the public chat (by a participant, or from outside the meeting: `fromId` null); private messages are not told. Optional. */
  onChatMessage?(message: ChatMessage): void;
  /**
   * Carries out one of `messageTypes` from an admitted participant, or says why not; a module
   * that must store something first (an assembly's vote) answers with a promise of its outcome.
   */
  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome | Promise<ModuleOutcome>;
  /**
   * The meeting was ended on purpose — by a moderator for everyone, or at its plan's time limit —
   * not merely left empty; called just before `close`. Optional.
   */
  onEnded?(reason: MeetingEndReason): void;
  /** The meeting is over; drop everything. Called once. */
  close(): void;
}

/** Why a meeting was ended on purpose. */
/** `breakout_closed`: a breakout room's meeting, closed when its breakout ends. */
export type MeetingEndReason = 'ended_by_moderator' | 'time_limit' | 'scheduled_end' | 'breakout_closed';

/** What a module may see and do in its room. */
export interface RoomModuleContext {
  readonly clock: Clock;
  /** The room's id (a persistent room's, stable for the life of the meeting). */
  roomId(): RoomId;
  /** The room's name now (it may be renamed during the meeting). */
  roomName(): string;
  /** An admitted participant, if there is one with this id. */
  participant(participantId: ParticipantId): ParticipantView | undefined;
  /** Why `participant` may not use something the moderators can lock for viewers or the room switched off (`not_allowed`); `undefined` when they may. */
  lockRefusal(participant: ParticipantView, what: keyof LockedSettings): Failure | undefined;
  /** Whether a feature is on in this meeting (the room did not switch it off for everyone). */
  featureOn(feature: MeetingFeature): boolean;
  /**
   * Ends the meeting at `endsAtMs` (room clock) for everyone (`scheduled_end`), warning them
   * `meetingEndWarningMinutes` before; a later call moves the end. Independent of the plan's limit.
   */
  endAt(endsAtMs: number): void;
  /** Sends to one admitted participant. */
  send(participantId: ParticipantId, message: ServerMessage): void;
  /**
   * Stops a participant's media here — their streams (and everyone's subscriptions to them) and
   * their own subscription — keeping their place: they went to a breakout room. Their browser
   * publishes and subscribes anew when they come back.
   */
  closeMedia(participantId: ParticipantId): void;
  /** Sends to every admitted participant except `exceptId`. */
  broadcast(message: ServerMessage, exceptId?: ParticipantId): void;
  /** Every admitted participant now (reconnecting ones included). */
  participants(): ParticipantView[];
}

/** Makes a module for a room; called once, by `LiveRoom.addModule`. */
export type RoomModuleFactory<Module extends RoomModule> = (context: RoomModuleContext) => Module;
