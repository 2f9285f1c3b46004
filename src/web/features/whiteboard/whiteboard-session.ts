/**
 * This page's copy of the meeting's whiteboard: a Yjs document (`shared/whiteboard-model.ts`)
 * synced with the server over the signalling socket by the y-protocols messages (see
 * `shared/whiteboard-protocol.ts`). Opened while a board shows (the blank board, or a
 * presentation's page and its drawings), closed when none does; the document stays with the
 * meeting's page, so opening again only exchanges what changed. Each board has its own undo,
 * which takes back only this page's own drawing and erasing.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ClientMessage, ServerMessage } from '../../../shared/protocol.js';
import { type BoardId, boardOf, type Shape } from '../../../shared/whiteboard-model.js';

/** What the open whiteboard hears from the meeting. */
export interface WhiteboardListener {
  /** A whiteboard sync message from the server. */
  message(message: Extract<ServerMessage, { type: 'whiteboard-sync' }>): void;
  /** The page joined again after its connection dropped: the server forgot that the whiteboard was open. */
  rejoined(): void;
  /** The server refused one of our updates (`code`): the others never got it. */
  refused(code: string): void;
}

/** How the whiteboard reaches the server and hears from it (the meeting controller provides it). */
export interface WhiteboardChannel {
  send(message: ClientMessage): void;
  /** Tells `listener` what the whiteboard hears until the returned function is called. */
  listen(listener: WhiteboardListener): () => void;
}

/** A refused update starts the page again from the server's copy at most this often. */
const resetIntervalMs = 3_000;
/** After `rate_limited`, the page opens the whiteboard again (its step 2 carries what was refused) this much later. */
const regreetDelayMs = 1_000;

const sessions = new WeakMap<WhiteboardChannel, WhiteboardSession>();

/** A random shape id (`ShapeSchema`'s 8–24 characters of base64url). */
export function newShapeId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
}

export class WhiteboardSession {
  #doc = new Y.Doc();
  readonly #undo = new Map<BoardId, Y.UndoManager>();
  readonly #watchers = new Set<() => void>();
  #users = 0;
  #stopListening: (() => void) | undefined;
  #regreet: number | undefined;
  #lastResetMs = Number.NEGATIVE_INFINITY;
  readonly #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== this) this.#sendSync((encoder) => syncProtocol.writeUpdate(encoder, update));
    for (const watcher of this.#watchers) watcher();
  };

  private constructor(private readonly channel: WhiteboardChannel) {}

  /** The meeting's one session on this page. */
  static of(channel: WhiteboardChannel): WhiteboardSession {
    let session = sessions.get(channel);
    if (!session) {
      session = new WhiteboardSession(channel);
      sessions.set(channel, session);
    }
    return session;
  }

  /** Calls `watcher` after every change of the document (ours, others', or a fresh copy); until the returned function is called. */
  watch(watcher: () => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  /** A board's shapes, in drawing order. */
  shapes(boardId: BoardId): Shape[] {
    return boardOf(this.#doc, boardId).toArray();
  }

  /** Draws a shape on a board (one update; undoable). */
  add(boardId: BoardId, shape: Shape): void {
    this.#change(boardId, (board) => board.push([shape]));
  }

  /** Erases the shapes with these ids from a board (one update; undoable). */
  erase(boardId: BoardId, shapeIds: ReadonlySet<string>): void {
    if (shapeIds.size === 0) return;
    this.#change(boardId, (board) => {
      const shapes = board.toArray();
      for (let index = shapes.length - 1; index >= 0; index -= 1) if (shapeIds.has(shapes[index]?.id ?? '')) board.delete(index, 1);
    });
  }

  /** Takes back our last drawing or erasing on a board (`redo` gives it back). */
  undo(boardId: BoardId): void {
    this.#undoManager(boardId).undo();
  }

  redo(boardId: BoardId): void {
    this.#undoManager(boardId).redo();
  }

  #change(boardId: BoardId, change: (board: Y.Array<Shape>) => void): void {
    const board = boardOf(this.#doc, boardId);
    this.#undoManager(boardId);
    this.#doc.transact(() => change(board), this.#localOrigin);
  }

  /** Our own changes, as the undo managers track them (the server's are `this`). */
  readonly #localOrigin = { local: true };

  #undoManager(boardId: BoardId): Y.UndoManager {
    let manager = this.#undo.get(boardId);
    if (!manager) {
      // Each stroke is its own step: nothing merges within a pause.
      manager = new Y.UndoManager(boardOf(this.#doc, boardId), { trackedOrigins: new Set([this.#localOrigin]), captureTimeout: 0 });
      this.#undo.set(boardId, manager);
    }
    return manager;
  }

  /** One more view shows a board: the first opens the whiteboard with the server (step 1). */
  open(): void {
    this.#users += 1;
    if (this.#stopListening) return;
    this.#stopListening = this.channel.listen({
      message: (message) => this.#received(message.message),
      rejoined: () => this.#greet(),
      refused: (code) => this.#refused(code),
    });
    this.#doc.on('update', this.#onUpdate);
    this.#greet();
  }

  /** One view less: the last closes the whiteboard with the server (the document stays on this page). */
  close(): void {
    this.#users = Math.max(0, this.#users - 1);
    if (this.#users > 0 || !this.#stopListening) return;
    window.clearTimeout(this.#regreet);
    this.#regreet = undefined;
    this.#stopListening();
    this.#stopListening = undefined;
    this.#doc.off('update', this.#onUpdate);
    this.channel.send({ type: 'whiteboard-leave' });
  }

  #greet(): void {
    this.#sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.#doc));
  }

  /**
   * Too fast is only late: a moment later the page opens the whiteboard again, and its answer to
   * the server's step 1 carries what the server lacks. Any other refusal (not allowed, malformed,
   * full) means our change will never be the others': the page starts again from the server's
   * copy — at most once every few seconds, so a refusal that repeats cannot make it loop.
   */
  #refused(code: string): void {
    if (code === 'rate_limited') {
      this.#regreet ??= window.setTimeout(() => {
        this.#regreet = undefined;
        if (this.#stopListening) this.#greet();
      }, regreetDelayMs);
      return;
    }
    const nowMs = performance.now();
    if (nowMs - this.#lastResetMs < resetIntervalMs) return;
    this.#lastResetMs = nowMs;
    this.#doc.off('update', this.#onUpdate);
    for (const manager of this.#undo.values()) manager.destroy();
    this.#undo.clear();
    this.#doc.destroy();
    this.#doc = new Y.Doc();
    if (this.#stopListening) {
      this.#doc.on('update', this.#onUpdate);
      this.#greet();
    }
    for (const watcher of this.#watchers) watcher();
  }

  #received(text: string): void {
    const bytes = fromBase64Url(text);
    if (!bytes) return;
    const reply = encoding.createEncoder();
    try {
      syncProtocol.readSyncMessage(decoding.createDecoder(bytes), reply, this.#doc, this);
    } catch (error: unknown) {
      console.warn('whiteboard message refused', error);
      return;
    }
    if (encoding.length(reply) > 0) this.channel.send({ type: 'whiteboard-sync', message: toBase64Url(encoding.toUint8Array(reply)) });
  }

  #sendSync(write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    write(encoder);
    this.channel.send({ type: 'whiteboard-sync', message: toBase64Url(encoding.toUint8Array(encoder)) });
  }
}
