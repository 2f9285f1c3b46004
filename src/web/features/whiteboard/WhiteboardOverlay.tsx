/**
 * A board drawn over its page: an SVG the size of the page (a presentation's canvas, or the blank
 * board) with every shape of the board, and — while this person draws — the pointer (mouse, touch
 * or pen, with its pressure) drawing the chosen tool: a pen stroke, a line, an arrow, a rectangle,
 * an ellipse, a text (typed in a field where it goes) or the eraser (deleting what it touches).
 * A shape goes to the others once finished (one update each).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { limits } from '../../../shared/limits.js';
import { type BoardId, type Shape, type ShapeKind, whiteboardScale } from '../../../shared/whiteboard-model.js';
import { t } from './messages.js';
import { boardHeight, boardPoints, shapePath, textSize, touches } from './shape-geometry.js';
import type { WhiteboardTools } from './tools.js';
import { newShapeId, type WhiteboardSession } from './whiteboard-session.js';

interface Props {
  session: WhiteboardSession;
  board: BoardId;
  /** The page's height ÷ its width. */
  aspect: number;
  /** This person draws now (may draw, and chose to): the pointer draws instead of passing through. */
  drawing: boolean;
  tools: WhiteboardTools;
}

/** The board's shapes, followed as they change. */
export function useShapes(session: WhiteboardSession, board: BoardId): Shape[] {
  const [shapes, setShapes] = useState(() => session.shapes(board));
  useEffect(() => {
    setShapes(session.shapes(board));
    return session.watch(() => setShapes(session.shapes(board)));
  }, [session, board]);
  return shapes;
}

/** One shape as SVG. */
function ShapeView({ shape, aspect }: { shape: Shape; aspect: number }) {
  if (shape.kind === 'text') {
    const [[x, y] = [0, 0]] = boardPoints(shape, aspect);
    const size = textSize(shape);
    return (
      <text x={x} y={y + size * 0.8} font-size={size} fill={shape.colour} data-shape={shape.id}>
        {shape.text}
      </text>
    );
  }
  const { d, filled } = shapePath(shape, aspect);
  return filled ? (
    <path d={d} fill={shape.colour} data-shape={shape.id} />
  ) : (
    <path
      d={d}
      fill="none"
      stroke={shape.colour}
      stroke-width={shape.width}
      stroke-linecap="round"
      stroke-linejoin="round"
      data-shape={shape.id}
    />
  );
}

/** Where a pointer event falls on the page, in page coordinates (`0..whiteboardScale` each way), with its pressure (0..100). */
function pagePoint(event: PointerEvent, svg: SVGSVGElement): [number, number, number] {
  const box = svg.getBoundingClientRect();
  const clamp = (value: number) => Math.max(0, Math.min(whiteboardScale, Math.round(value * whiteboardScale)));
  const pressure = event.pointerType === 'mouse' || event.pressure === 0 ? 50 : Math.round(event.pressure * 100);
  return [clamp((event.clientX - box.left) / box.width), clamp((event.clientY - box.top) / box.height), pressure];
}

/** The shape the pointer has drawn so far, from its points. */
function shapeOf(kind: Exclude<ShapeKind, 'text'>, points: number[], tools: WhiteboardTools, id: string): Shape {
  const base = { id, kind, colour: tools.colour, width: tools.width };
  if (kind === 'pen') return { ...base, points };
  const first = points.slice(0, 2);
  const last = points.slice(-3, -1);
  return { ...base, points: [...first, ...last] };
}

/** Erases what the eraser touches at this point. */
function erase(session: WhiteboardSession, board: BoardId, aspect: number, [x, y]: [number, number, number]): void {
  const touched = session.shapes(board).filter((shape) => touches(shape, aspect, [x, y * aspect], 60));
  session.erase(board, new Set(touched.map((shape) => shape.id)));
}

