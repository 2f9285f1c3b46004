/**
 * A meeting's whiteboard on the signalling socket: one Yjs document per meeting (its boards and
 * shapes: `whiteboard-model.ts`), synced with the standard y-protocols messages (sync step 1,
 * step 2, update) carried as base64url in JSON, as the shared notes are. The server is a Yjs peer:
 * it keeps the document for the meeting, answers an opener's step 1, checks each update against
 * the model before the document takes it, and relays it to those who opened the whiteboard.
 *
 * Who draws: the presenter (with no presentation shown, the moderators), and everyone once the
 * presenter or a moderator lets them. The presenter or a moderator clears a board and shows the
 * blank board on the stage. See `WhiteboardModule`.
 */
import { z } from 'zod';
import { limits } from './limits.js';

/** Bytes as base64url without padding (a y-protocols message). */
const YjsBytesSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
  .max(Math.ceil((limits.whiteboardMessageBytesMax * 4) / 3), `must be at most ${limits.whiteboardMessageBytesMax} bytes`);

/**
 * A board: a presentation's page (`pres_<id>:<page>`) or the blank board (`blank:1`). Here rather
 * than in `whiteboard-model.ts`, which needs Yjs: the protocol is in the meeting's first script.
 */
export const BoardIdSchema = z.string().regex(/^(pres_[A-Za-z0-9_-]{8,32}:[1-9][0-9]{0,3}|blank:1)$/, 'must be a board id');
export type BoardId = z.infer<typeof BoardIdSchema>;

/** The whiteboard's settings everyone is told. */
export const WhiteboardStateSchema = z.object({
  /** Everyone may draw, not only the presenter (or, without a presentation, the moderators). */
  everyoneMayDraw: z.boolean(),
  /** The blank board is on the stage (over any presentation). */
  blankShown: z.boolean(),
});
export type WhiteboardState = z.infer<typeof WhiteboardStateSchema>;

/** The client messages of the whiteboard. */
export const whiteboardClientMessages = [
  /** A y-protocols sync message: step 1 (opening the whiteboard), step 2, or an update (drawing, erasing, undoing). */
  z.object({ type: z.literal('whiteboard-sync'), message: YjsBytesSchema }).strict(),
  /** One closes the whiteboard: no more of its traffic until they open it again. */
  z.object({ type: z.literal('whiteboard-leave') }).strict(),
  /** The presenter or a moderator lets everyone draw, or only the presenter again. */
  z.object({ type: z.literal('whiteboard-settings'), everyoneMayDraw: z.boolean() }).strict(),
  /** The presenter or a moderator empties one board, for everyone. */
  z.object({ type: z.literal('whiteboard-clear'), board: BoardIdSchema }).strict(),
  /** The presenter or a moderator shows the blank board on the stage, or takes it away. */
  z.object({ type: z.literal('whiteboard-blank'), shown: z.boolean() }).strict(),
] as const;

/** The server messages of the whiteboard. */
export const whiteboardServerMessages = [
  /** A y-protocols sync message from the server's copy: step 1, step 2, or another's update (a clear too). */
  z.object({ type: z.literal('whiteboard-sync'), message: z.string() }),
  /** The whiteboard's settings: whenever they change, on coming back, and on joining unless they are the defaults (nobody but the presenter draws; no blank board). */
  z.object({ type: z.literal('whiteboard-state'), state: WhiteboardStateSchema }),
] as const;

/**
 * The refusals of whiteboard messages (besides `not_allowed`, `rate_limited` and
 * `malformed_message`): not a y-protocols message or Yjs update; an update whose content is not
 * the model's (unknown keys, wrong types, too many points, text too long); a board or the
 * document full.
 */
export const whiteboardErrorCodes = ['whiteboard_update_invalid', 'whiteboard_shape_invalid', 'whiteboard_too_large'] as const;
