/**
 * The whiteboard's shapes as the server accepts them (`ShapeSchema`, zod; the browser uses only
 * its type) and the server's check of what a change of the document touched
 * (`checkWhiteboardTransaction`). The document's layout is in `whiteboard-model.ts`.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { limits } from './limits.js';
import { boardPrefix, numbersPerPoint, type ShapeKind, shapeKinds, whiteboardColours, whiteboardScale } from './whiteboard-model.js';
import { type BoardId, BoardIdSchema } from './whiteboard-protocol.js';

/** How many points each kind has: a stroke from one to `whiteboardPointsPerStrokeMax`; a line, arrow, rectangle or ellipse two (corners or ends); a text one (its top left). */
function pointsAllowed(kind: ShapeKind, count: number): boolean {
  if (kind === 'pen') return count >= 1 && count <= limits.whiteboardPointsPerStrokeMax;
  return count === (kind === 'text' ? 1 : 2);
}

const coordinate = z.number().int().min(0).max(whiteboardScale);

/** One shape on a board, as stored in the document: the server refuses any other. */
export const ShapeSchema = z
  .object({
    /** Random, chosen by the drawer (the eraser and the tests find shapes by it). */
    id: z.string().regex(/^[A-Za-z0-9_-]{8,24}$/),
    kind: z.enum(shapeKinds),
    /** Flat: x0, y0, (p0,) x1, y1, … — see `numbersPerPoint`. */
    points: z.array(coordinate).max(limits.whiteboardPointsPerStrokeMax * 3),
    colour: z.enum(whiteboardColours),
    /** The line's width (a text's size), in ten-thousandths of the page's width. */
    width: z.number().int().min(5).max(400),
    text: z.string().min(1).max(limits.whiteboardTextCharactersMax).optional(),
  })
  .strict()
  .refine((shape) => (shape.kind === 'text') === (shape.text !== undefined), 'a text, and only a text, has text')
  .refine((shape) => {
    const perPoint = numbersPerPoint(shape.kind);
    return shape.points.length % perPoint === 0 && pointsAllowed(shape.kind, shape.points.length / perPoint);
  }, 'has the wrong number of points for its kind');
export type Shape = z.infer<typeof ShapeSchema>;

/** The board a top-level type name stands for, if it is one. */
export function boardIdOfName(name: string): BoardId | undefined {
  return name.startsWith(boardPrefix) ? BoardIdSchema.safeParse(name.slice(boardPrefix.length)).data : undefined;
}

/** What is wrong with a change of the document, as the server's refusal names it. */
export type WhiteboardFault = 'whiteboard_shape_invalid' | 'whiteboard_too_large';

/**
 * Checks what `transaction` did to a whiteboard document: it may touch only boards (top-level
 * arrays with a board's name), add to them only shapes (`ShapeSchema`; no nested types, text or
 * map entries), keep each board within `whiteboardShapesPerBoardMax` shapes and the document
 * within `whiteboardBoardsMax` boards. Only what the transaction added is read: each check costs
 * the update's size, plus a walk over the items of the boards it touched.
 */
export function checkWhiteboardTransaction(transaction: Y.Transaction): WhiteboardFault | undefined {
  const doc = transaction.doc;
  for (const [type, keys] of transaction.changed) {
    // Only top-level arrays change: a key set (`parentSub`) is a map's entry, refused.
    if (type._item !== null || keys.size !== 1 || !keys.has(null)) return 'whiteboard_shape_invalid';
    const name = Y.findRootTypeKey(type);
    if (boardIdOfName(name) === undefined) return 'whiteboard_shape_invalid';
    const fault = checkBoard(type, transaction.beforeState);
    if (fault) return fault;
  }
  if (doc.share.size > limits.whiteboardBoardsMax) return 'whiteboard_too_large';
  return undefined;
}

/** Checks a board's items: those added since `beforeState` must be shapes; the live ones at most `whiteboardShapesPerBoardMax`. */
function checkBoard(board: { _start: Y.Item | null }, beforeState: Map<number, number>): WhiteboardFault | undefined {
  let shapes = 0;
  for (let item = board._start; item !== null; item = item.right) {
    const added = item.id.clock >= (beforeState.get(item.id.client) ?? 0);
    if (added && !(item.content instanceof Y.ContentAny) && !(item.content instanceof Y.ContentDeleted)) return 'whiteboard_shape_invalid';
    if (item.deleted) continue;
    if (added && !item.content.getContent().every((shape) => ShapeSchema.safeParse(shape).success)) return 'whiteboard_shape_invalid';
    shapes += item.length;
  }
  return shapes > limits.whiteboardShapesPerBoardMax ? 'whiteboard_too_large' : undefined;
}
