/**
 * The presentation's page, large on the stage (in place of a shared screen): the page the
 * presenter turned to, at their zoom, drawn by pdf.js on a canvas fitted to the stage (its text
 * alternative names the page and the file), with the page number, and for the presenter the
 * buttons and ←/→ (PageUp/PageDown) to turn pages and zoom for everyone. The page's whiteboard
 * board is drawn over it (`../whiteboard`); whoever may draw turns drawing on with the Draw button.
 */
import { ChevronLeft, ChevronRight, ZoomIn, ZoomOut } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { PresentationView } from '../../../shared/presentation-protocol.js';
import type { ClientMessage } from '../../../shared/protocol.js';
import { t } from './messages.js';
import { type PageWhiteboard, usePageBoard } from './page-board.js';
import { type LoadedPresentation, loadPresentation } from './pdf.js';
import './presentation.css';

/**
 * The presentation's messages the page sends (the upload ticket is the meeting's own request), and
 * the blank whiteboard shown from its panel in the presentation's place.
 */
export type PresentationMessage = Extract<
  ClientMessage,
  {
    type:
      | 'presentation-page'
      | 'presentation-zoom'
      | 'presentation-presenter'
      | 'presentation-downloadable'
      | 'presentation-close'
      | 'whiteboard-blank';
  }
>;

export interface PresentationStageProps {
  roomId: string;
  presentation: PresentationView;
  selfId: ParticipantId;
  send: (message: PresentationMessage) => void;
  /** The page's whiteboard: its channel, its settings, whether this person is a moderator, and its messages. */
  whiteboard: PageWhiteboard;
}

/** The zoom steps the presenter goes through, as factors of the page fitted to the stage. */
const zoomSteps = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4].filter(
  (zoom) => zoom >= limits.presentationZoomMin && zoom <= limits.presentationZoomMax,
);

/** The next zoom step up (`direction` 1) or down (-1) from `zoom`, or `zoom` at the end. */
function nextZoom(zoom: number, direction: 1 | -1): number {
  const steps = direction === 1 ? zoomSteps : [...zoomSteps].reverse();
  return steps.find((step) => (direction === 1 ? step > zoom + 1e-6 : step < zoom - 1e-6)) ?? zoom;
}

/** Whether a key press belongs to a field, a menu or a dialog rather than to the presentation. */
function keyTaken(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return (
    event.defaultPrevented ||
    event.altKey ||
    event.ctrlKey ||
    event.metaKey ||
    Boolean(target?.closest('input, textarea, select, [contenteditable], [role="dialog"], details[open]'))
  );
}

/** The stage's size, followed as it changes. */
function useSize(element: { current: HTMLElement | null }): { width: number; height: number } | undefined {
  const [size, setSize] = useState<{ width: number; height: number }>();
  useEffect(() => {
    const observed = element.current;
    if (!observed) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(observed);
    return () => observer.disconnect();
  }, []);
  return size;
}

/**
 * Draws `page` of the loaded PDF on the canvas, fitted to `size` and zoomed; says which page is
 * drawn in `data-page`, and returns the drawn page's height ÷ width (for its whiteboard board).
 */
function usePageDrawing(
  canvas: { current: HTMLCanvasElement | null },
  loaded: LoadedPresentation | undefined,
  page: number,
  zoom: number,
  size: { width: number; height: number } | undefined,
): number | undefined {
  const [aspect, setAspect] = useState<number>();
  useEffect(() => {
    const element = canvas.current;
    if (!loaded || !size || !element || size.width < 1 || size.height < 1) return;
    let cancelled = false;
    let cancel = () => {};
    void (async () => {
      const pdfPage = await loaded.document.getPage(page);
      if (cancelled) return;
      const base = pdfPage.getViewport({ scale: 1 });
      const fit = Math.min(size.width / base.width, size.height / base.height) * zoom;
      const ratio = window.devicePixelRatio || 1;
      const viewport = pdfPage.getViewport({ scale: fit * ratio });
      const drawing = document.createElement('canvas');
      drawing.width = Math.floor(viewport.width);
      drawing.height = Math.floor(viewport.height);
      const task = pdfPage.render({ canvas: drawing, viewport });
      cancel = () => task.cancel();
      await task.promise;
      if (cancelled) return;
      // Drawn aside, then shown at once: a page turn never shows half a page.
      element.width = drawing.width;
      element.height = drawing.height;
      element.style.width = `${Math.floor(viewport.width / ratio)}px`;
      element.style.height = `${Math.floor(viewport.height / ratio)}px`;
      element.getContext('2d')?.drawImage(drawing, 0, 0);
      element.dataset.page = String(page);
      setAspect(base.height / base.width);
    })().catch(() => {});
    return () => {
      cancelled = true;
      cancel();
    };
  }, [loaded, page, zoom, size?.width, size?.height]);
  return aspect;
}

