/**
 * This page's copy of the meeting's shared notes: a Yjs document synced with the server over the
 * signalling socket by the y-protocols messages (see `shared/notes-protocol.ts`), and this
 * editor's awareness (cursor, own participant id and colour; names come from the roster). Opened
 * when the notes panel shows, closed when it hides; the document stays with the meeting's page,
 * so opening again only exchanges what changed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId } from '../../../shared/ids.js';
import type { ClientMessage, ServerMessage } from '../../../shared/protocol.js';

/** The notes messages the server sends. */
export type NotesServerMessage = Extract<ServerMessage, { type: 'notes-sync' | 'notes-awareness' }>;

/** What the open notes hear from the meeting. */
export interface NotesListener {
  /** A notes message from the server. */
  message(message: NotesServerMessage): void;
  /** The page joined again after its connection dropped: the server forgot that the notes were open. */
  rejoined(): void;
  /** The server refused one of our notes messages (`code`: locked, full, too fast…): the others never got it. */
  refused(code: string): void;
}

/** How the notes reach the server and hear from it (the meeting controller provides it). */
export interface NotesChannel {
  send(message: ClientMessage): void;
  /** Tells `listener` what the notes hear until the returned function is called. */
  listen(listener: NotesListener): () => void;
}

/** Where the document lives in Yjs: the fragment y-prosemirror edits. */
export const notesFragmentName = 'prosemirror';

/** Cursor colours, each dark enough for white names on it (4.5:1 or more); each participant gets one from their id. */
const colours = ['#1f5fa8', '#b02a2a', '#2a6e2a', '#6b3fa0', '#7a4a3a', '#a8326e', '#0d6470', '#6b5a00'] as const;

export function colourOf(participantId: ParticipantId): string {
  let hash = 0;
  for (const character of participantId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return colours[hash % colours.length] ?? colours[0];
}

const documents = new WeakMap<NotesChannel, Y.Doc>();

/**
 * Edits of this long are sent together (merged into one update), and our cursor at most this
 * often: fast typing stays well within the server's notes rate, whatever the keyboard repeats.
 */
const editBatchMs = 60;
const cursorIntervalMs = 200;
/** The notes start again from the server's copy at most this often after refusals. */
const resetIntervalMs = 3_000;
let lastResetMs = Number.NEGATIVE_INFINITY;

export class NotesSession {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  #stopListening: (() => void) | undefined;
  #pendingEdits: Uint8Array[] = [];
  #editTimer: number | undefined;
  #cursorTimer: number | undefined;
  #cursorDue = false;
  #regreet: number | undefined;
  readonly #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this || !this.#stopListening) return;
    this.#pendingEdits.push(update);
    this.#editTimer ??= window.setTimeout(() => this.#sendEdits(), editBatchMs);
  };
  readonly #onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === this) return;
    if (![...added, ...updated, ...removed].includes(this.doc.clientID)) return;
    this.#cursorDue = true;
    this.#cursorTimer ??= window.setTimeout(() => this.#sendCursor(), cursorIntervalMs);
  };

  constructor(
    private readonly channel: NotesChannel,
    selfId: ParticipantId,
    /** The server refused one of our edits: the panel starts again from the server's copy. */
    private readonly onRefused: () => void = () => {},
  ) {
    let doc = documents.get(channel);
    if (!doc) {
      doc = new Y.Doc();
      documents.set(channel, doc);
    }
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState({ user: { participantId: selfId, color: colourOf(selfId) } });
  }

  /**
   * Forgets this page's copy of the notes after the server refused one of our edits, which the
   * others never got: the next session starts from the server's copy. The refusal's words say why.
   */
  static forget(channel: NotesChannel): void {
    documents.delete(channel);
  }

  /** The fragment the editor binds to. */
  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(notesFragmentName);
  }

  /** Opens the notes with the server: step 1, then every edit and cursor move both ways. */
  open(): void {
    if (this.#stopListening) return;
    this.#stopListening = this.channel.listen({
      message: (message) => this.#received(message),
      rejoined: () => this.#greet(),
      refused: (code) => this.#refused(code),
    });
    this.doc.on('update', this.#onUpdate);
    this.awareness.on('update', this.#onAwareness);
    this.#greet();
  }

  /**
   * An edit too fast for the notes rate is only late: a moment later the page opens the notes
   * again, and its answer to the server's step 1 carries what the server lacks. Any other refusal (locked, full, unreadable) means the edit will never be the others':
   * what waits to follow it is dropped, and the panel starts again from the server's copy — at most
   * once every few seconds, so a refusal that repeats cannot make it loop.
   */
  #refused(code: string): void {
    if (code === 'rate_limited') {
      this.#regreet ??= window.setTimeout(() => {
        this.#regreet = undefined;
        if (this.#stopListening) this.#greet();
      }, 1_000);
      return;
    }
    window.clearTimeout(this.#editTimer);
    this.#editTimer = undefined;
    this.#pendingEdits = [];
    const nowMs = performance.now();
    if (nowMs - lastResetMs < resetIntervalMs) return;
    lastResetMs = nowMs;
    this.onRefused();
  }

  /** Step 1 and our cursor: on opening, and again after the connection dropped (the server forgot we had the notes open). */
  #greet(): void {
    this.#sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc));
    const own = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    this.channel.send({ type: 'notes-awareness', update: toBase64Url(own) });
  }

  /** Closes the notes with the server (the document stays on this page); edits not sent yet go first. */
  close(): void {
    if (!this.#stopListening) return;
    this.#sendEdits();
    window.clearTimeout(this.#cursorTimer);
    window.clearTimeout(this.#regreet);
    this.#stopListening();
    this.#stopListening = undefined;
    this.doc.off('update', this.#onUpdate);
    this.awareness.off('update', this.#onAwareness);
    this.channel.send({ type: 'notes-leave' });
    this.awareness.destroy();
  }

  #received(message: NotesServerMessage): void {
    if (message.type === 'notes-awareness') {
      const update = fromBase64Url(message.update);
      if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, this);
      return;
    }
    const bytes = fromBase64Url(message.message);
    if (!bytes) return;
    const reply = encoding.createEncoder();
    try {
      syncProtocol.readSyncMessage(decoding.createDecoder(bytes), reply, this.doc, this);
    } catch (error: unknown) {
      console.warn('notes message refused', error);
      return;
    }
    if (encoding.length(reply) > 0) this.channel.send({ type: 'notes-sync', message: toBase64Url(encoding.toUint8Array(reply)) });
  }

  #sendEdits(): void {
    window.clearTimeout(this.#editTimer);
    this.#editTimer = undefined;
    if (this.#pendingEdits.length === 0) return;
    const update = Y.mergeUpdates(this.#pendingEdits);
    this.#pendingEdits = [];
    this.#sendSync((encoder) => syncProtocol.writeUpdate(encoder, update));
  }

  #sendCursor(): void {
    this.#cursorTimer = undefined;
    if (!this.#cursorDue || !this.#stopListening) return;
    this.#cursorDue = false;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    this.channel.send({ type: 'notes-awareness', update: toBase64Url(update) });
  }

  #sendSync(write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    write(encoder);
    this.channel.send({ type: 'notes-sync', message: toBase64Url(encoding.toUint8Array(encoder)) });
  }
}
