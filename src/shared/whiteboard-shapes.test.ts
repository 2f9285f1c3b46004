/**
 * The whiteboard's shapes and boards: which it holds, and what a change of the document may touch (the server's check of every update; the module's tests send real updates).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { limits } from './limits.js';
import { blankBoardId, boardIdOf, boardOf, whiteboardScale } from './whiteboard-model.js';
import { boardIdOfName, checkWhiteboardTransaction, type Shape, ShapeSchema } from './whiteboard-shapes.js';

const pen: Shape = {
  id: 'stroke-0001',
  kind: 'pen',
  points: [0, 0, 50, whiteboardScale, whiteboardScale, 100],
  colour: '#1f1f1f',
  width: 60,
};

/** What `checkWhiteboardTransaction` says of `change` made to a fresh document. */
function faultOf(change: (doc: Y.Doc) => void): string | undefined {
  const doc = new Y.Doc();
  let fault: string | undefined;
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    fault ??= checkWhiteboardTransaction(transaction) ?? 'none';
  });
  doc.transact(() => change(doc));
  return fault;
}

describe('whiteboard shapes', () => {
  it('takes each kind with its own number of points, and text only on a text', () => {
    expect(ShapeSchema.safeParse(pen).success).toBe(true);
    expect(ShapeSchema.safeParse({ ...pen, kind: 'line', points: [0, 0, 10, 10] }).success).toBe(true);
    expect(ShapeSchema.safeParse({ ...pen, kind: 'text', points: [5, 5], text: 'Agreed' }).success).toBe(true);
    for (const wrong of [
      { ...pen, points: [0, 0] },
      { ...pen, kind: 'rect', points: [0, 0, 10] },
      { ...pen, kind: 'text', points: [5, 5] },
      { ...pen, text: 'on a stroke' },
      { ...pen, points: [0, 0, whiteboardScale + 1] },
      { ...pen, points: [0.5, 0, 50] },
      { ...pen, colour: '#123456' },
      { ...pen, id: 'short' },
      { ...pen, extra: true },
      { ...pen, kind: 'text', points: [5, 5], text: 'x'.repeat(limits.whiteboardTextCharactersMax + 1) },
      { ...pen, points: Array.from({ length: (limits.whiteboardPointsPerStrokeMax + 1) * 3 }, () => 1) },
    ]) {
      expect(ShapeSchema.safeParse(wrong).success, JSON.stringify(wrong).slice(0, 80)).toBe(false);
    }
  });

  it('names boards by presentation page or blank, and reads them back from their top-level names', () => {
    expect(boardIdOf('pres_abcdefgh12', 3)).toBe('pres_abcdefgh12:3');
    expect(boardIdOfName('board:pres_abcdefgh12:3')).toBe('pres_abcdefgh12:3');
    expect(boardIdOfName(`board:${blankBoardId}`)).toBe('blank:1');
    for (const name of ['board:blank:2', 'board:pres_x:1', 'pres_abcdefgh12:3', 'board:pres_abcdefgh12:0'])
      expect(boardIdOfName(name)).toBeUndefined();
  });
});

describe('checking a change of the whiteboard', () => {
  it('accepts shapes added to boards', () => {
    expect(faultOf((doc) => boardOf(doc, blankBoardId).push([pen]))).toBe('none');
    expect(faultOf((doc) => boardOf(doc, 'pres_abcdefgh12:2').push([pen, { ...pen, id: 'stroke-0002' }]))).toBe('none');
  });

  it('refuses other types, nested types, map entries, and malformed shapes', () => {
    expect(faultOf((doc) => doc.getArray('notes').push([pen]))).toBe('whiteboard_shape_invalid');
    expect(faultOf((doc) => doc.getMap(`board:${blankBoardId}`).set('x', pen))).toBe('whiteboard_shape_invalid');
    expect(faultOf((doc) => boardOf(doc, blankBoardId).push([new Y.Array() as unknown as Shape]))).toBe('whiteboard_shape_invalid');
    expect(faultOf((doc) => boardOf(doc, blankBoardId).push([{ ...pen, width: 1000 }]))).toBe('whiteboard_shape_invalid');
  });

  it('refuses a board past its shapes', () => {
    const many = Array.from({ length: limits.whiteboardShapesPerBoardMax + 1 }, (_, index) => ({
      ...pen,
      id: `stroke-${String(index).padStart(6, '0')}`,
    }));
    expect(faultOf((doc) => boardOf(doc, blankBoardId).push(many))).toBe('whiteboard_too_large');
  });
});
