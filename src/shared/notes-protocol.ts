/**
 * A meeting's shared notes on the signalling socket: one Yjs document per meeting, synced with
 * the standard y-protocols messages (sync step 1, step 2, update; awareness for each editor's
 * cursor), carried as base64url in JSON. The server is a Yjs peer: it keeps the document for the
 * meeting, answers a newcomer's step 1, relays updates and awareness to those who opened the notes,
 * and refuses edits while a moderator has locked them. See `NotesModule`.
 */
import { z } from 'zod';
import { ParticipantIdSchema } from './ids.js';
import { limits } from './limits.js';

/** Bytes as base64url without padding (a y-protocols message). */
const YjsBytesSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
  .max(Math.ceil((limits.notesMessageBytesMax * 4) / 3), `must be at most ${limits.notesMessageBytesMax} bytes`);

/**
 * What each editor tells the others through awareness: who they are (their participant id,
 * checked by the server; names come from the roster, never from here) and their cursor.
 */
/** A Yjs item id. */
const YjsIdSchema = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).strict();

/** A Yjs relative position as `Y.relativePositionToJSON` writes it: every editor's cursor plugin reads it. */
const RelativePositionSchema = z
  .object({
    type: YjsIdSchema.nullable().optional(),
    tname: z.string().max(64).nullable().optional(),
    item: YjsIdSchema.nullable().optional(),
    assoc: z.number().int().min(-1).max(0).optional(),
  })
  .strict();

export const NotesAwarenessStateSchema = z
  .object({
    user: z.object({ participantId: ParticipantIdSchema, color: z.string().regex(/^#[0-9a-f]{6}$/) }).strict(),
    cursor: z.object({ anchor: RelativePositionSchema, head: RelativePositionSchema }).strict().nullable().optional(),
  })
  .strict();
export type NotesAwarenessState = z.infer<typeof NotesAwarenessStateSchema>;

/** The client messages of shared notes. */
export const notesClientMessages = [
  /** A y-protocols sync message: step 1 (opening the notes), step 2, or an update (an edit). */
  z.object({ type: z.literal('notes-sync'), message: YjsBytesSchema }).strict(),
  /** A y-protocols awareness update: one's own cursor (or its removal). */
  z.object({ type: z.literal('notes-awareness'), update: YjsBytesSchema }).strict(),
  /** A moderator locks the notes (only moderators may edit) or unlocks them. */
  z.object({ type: z.literal('notes-lock'), locked: z.boolean() }).strict(),
  /** A moderator keeps the notes with the room for its next meetings, or stops keeping them (they are deleted then). */
  z.object({ type: z.literal('notes-keep'), keep: z.boolean() }).strict(),
  /** One closes the notes: no more of their traffic until they open them again. */
  z.object({ type: z.literal('notes-leave') }).strict(),
] as const;

/** The server messages of shared notes. */
export const notesServerMessages = [
  /** A y-protocols sync message from the server's copy: step 1, step 2, or another's update. */
  z.object({ type: z.literal('notes-sync'), message: z.string() }),
  /** Others' awareness (cursors), as they sent it, or the removal of one who left. */
  z.object({ type: z.literal('notes-awareness'), update: z.string() }),
  /**
   * Whether the notes are locked for all but moderators, and kept with the room: whenever either
   * changes, and on joining unless neither holds (what a page assumes).
   */
  z.object({ type: z.literal('notes-state'), locked: z.boolean(), kept: z.boolean() }),
] as const;

/** The refusals of notes messages (besides `not_allowed`, `rate_limited` and `malformed_message`). */
export const notesErrorCodes = ['notes_locked', 'notes_too_large', 'notes_update_invalid'] as const;
