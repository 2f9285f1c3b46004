/**
 * The shared notes panel: a ProseMirror editor bound to the meeting's Yjs document
 * (`y-prosemirror`), each other editor's cursor marked with their name from the roster, undo and
 * redo of one's own edits, a few formatting buttons (each with its keyboard shortcut), the
 * moderators' lock, and downloads as Markdown and HTML. Loaded only when the panel first opens.
 */
import { Bold, Heading2, Italic, List, ListOrdered, Lock, LockOpen, Redo2, Undo2 } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { baseKeymap, setBlockType, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { type Command, EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { ParticipantId } from '../../../shared/ids.js';
import type { ParticipantSummary } from '../../../shared/protocol.js';
import { offerDownload } from '../../app/download.js';
import { currentLanguage } from '../../app/intl/language.js';
import { Button } from '../../ui/Button.js';
import { t } from './messages.js';
import { notesAsHtml, notesAsMarkdown, notesSchema } from './notes-document.js';
import { type NotesChannel, NotesSession } from './notes-session.js';
import 'prosemirror-view/style/prosemirror.css';
import './notes.css';

interface Props {
  channel: NotesChannel;
  selfId: ParticipantId;
  people: ParticipantSummary[];
  isModerator: boolean;
  locked: boolean;
  /** A moderator locks or unlocks the notes. */
  setLocked: (locked: boolean) => void;
  /** Whether the notes are kept with the room after the meeting. */
  kept: boolean;
  /** A moderator keeps the notes with the room, or stops keeping them; absent in a breakout room (it has no next meeting). */
  setKept: ((kept: boolean) => void) | undefined;
  roomName: string;
}

const { strong, em } = notesSchema.marks;
const { heading, paragraph, bullet_list: bulletList, ordered_list: orderedList, list_item: listItem } = notesSchema.nodes;

/** Headings toggle back to paragraphs. */
const toggleHeading: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const isHeading = $from.parent.type === heading;
  return setBlockType(isHeading || !heading ? (paragraph ?? notesSchema.topNodeType) : heading, isHeading ? {} : { level: 2 })(
    state,
    dispatch,
  );
};

const commands = {
  bold: strong ? toggleMark(strong) : () => false,
  italic: em ? toggleMark(em) : () => false,
  heading: toggleHeading,
  bulletList: bulletList ? wrapInList(bulletList) : () => false,
  numberedList: orderedList ? wrapInList(orderedList) : () => false,
  undo: ((state) => undo(state)) as Command,
  redo: ((state) => redo(state)) as Command,
} satisfies Record<string, Command>;

export function NotesPanel({ channel, selfId, people, isModerator, locked, setLocked, kept, setKept, roomName }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const peopleRef = useRef(people);
  peopleRef.current = people;
  const editable = !locked || isModerator;
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const [others, setOthers] = useState(0);
  // A refused edit: the editor starts again from the server's copy (a new session, a new document).
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const session = new NotesSession(channel, selfId, () => {
      NotesSession.forget(channel);
      setGeneration((value) => value + 1);
    });
    const nameOf = (participantId: unknown) =>
      peopleRef.current.find((person) => person.participantId === participantId)?.displayName ?? t('notes.someone');
    const state = EditorState.create({
      schema: notesSchema,
      plugins: [
        ySyncPlugin(session.fragment),
        yCursorPlugin(session.awareness, {
          cursorBuilder: (user: { participantId?: unknown; color?: string }) => {
            const caret = document.createElement('span');
            caret.className = 'notes-caret';
            caret.style.borderColor = user.color ?? '#888';
            const label = document.createElement('span');
            label.className = 'notes-caret-name';
            label.style.backgroundColor = user.color ?? '#888';
            label.textContent = nameOf(user.participantId);
            caret.append(label);
            return caret;
          },
        }),
        yUndoPlugin(),
        keymap({
          'Mod-z': commands.undo,
          'Mod-y': commands.redo,
          'Mod-Shift-z': commands.redo,
          'Mod-b': commands.bold,
          'Mod-i': commands.italic,
          ...(listItem ? { Enter: splitListItem(listItem), Tab: sinkListItem(listItem), 'Shift-Tab': liftListItem(listItem) } : {}),
        }),
        keymap(baseKeymap),
      ],
    });
    const editor = new EditorView(element, {
      state,
      editable: () => editableRef.current,
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': t('notes.editor'), class: 'notes-editor' },
    });
    view.current = editor;
    const countOthers = () => setOthers([...session.awareness.getStates().keys()].filter((id) => id !== session.doc.clientID).length);
    session.awareness.on('change', countOthers);
    session.open();
    return () => {
      session.awareness.off('change', countOthers);
      editor.destroy();
      view.current = undefined;
      session.close();
    };
  }, [channel, selfId, generation]);

  // The lock changes what the editor allows at once.
  useEffect(() => {
    view.current?.setProps({ editable: () => editable });
  }, [editable]);

  const run = (command: Command) => () => {
    const editor = view.current;
    if (!editor || !editable) return;
    command(editor.state, editor.dispatch, editor);
    editor.focus();
  };
  const title = t('notes.title', { room: roomName });
  const fileName = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'notes';
  const exportAs = (kind: 'markdown' | 'html') => async () => {
    const doc = view.current?.state.doc;
    if (!doc) return;
    if (kind === 'markdown') offerDownload(`${fileName}.md`, await notesAsMarkdown(doc), 'text/markdown;charset=utf-8');
    else offerDownload(`${fileName}.html`, notesAsHtml(doc, title, currentLanguage.value), 'text/html;charset=utf-8');
  };

  // The browser's own print (and its "Save as PDF"), of the notes alone: see `notes.css`.
  const printNotes = () => {
    const root = document.documentElement;
    root.classList.add('printing-notes');
    window.addEventListener('afterprint', () => root.classList.remove('printing-notes'), { once: true });
    window.print();
  };

  const tool = (label: string, Icon: typeof Bold, command: Command) => (
    <button type="button" class="notes-tool" aria-label={label} title={label} disabled={!editable} onClick={run(command)}>
      <Icon size={16} aria-hidden="true" />
    </button>
  );

  return (
    <section class="panel-body notes-panel" aria-label={t('notes.editor')}>
      <div class="notes-toolbar" role="toolbar" aria-label={t('notes.formatting')}>
        {tool(t('notes.bold'), Bold, commands.bold)}
        {tool(t('notes.italic'), Italic, commands.italic)}
        {tool(t('notes.heading'), Heading2, commands.heading)}
        {tool(t('notes.bulletList'), List, commands.bulletList)}
        {tool(t('notes.numberedList'), ListOrdered, commands.numberedList)}
        {tool(t('notes.undo'), Undo2, commands.undo)}
        {tool(t('notes.redo'), Redo2, commands.redo)}
        {isModerator && (
          <button
            type="button"
            class="notes-tool"
            aria-pressed={locked}
            aria-label={locked ? t('notes.unlock') : t('notes.lock')}
            title={locked ? t('notes.unlock') : t('notes.lock')}
            onClick={() => setLocked(!locked)}
          >
            {locked ? <Lock size={16} aria-hidden="true" /> : <LockOpen size={16} aria-hidden="true" />}
          </button>
        )}
      </div>
      {locked && (
        <p class="notes-lock-note" role="status">
          {isModerator ? t('notes.lockedForOthers') : t('notes.lockedForYou')}
        </p>
      )}
      <div ref={host} class="notes-host" />
      <p class="notes-presence" aria-live="polite">
        {others > 0 ? t('notes.editing', { count: others }) : ''}
      </p>
      {isModerator && setKept ? (
        <label class="check notes-keep">
          <input type="checkbox" checked={kept} onChange={(event) => setKept(event.currentTarget.checked)} />
          {t('notes.keep')}
        </label>
      ) : null}
      <p class="notes-kept-note">{!setKept ? t('notes.breakoutNotKept') : kept ? t('notes.kept') : t('notes.notKept')}</p>
      <div class="notes-exports">
        <span>{t('notes.download')}</span>
        <Button class="small" aria-label={t('notes.downloadMarkdown')} onClick={() => void exportAs('markdown')()}>
          Markdown
        </Button>
        <Button class="small" aria-label={t('notes.downloadHtml')} onClick={() => void exportAs('html')()}>
          HTML
        </Button>
        <Button class="small" aria-label={t('notes.print')} onClick={printNotes}>
          {t('notes.printShort')}
        </Button>
      </div>
    </section>
  );
}
