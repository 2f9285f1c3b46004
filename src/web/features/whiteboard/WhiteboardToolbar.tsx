/**
 * The whiteboard's toolbar, a row of labelled buttons reached with Tab: the tools, the colours,
 * the widths, undo and redo of one's own drawing (also Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y), and for
 * the presenter (or a moderator) clearing the board and letting everyone draw; the annotated
 * PDF's download for whoever may have it (pdf-lib loads on the first).
 */
import type { LucideIcon } from 'lucide-preact';
import { Circle, Download, Eraser, Minus, MoveUpRight, Pen, Redo2, Square, Trash2, Type, Undo2 } from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ClientMessage } from '../../../shared/protocol.js';
import { type BoardId, whiteboardColours, whiteboardWidths } from '../../../shared/whiteboard-model.js';
import { t } from './messages.js';
import { type WhiteboardTool, type WhiteboardTools, whiteboardTools } from './tools.js';
import { type ExportedPresentation, useAnnotatedExport } from './use-whiteboard.js';
import type { WhiteboardSession } from './whiteboard-session.js';

/** What this person may do with the whiteboard now. */
export interface WhiteboardRoles {
  /** May draw (for the toolbar: draws now, and the drawing tools show). */
  mayDraw: boolean;
  /** Leads the whiteboard (the presenter, or a moderator): clears a board, lets everyone draw. */
  leads: boolean;
  /** Everyone may draw, not only the presenter. */
  everyoneMayDraw: boolean;
}

/** The whiteboard messages a page sends besides its sync. */
export type WhiteboardMessage = Extract<ClientMessage, { type: 'whiteboard-settings' | 'whiteboard-clear' | 'whiteboard-blank' }>;

interface Props {
  session: WhiteboardSession;
  board: BoardId;
  tools: WhiteboardTools;
  roles: WhiteboardRoles;
  send: (message: WhiteboardMessage) => void;
  /** The PDF the annotated PDF is made from (none: the blank board alone); absent when this person may not download it. */
  exportFrom?: ExportedPresentation | undefined;
}

const toolIcons: Record<WhiteboardTool, LucideIcon> = {
  pen: Pen,
  line: Minus,
  arrow: MoveUpRight,
  rect: Square,
  ellipse: Circle,
  text: Type,
  eraser: Eraser,
};
const colourNames = ['dark', 'red', 'blue', 'green', 'orange', 'white'] as const;
const widthNames = ['thin', 'medium', 'thick'] as const;

/** Whether a key press belongs to a field or an editor (the notes have their own undo). */
function typingIn(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return Boolean(target?.closest('input, textarea, select, [contenteditable]'));
}

/** Ctrl+Z (⌘Z) undoes one's own last drawing on the board shown; Ctrl+Shift+Z or Ctrl+Y redoes it. */
function useUndoKeys(session: WhiteboardSession, board: BoardId, active: boolean): void {
  const latest = useRef({ board, active });
  latest.current = { board, active };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const now = latest.current;
      if (!now.active || event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey || typingIn(event)) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      event.preventDefault();
      if (key === 'y' || event.shiftKey) session.redo(now.board);
      else session.undo(now.board);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [session]);
}

/** A button with an icon, its label both its accessible name and its tooltip. */
function IconButton(props: { label: string; icon: LucideIcon; pressed?: boolean; disabled?: boolean; onClick: () => void }) {
  const { label, icon: Icon, pressed, disabled, onClick } = props;
  return (
    <button type="button" class="icon-button" aria-pressed={pressed} aria-label={label} title={label} disabled={disabled} onClick={onClick}>
      <Icon aria-hidden="true" size={18} />
    </button>
  );
}

/** A row of buttons choosing one of `values` (colours, widths), each pressed when chosen. */
function Choices<Value extends string | number>(props: {
  legend: string;
  values: readonly Value[];
  chosen: Value;
  label: (value: Value, index: number) => string;
  look: (value: Value, index: number) => { class: string; style?: Record<string, string>; children?: ComponentChildren };
  choose: (value: Value) => void;
}) {
  return (
    <fieldset class="whiteboard-group">
      <legend class="visually-hidden">{props.legend}</legend>
      {props.values.map((value, index) => (
        <button
          key={value}
          type="button"
          {...props.look(value, index)}
          aria-pressed={props.chosen === value}
          aria-label={props.label(value, index)}
          onClick={() => props.choose(value)}
        />
      ))}
    </fieldset>
  );
}

function DrawingTools({ session, board, tools }: Pick<Props, 'session' | 'board' | 'tools'>) {
  return (
    <>
      <div class="whiteboard-group">
        {whiteboardTools.map((tool) => (
          <IconButton
            key={tool}
            label={t(`whiteboard.${tool}`)}
            icon={toolIcons[tool]}
            pressed={tools.tool === tool}
            onClick={() => tools.choose({ tool })}
          />
        ))}
      </div>
      <Choices
        legend={t('whiteboard.colour')}
        values={whiteboardColours}
        chosen={tools.colour}
        label={(_, index) => t('whiteboard.colourName', { colour: colourNames[index] ?? 'white' })}
        look={(colour) => ({ class: 'whiteboard-swatch', style: { '--swatch': colour } })}
        choose={(colour) => tools.choose({ colour })}
      />
      <Choices
        legend={t('whiteboard.width')}
        values={whiteboardWidths}
        chosen={tools.width}
        label={(_, index) => t('whiteboard.widthName', { width: widthNames[index] ?? 'thick' })}
        look={(_, index) => ({ class: 'whiteboard-width', children: <span style={{ height: `${2 + index * 3}px` }} /> })}
        choose={(width) => tools.choose({ width })}
      />
      <div class="whiteboard-group">
        <IconButton label={t('whiteboard.undo')} icon={Undo2} onClick={() => session.undo(board)} />
        <IconButton label={t('whiteboard.redo')} icon={Redo2} onClick={() => session.redo(board)} />
      </div>
    </>
  );
}

export function WhiteboardToolbar(props: Props) {
  const { session, board, send, exportFrom } = props;
  const { mayDraw, leads, everyoneMayDraw } = props.roles;
  useUndoKeys(session, board, mayDraw);
  const exported = useAnnotatedExport(session, exportFrom);
  return (
    <div class="whiteboard-toolbar" role="toolbar" aria-label={t('whiteboard.tools')}>
      {mayDraw && <DrawingTools {...props} />}
      {leads && (
        <div class="whiteboard-group">
          <IconButton label={t('whiteboard.clear')} icon={Trash2} onClick={() => send({ type: 'whiteboard-clear', board })} />
          <label class="check">
            <input
              type="checkbox"
              checked={everyoneMayDraw}
              onChange={(event) => send({ type: 'whiteboard-settings', everyoneMayDraw: event.currentTarget.checked })}
            />
            {t('whiteboard.everyoneMayDraw')}
          </label>
        </div>
      )}
      {exportFrom && <IconButton label={t('whiteboard.export')} icon={Download} disabled={exported.exporting} onClick={exported.run} />}
      {exported.failed && <p role="alert">{t('whiteboard.exportFailed')}</p>}
    </div>
  );
}
