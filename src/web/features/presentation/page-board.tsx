/**
 * The presentation page's whiteboard board (`../whiteboard`): the drawings over the page shown,
 * the Draw button for whoever may draw (the presenter, or everyone when allowed), the tools while
 * drawing, and the annotated PDF's download for the presenter, the moderators, and everyone when
 * the PDF may be downloaded.
 */
import { PenLine } from 'lucide-preact';
import { useState } from 'preact/hooks';
import type { ParticipantId } from '../../../shared/ids.js';
import type { PresentationView } from '../../../shared/presentation-protocol.js';
import { boardIdOf } from '../../../shared/whiteboard-model.js';
import type { WhiteboardState } from '../../../shared/whiteboard-protocol.js';
import {
  type ExportedPresentation,
  useWhiteboardSession,
  useWhiteboardTools,
  type WhiteboardChannel,
  type WhiteboardMessage,
  WhiteboardOverlay,
  WhiteboardToolbar,
} from '../whiteboard/index.js';
import { t } from './messages.js';
import { loadPresentation } from './pdf.js';

/** What the page's board needs from the meeting. */
export interface PageWhiteboard {
  channel: WhiteboardChannel;
  state: WhiteboardState;
  isModerator: boolean;
  send: (message: WhiteboardMessage) => void;
}

/** The board of the page shown: its overlay (given the page's height ÷ width), its toolbar row, and the Draw button. */
export function usePageBoard(roomId: string, presentation: PresentationView, selfId: ParticipantId, whiteboard: PageWhiteboard) {
  const session = useWhiteboardSession(whiteboard.channel);
  const tools = useWhiteboardTools();
  const [drawingChosen, setDrawingChosen] = useState(false);
  const presenting = presentation.presenterId === selfId;
  const mayDraw = whiteboard.state.everyoneMayDraw || presenting;
  const leads = presenting || whiteboard.isModerator;
  const drawing = mayDraw && drawingChosen;
  const board = boardIdOf(presentation.id, presentation.page);
  const exportFrom: ExportedPresentation = async () => {
    const loaded = await loadPresentation(roomId, presentation);
    return { id: loaded.id, bytes: loaded.bytes, name: presentation.name };
  };
  const mayExport = leads || presentation.downloadable;
  return {
    overlay: (aspect: number) => <WhiteboardOverlay session={session} board={board} aspect={aspect} drawing={drawing} tools={tools} />,
    toolbar: (drawing || leads || mayExport) && (
      <div class="whiteboard-controls">
        <WhiteboardToolbar
          {...{ session, board, tools, send: whiteboard.send }}
          roles={{ mayDraw: drawing, leads, everyoneMayDraw: whiteboard.state.everyoneMayDraw }}
          exportFrom={mayExport ? exportFrom : undefined}
        />
      </div>
    ),
    drawButton: mayDraw && (
      <button
        type="button"
        class="icon-button"
        aria-pressed={drawingChosen}
        aria-label={t('presentation.draw')}
        title={t('presentation.draw')}
        onClick={() => setDrawingChosen(!drawingChosen)}
      >
        <PenLine aria-hidden="true" size={20} />
      </button>
    ),
  };
}