export function PresentationStage({ roomId, presentation, selfId, send, whiteboard }: PresentationStageProps) {
  const [loaded, setLoaded] = useState<LoadedPresentation>();
  const [failed, setFailed] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useSize(frame);
  const { id, page, pages, zoom, name } = presentation;
  const presenting = presentation.presenterId === selfId;

  useEffect(() => {
    let current = true;
    setFailed(false);
    loadPresentation(roomId, presentation).then(
      (document) => current && setLoaded(document),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [id]);
  const aspect = usePageDrawing(canvas, loaded?.id === id ? loaded : undefined, page, zoom, size);
  const board = usePageBoard(roomId, presentation, selfId, whiteboard);

  const turn = (to: number) => {
    if (to >= 1 && to <= pages && to !== page) send({ type: 'presentation-page', page: to });
  };
  const zoomTo = (to: number) => {
    if (to !== zoom) send({ type: 'presentation-zoom', zoom: to });
  };
  // One listener for the life of the view, reading what is shown now: the keys work as soon as the buttons show.
  const latest = useRef({ presenting, page, turn });
  latest.current = { presenting, page, turn };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const now = latest.current;
      if (!now.presenting || keyTaken(event)) return;
      const step =
        event.key === 'ArrowLeft' || event.key === 'PageUp' ? -1 : event.key === 'ArrowRight' || event.key === 'PageDown' ? 1 : 0;
      if (step === 0) return;
      event.preventDefault();
      now.turn(now.page + step);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section class="presentation-stage" aria-label={t('presentation.region', { name })} data-zoomed={zoom > 1 ? 'true' : undefined}>
      <div ref={frame} class="presentation-frame">
        {failed ? (
          <p role="alert">{t('presentation.loadFailed')}</p>
        ) : (
          <div class="whiteboard-page">
            <canvas ref={canvas} role="img" aria-label={t('presentation.pageAlt', { page, pages, name })} />
            {aspect !== undefined && board.overlay(aspect)}
          </div>
        )}
        {!loaded && !failed && <p class="presentation-loading">{t('presentation.loading')}</p>}
      </div>
      {board.toolbar}
      <div class="presentation-controls">
        {board.drawButton}
        {presenting && (
          <button
            type="button"
            class="icon-button"
            onClick={() => turn(page - 1)}
            disabled={page <= 1}
            aria-label={t('presentation.previous')}
          >
            <ChevronLeft aria-hidden="true" size={20} />
          </button>
        )}
        <p class="presentation-page" aria-live="polite">
          {t('presentation.pageOf', { page, pages })}
        </p>
        {presenting && (
          <>
            <button
              type="button"
              class="icon-button"
              onClick={() => turn(page + 1)}
              disabled={page >= pages}
              aria-label={t('presentation.next')}
            >
              <ChevronRight aria-hidden="true" size={20} />
            </button>
            <button
              type="button"
              class="icon-button"
              onClick={() => zoomTo(nextZoom(zoom, -1))}
              disabled={nextZoom(zoom, -1) === zoom}
              aria-label={t('presentation.zoomOut')}
            >
              <ZoomOut aria-hidden="true" size={20} />
            </button>
            <span class="presentation-zoom">{t('presentation.zoom', { percent: Math.round(zoom * 100) })}</span>
            <button
              type="button"
              class="icon-button"
              onClick={() => zoomTo(nextZoom(zoom, 1))}
              disabled={nextZoom(zoom, 1) === zoom}
              aria-label={t('presentation.zoomIn')}
            >
              <ZoomIn aria-hidden="true" size={20} />
            </button>
          </>
        )}
      </div>
    </section>
  );
}