export function WhiteboardOverlay({ session, board, aspect, drawing, tools }: Props) {
  const shapes = useShapes(session, board);
  const svg = useRef<SVGSVGElement>(null);
  // The shape being drawn: its id and points (flat x, y, pressure). Held in a ref, read by each
  // pointer event at once (events come faster than renders); each change re-renders the preview.
  const draftRef = useRef<{ id: string; points: number[] }>();
  const [, setRendered] = useState(0);
  const setDraft = (next: { id: string; points: number[] } | undefined) => {
    draftRef.current = next;
    setRendered((count) => count + 1);
  };
  const draft = draftRef.current;
  const [typing, setTyping] = useState<{ x: number; y: number }>();
  const height = boardHeight(aspect);
  const tool = tools.tool;

  const down = (event: PointerEvent) => {
    const element = svg.current;
    if (!drawing || !element || event.button > 0) return;
    event.preventDefault();
    const point = pagePoint(event, element);
    if (tool === 'text') {
      setTyping({ x: point[0], y: point[1] });
      return;
    }
    element.setPointerCapture(event.pointerId);
    if (tool === 'eraser') erase(session, board, aspect, point);
    setDraft({ id: newShapeId(), points: point });
  };
  const move = (event: PointerEvent) => {
    const element = svg.current;
    const current = draftRef.current;
    if (!current || !element) return;
    const events = event.getCoalescedEvents?.() ?? [event];
    const points = events.flatMap((each) => pagePoint(each, element));
    if (tool === 'eraser') {
      for (let index = 0; index < points.length; index += 3) erase(session, board, aspect, [points[index] ?? 0, points[index + 1] ?? 0, 0]);
      return;
    }
    setDraft({ id: current.id, points: [...current.points, ...points].slice(0, 3 * limits.whiteboardPointsPerStrokeMax) });
  };
  const up = () => {
    const current = draftRef.current;
    if (current && tool !== 'eraser' && tool !== 'text') {
      const shape = shapeOf(tool, current.points, tools, current.id);
      // A click with a shape tool draws nothing: a line needs two distinct ends.
      if (tool === 'pen' || shape.points[0] !== shape.points[2] || shape.points[1] !== shape.points[3]) session.add(board, shape);
    }
    setDraft(undefined);
  };
  const commitText = (text: string) => {
    const trimmed = text.trim().slice(0, limits.whiteboardTextCharactersMax);
    if (typing && trimmed) {
      session.add(board, {
        id: newShapeId(),
        kind: 'text',
        points: [typing.x, typing.y],
        colour: tools.colour,
        width: tools.width,
        text: trimmed,
      });
    }
    setTyping(undefined);
  };

  const preview = draft && tool !== 'eraser' && tool !== 'text' ? shapeOf(tool, draft.points, tools, draft.id) : undefined;
  return (
    <div class="whiteboard-overlay" data-drawing={drawing ? tool : undefined}>
      <svg
        ref={svg}
        viewBox={`0 0 ${whiteboardScale} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('whiteboard.pageDrawings', { count: shapes.length })}
        data-board={board}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      >
        {shapes.map((shape, index) => (
          <ShapeView key={`${index}:${shape.id}`} shape={shape} aspect={aspect} />
        ))}
        {preview && <ShapeView shape={preview} aspect={aspect} />}
      </svg>
      {typing && (
        <input
          class="whiteboard-text"
          // biome-ignore lint/a11y/noAutofocus: the field opens where the person just clicked to type.
          autoFocus
          maxLength={limits.whiteboardTextCharactersMax}
          aria-label={t('whiteboard.textPrompt')}
          style={{ left: `${(typing.x / whiteboardScale) * 100}%`, top: `${(typing.y / whiteboardScale) * 100}%`, color: tools.colour }}
          onKeyDown={(event) => {
            // Enter keeps the text, Escape drops it: either way the field goes (its blur draws what it holds).
            if (event.key === 'Escape') event.currentTarget.value = '';
            if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur();
            event.stopPropagation();
          }}
          onBlur={(event) => commitText(event.currentTarget.value)}
        />
      )}
    </div>
  );
}
