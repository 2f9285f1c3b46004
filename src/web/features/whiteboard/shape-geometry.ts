/**
 * Shapes as drawing instructions, the same for the screen (SVG) and the exported PDF (pdf-lib's
 * `drawSvgPath`): SVG path data in board units — `whiteboardScale` across the page, and
 * `whiteboardScale × aspect` down it, so that a circle stays round — and whether the path is
 * filled (a pen stroke's outline, from `perfect-freehand`) or stroked. Also what the eraser touches.
 */
import { getStroke } from 'perfect-freehand';
import { type Shape, whiteboardScale } from '../../../shared/whiteboard-model.js';

/** A shape's path: filled (a pen stroke's outline) or stroked with the shape's width. */
export interface ShapePath {
  d: string;
  filled: boolean;
}

/** A text's size in board units, from its width (`whiteboardWidths`: 30, 60, 120 → small, medium, large). */
export function textSize(shape: Shape): number {
  return shape.width * 6;
}

/** The shape's points in board units, as (x, y) pairs (a pen's pressure apart). */
export function boardPoints(shape: Shape, aspect: number): [number, number][] {
  const step = shape.kind === 'pen' ? 3 : 2;
  const points: [number, number][] = [];
  for (let index = 0; index + 1 < shape.points.length; index += step) {
    points.push([shape.points[index] ?? 0, (shape.points[index + 1] ?? 0) * aspect]);
  }
  return points;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A pen stroke's outline, a closed polygon smoothed with quadratic curves. */
function penPath(shape: Shape, aspect: number): string {
  const input: [number, number, number][] = [];
  for (let index = 0; index + 2 < shape.points.length; index += 3) {
    input.push([shape.points[index] ?? 0, (shape.points[index + 1] ?? 0) * aspect, (shape.points[index + 2] ?? 50) / 100]);
  }
  // A mouse reports one pressure throughout: perfect-freehand then thins the line by speed instead.
  const simulatePressure = input.every((point) => point[2] === input[0]?.[2]);
  const outline = getStroke(input, {
    size: shape.width * 1.5,
    thinning: 0.5,
    smoothing: 0.5,
    streamline: 0.4,
    simulatePressure,
    last: true,
  });
  if (outline.length < 2) return '';
  const [first, ...rest] = outline;
  let d = `M${round(first?.[0] ?? 0)} ${round(first?.[1] ?? 0)}Q`;
  for (const [index, point] of rest.entries()) {
    const next = rest[index + 1] ?? first ?? point;
    d += `${round(point[0])} ${round(point[1])} ${round((point[0] + (next[0] ?? 0)) / 2)} ${round((point[1] + (next[1] ?? 0)) / 2)} `;
  }
  return `${d.trimEnd()}Z`;
}

/** Two short strokes at the end of an arrow, each at 28° from the shaft, their length following the width. */
function arrowHead([x0, y0]: [number, number], [x1, y1]: [number, number], width: number): string {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const length = Math.max(width * 4, 120);
  const wing = (side: number) => {
    const a = angle + Math.PI - side * (Math.PI / 180) * 28;
    return `${round(x1 + length * Math.cos(a))} ${round(y1 + length * Math.sin(a))}`;
  };
  return `M${wing(1)}L${round(x1)} ${round(y1)}L${wing(-1)}`;
}

/** The path of any shape but a text (which is drawn as text). */
export function shapePath(shape: Shape, aspect: number): ShapePath {
  if (shape.kind === 'pen') return { d: penPath(shape, aspect), filled: true };
  const [start = [0, 0], end = [0, 0]] = boardPoints(shape, aspect);
  const [x0, y0] = start;
  const [x1, y1] = end;
  switch (shape.kind) {
    case 'line':
      return { d: `M${x0} ${y0}L${x1} ${y1}`, filled: false };
    case 'arrow':
      return { d: `M${x0} ${y0}L${x1} ${y1}${arrowHead(start, end, shape.width)}`, filled: false };
    case 'rect': {
      const [left, top, right, bottom] = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
      return { d: `M${left} ${top}H${right}V${bottom}H${left}Z`, filled: false };
    }
    case 'ellipse': {
      const [rx, ry] = [round(Math.abs(x1 - x0) / 2), round(Math.abs(y1 - y0) / 2)];
      const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
      return {
        d: `M${round(cx - rx)} ${round(cy)}A${rx} ${ry} 0 1 0 ${round(cx + rx)} ${round(cy)}A${rx} ${ry} 0 1 0 ${round(cx - rx)} ${round(cy)}Z`,
        filled: false,
      };
    }
    default:
      return { d: '', filled: false };
  }
}

/** How far (board units) point p is from the segment a–b. */
function distanceToSegment([px, py]: [number, number], [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const [dx, dy] = [bx - ax, by - ay];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The outline the eraser can touch: the stroke's points, a rectangle's or an ellipse's edge, a text's box. */
function outline(shape: Shape, aspect: number): [number, number][] {
  const points = boardPoints(shape, aspect);
  const [start = [0, 0], end = [0, 0]] = points;
  if (shape.kind === 'rect' || shape.kind === 'text') {
    const [right, bottom] =
      shape.kind === 'text' ? [start[0] + textSize(shape) * 0.6 * (shape.text?.length ?? 1), start[1] + textSize(shape)] : end;
    return [start, [right, start[1]], [right, bottom], [start[0], bottom], start];
  }
  if (shape.kind === 'ellipse') {
    const [cx, cy, rx, ry] = [
      (start[0] + end[0]) / 2,
      (start[1] + end[1]) / 2,
      Math.abs(end[0] - start[0]) / 2,
      Math.abs(end[1] - start[1]) / 2,
    ];
    return Array.from({ length: 33 }, (_, index): [number, number] => {
      const angle = (index / 32) * 2 * Math.PI;
      return [cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)];
    });
  }
  return points;
}

/** Whether the eraser at `point` (board units), `radius` wide, touches the shape. */
export function touches(shape: Shape, aspect: number, point: [number, number], radius: number): boolean {
  const line = outline(shape, aspect);
  const reach = radius + shape.width / 2;
  if (line.length === 1 && line[0]) return Math.hypot(point[0] - line[0][0], point[1] - line[0][1]) <= reach;
  for (let index = 1; index < line.length; index += 1) {
    const [a, b] = [line[index - 1], line[index]];
    if (a && b && distanceToSegment(point, a, b) <= reach) return true;
  }
  return false;
}

/** The board's height in board units for a page of this aspect (height ÷ width). */
export function boardHeight(aspect: number): number {
  return whiteboardScale * aspect;
}
