/**
 * Breakout rooms, on the main meeting's signalling socket. A moderator splits the meeting into
 * 2–16 rooms for a while — assigning people by hand (or shuffled by the page), letting them
 * choose, or both — and each person the rooms concern is given a ticket to their room's meeting.
 * The page keeps its socket to the main meeting (muted, sending and receiving no media) and joins
 * the breakout room's meeting on a second one with the ticket (`join.breakoutTicket`); it comes
 * back by itself when the rooms close (a minute's warning first), when a moderator brings it back,
 * or when the person chooses to. Moderators may visit any room. Each breakout room is a meeting of
 * its own — media, chat, notes, polls — that lives only as long as the breakout.
 * Handled by the meetings' `BreakoutModule`; the breakout meetings by the room registry.
 */
import { z } from 'zod';
import { ParticipantIdSchema, RoomIdSchema } from './ids.js';
import { limits } from './limits.js';
import { labelSchema, optionalTextSchema } from './text.js';

/** A breakout room's place in the list, from 0. */
export const BreakoutIndexSchema = z
  .number()
  .int()
  .min(0)
  .max(limits.breakoutRoomsMax - 1);

const BreakoutNameSchema = labelSchema(limits.breakoutNameCharactersMax);

/** A breakout room as a moderator sets it up: its name and the main-room participants sent there. */
export const BreakoutPlanSchema = z
  .object({
    name: BreakoutNameSchema,
    participantIds: z.array(ParticipantIdSchema).max(limits.participantsPerRoomMax),
  })
  .strict();
export type BreakoutPlan = z.infer<typeof BreakoutPlanSchema>;

/** One breakout room as everyone in the main meeting sees it. */
export const BreakoutRoomViewSchema = z.object({
  name: z.string(),
  /** The main-room participants who belong here (sent by a moderator, or who chose it). */
  assigned: z.array(ParticipantIdSchema),
  /** The main-room participants in it right now (visiting moderators included). */
  present: z.array(ParticipantIdSchema),
});
export type BreakoutRoomView = z.infer<typeof BreakoutRoomViewSchema>;

/** The breakout as it stands. */
export const BreakoutsViewSchema = z.object({
  rooms: z.array(BreakoutRoomViewSchema).max(limits.breakoutRoomsMax),
  /** When everyone goes back to the main room (server clock, milliseconds since the epoch). */
  endsAtMs: z.number(),
  /** Participants not yet in a room may choose one (and change their mind while it runs). */
  allowChoosing: z.boolean(),
});
export type BreakoutsView = z.infer<typeof BreakoutsViewSchema>;

/** The refusals of breakout messages and joins (besides `not_allowed`, `rate_limited` and `malformed_message`). */
export const breakoutErrorCodes = [
  /** A breakout is running already: end it first. */
  'breakout_running',
  /** No breakout is running. */
  'breakout_not_running',
  /** Someone assigned to a room is no longer in the meeting (the message names them); nothing was started. */
  'breakout_participant_left',
  /** There is no such room, or the participant may not go to it (assigned elsewhere, choosing not allowed). */
  'breakout_room_unknown',
  /** A join with a breakout ticket that is unknown, or of a breakout that has ended. */
  'breakout_ticket_invalid',
] as const;
export type BreakoutErrorCode = (typeof breakoutErrorCodes)[number];

/** The ticket that lets one main-room participant into one breakout room's meeting (`join.breakoutTicket`). */
export const BreakoutTicketSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'must be a ticket');

/** The client messages of breakout rooms (on the main meeting's socket). */
export const breakoutClientMessages = [
  /** A moderator opens the rooms: their names and who goes where (those left out stay, or choose if allowed), for `minutes`. */
  z
    .object({
      type: z.literal('breakout-start'),
      rooms: z.array(BreakoutPlanSchema).min(limits.breakoutRoomsMin).max(limits.breakoutRoomsMax),
      minutes: z.number().int().min(1).max(limits.breakoutMinutesMax),
      allowChoosing: z.boolean(),
    })
    .strict(),
  /** A moderator sends a participant to a room while the breakout runs (a late arrival, a change), or back to the main room (`null`). */
  z.object({ type: z.literal('breakout-assign'), participantId: ParticipantIdSchema, room: BreakoutIndexSchema.nullable() }).strict(),
  /** A participant goes to their room (again), or chooses one when allowed; a moderator visits any room. Answered with `breakout-ticket`. */
  z.object({ type: z.literal('breakout-enter'), room: BreakoutIndexSchema }).strict(),
  /** A moderator's message to everyone, in every room. */
  z
    .object({
      type: z.literal('breakout-broadcast'),
      text: optionalTextSchema(limits.breakoutBroadcastCharactersMax).pipe(z.string().min(1)),
    })
    .strict(),
  /** A moderator closes the rooms now: everyone comes back. */
  z.object({ type: z.literal('breakout-end') }).strict(),
] as const;

/** The server messages of breakout rooms (on the main meeting's socket). */
export const breakoutServerMessages = [
  /** The breakout as it stands (on each change, on joining and coming back), or none. */
  z.object({ type: z.literal('breakouts'), breakouts: BreakoutsViewSchema.nullable() }),
  /** Go to this room: join its meeting (`roomId`) with the ticket, keeping this socket. */
  z.object({
    type: z.literal('breakout-ticket'),
    room: BreakoutIndexSchema,
    name: z.string(),
    roomId: RoomIdSchema,
    ticket: BreakoutTicketSchema,
  }),
  /** A moderator brought this participant back to the main room. */
  z.object({ type: z.literal('breakout-return') }),
  /** The rooms close at `endsAtMs` (sent a minute before). */
  z.object({ type: z.literal('breakouts-ending'), endsAtMs: z.number() }),
  /** A moderator's message to every room. */
  z.object({ type: z.literal('breakout-broadcast'), fromName: z.string(), text: z.string() }),
] as const;
