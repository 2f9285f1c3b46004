/**
 * The blank board, large on the stage while the presenter (or a moderator) shows it: a white
 * 16:9 page fitted to the stage with the board's drawings, the tools for whoever may draw, and for
 * those who lead, the button that takes the board away for everyone.
 */
import { X } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { blankBoardId } from '../../../shared/whiteboard-model.js';
import { t } from './messages.js';
import { useWhiteboardTools } from './tools.js';
import { useWhiteboardSession } from './use-whiteboard.js';
import { WhiteboardOverlay } from './WhiteboardOverlay.js';
import { type WhiteboardMessage, type WhiteboardRoles, WhiteboardToolbar } from './WhiteboardToolbar.js';
import type { WhiteboardChannel } from './whiteboard-session.js';
import './whiteboard.css';

export interface WhiteboardStageProps {
  channel: WhiteboardChannel;
  /** What this person may do: draw, lead (clear, let everyone draw, take the board away). */
  roles: WhiteboardRoles;
  send: (message: WhiteboardMessage) => void;
}

/** The annotated PDF of the blank board: its page alone. */
const blankOnly = async () => undefined;

/** The blank board's height ÷ width. */
const blankAspect = 9 / 16;

/** The largest 16:9 page that fits the frame, followed as the frame changes. */
function useFittedPage(frame: { current: HTMLElement | null }): { width: number; height: number } | undefined {
  const [size, setSize] = useState<{ width: number; height: number }>();
  useEffect(() => {
    const observed = frame.current;
    if (!observed) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const width = Math.floor(Math.min(entry.contentRect.width, entry.contentRect.height / blankAspect));
      setSize({ width, height: Math.floor(width * blankAspect) });
    });
    observer.observe(observed);
    return () => observer.disconnect();
  }, []);
  return size;
}

export function WhiteboardStage({ channel, roles, send }: WhiteboardStageProps) {
  const session = useWhiteboardSession(channel);
  const tools = useWhiteboardTools();
  const frame = useRef<HTMLDivElement>(null);
  const page = useFittedPage(frame);
  return (
    <section class="whiteboard-stage" aria-label={t('whiteboard.board')}>
      <div ref={frame} class="whiteboard-frame">
        {page && (
          <div class="whiteboard-page whiteboard-blank" style={{ width: `${page.width}px`, height: `${page.height}px` }}>
            <WhiteboardOverlay session={session} board={blankBoardId} aspect={blankAspect} drawing={roles.mayDraw} tools={tools} />
          </div>
        )}
      </div>
      <div class="whiteboard-controls">
        <WhiteboardToolbar session={session} board={blankBoardId} tools={tools} roles={roles} send={send} exportFrom={blankOnly} />
        {roles.leads && (
          <button
            type="button"
            class="icon-button"
            aria-label={t('whiteboard.hideBoard')}
            title={t('whiteboard.hideBoard')}
            onClick={() => send({ type: 'whiteboard-blank', shown: false })}
          >
            <X aria-hidden="true" size={20} />
          </button>
        )}
      </div>
    </section>
  );
}
