/**
 * The whiteboard's document, as both the server (which checks every update against it) and the
 * browser (which draws it) read it. One Yjs document per meeting; in it one board per page drawn
 * on — `pres_<id>:<page>` over a presentation's page, `blank:1` for the blank board — each a
 * top-level `Y.Array` named `board:<board id>` holding its shapes in drawing order.
 *
 * Why top-level arrays rather than a `Y.Map` of boards: a board made inside a map by two people
 * drawing first at the same moment would be two arrays under one key, and Yjs keeps only one of
 * them — the other's strokes would vanish. Top-level types are named, never made twice.
 *
 * A shape is a plain JSON object, never edited in place: drawing pushes one, erasing deletes it,
 * undo does the reverse. Coordinates are page-relative integers in ten-thousandths of the page's
 * width (x) and height (y), `0..whiteboardScale`: Yjs writes a small integer in 2–3 bytes where a
 * fraction takes 9, and a page-relative point lands on the same spot of the page whatever its
 * size on a screen or in the exported PDF. The shapes' schema and the server's check of a change
 * are in `whiteboard-shapes.ts` (zod): the browser draws with this file alone, and its chunk stays
 * free of zod, which the meeting's first script holds.
 */
import type * as Y from 'yjs';
import type { BoardId } from './whiteboard-protocol.js';
import type { Shape } from './whiteboard-shapes.js';

export type { BoardId, Shape };

/** Page-relative coordinates run from 0 to this, across the page's width (x) and down its height (y). */
export const whiteboardScale = 10_000;

/** The palette: dark enough to read on a white page, and white for a dark one. */
export const whiteboardColours = ['#1f1f1f', '#d32f2f', '#1f5fa8', '#2a7e2a', '#e08a00', '#ffffff'] as const;
export type WhiteboardColour = (typeof whiteboardColours)[number];

/** The widths offered, in ten-thousandths of the page's width (a text's size follows its width). */
export const whiteboardWidths = [30, 60, 120] as const;

export const shapeKinds = ['pen', 'line', 'arrow', 'rect', 'ellipse', 'text'] as const;
export type ShapeKind = (typeof shapeKinds)[number];

/** A pen stroke's points are (x, y, pressure 0..100) triples; every other shape's are (x, y) pairs. */
export const numbersPerPoint = (kind: ShapeKind) => (kind === 'pen' ? 3 : 2);

/** The blank board's id. */
export const blankBoardId: BoardId = 'blank:1';

/** The board over page `page` (from 1) of presentation `presentationId`. */
export function boardIdOf(presentationId: string, page: number): BoardId {
  return `${presentationId}:${page}`;
}

/** The start of a board's top-level name (`board:<board id>`). */
export const boardPrefix = 'board:';

/** The board's shapes in `doc` (the top-level array is made on first use). */
export function boardOf(doc: Y.Doc, boardId: BoardId): Y.Array<Shape> {
  return doc.getArray<Shape>(`${boardPrefix}${boardId}`);
}
