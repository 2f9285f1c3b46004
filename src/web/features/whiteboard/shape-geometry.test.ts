/** Shapes as paths (the screen's SVG and the exported PDF's) and what the eraser touches. */
import { describe, expect, it } from 'vitest';
import type { Shape } from '../../../shared/whiteboard-model.js';
import { boardPoints, shapePath, touches } from './shape-geometry.js';

const shape = (kind: Shape['kind'], points: number[], extra: Partial<Shape> = {}): Shape => ({
  id: 'shape-0001',
  kind,
  points,
  colour: '#1f1f1f',
  width: 60,
  ...extra,
});

describe('shape geometry', () => {
  it('scales y by the page’s height ÷ width, so that shapes keep their proportions', () => {
    expect(boardPoints(shape('line', [1000, 1000, 2000, 5000]), 0.5)).toEqual([
      [1000, 500],
      [2000, 2500],
    ]);
    expect(shapePath(shape('rect', [3000, 4000, 1000, 2000]), 1)).toEqual({ d: 'M1000 2000H3000V4000H1000Z', filled: false });
  });

  it('outlines a pen stroke as a filled path, and ends an arrow with a head', () => {
    const pen = shapePath(shape('pen', [1000, 1000, 50, 2000, 1500, 50, 3000, 1000, 50]), 0.75);
    expect(pen.filled).toBe(true);
    expect(pen.d).toMatch(/^M[\d.]+ [\d.]+Q.*Z$/);
    expect(shapePath(shape('arrow', [0, 0, 5000, 0]), 1).d.match(/M/g)).toHaveLength(2);
  });

  it('lets the eraser touch a shape’s line, not the inside of a rectangle or an ellipse', () => {
    const line = shape('line', [1000, 1000, 9000, 1000]);
    expect(touches(line, 1, [5000, 1050], 60)).toBe(true);
    expect(touches(line, 1, [5000, 1500], 60)).toBe(false);
    const rect = shape('rect', [1000, 1000, 5000, 5000]);
    expect(touches(rect, 1, [1000, 3000], 60)).toBe(true);
    expect(touches(rect, 1, [3000, 3000], 60)).toBe(false);
    const ellipse = shape('ellipse', [1000, 1000, 5000, 5000]);
    expect(touches(ellipse, 1, [3000, 1000], 60)).toBe(true);
    expect(touches(ellipse, 1, [3000, 3000], 60)).toBe(false);
    const text = shape('text', [1000, 1000], { text: 'Agreed' });
    expect(touches(text, 1, [1000, 1200], 60)).toBe(true);
  });
});
