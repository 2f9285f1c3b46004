/**
 * Shared notes as a room module: the meeting's one Yjs document, kept by the server as a Yjs peer
 * for the life of the meeting. Whoever opens the notes sends sync step 1 and is answered with
 * what they lack (step 2) and the server's own step 1 (so that edits made while away come back);
 * from then on each accepted edit goes to everyone else who has the notes open, and so does each
 * editor's awareness (cursor). Nobody who has not opened the notes receives any of it.
 *
 * Refused: edits while a moderator has locked the notes (`notes_locked`, moderators excepted),
 * bytes that are not a y-protocols message or a Yjs update (`notes_update_invalid`), a document
 * grown past `limits.notesDocumentBytesMax` (`notes_too_large`), and more messages than the notes
 * rate. An awareness update may only speak for the participant who sends it (its `user.participantId`,
 * and awareness client ids nobody else used): names come from the roster, never from here.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { NotesAwarenessStateSchema } from '../../../shared/notes-protocol.js';
import type { ScheduledCall } from '../../platform/clock.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { type Failure, failure } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';
import { YjsPeer } from './yjs-peer.js';

/**
 * Where a room keeps its notes between meetings, when a moderator chooses: the room's record
 * queue (`LiveRoom`) writes in order and logs what fails.
 */
export interface NotesStore {
  /** The notes kept from an earlier meeting (one Yjs update), if any. */
  load(): Promise<Uint8Array | undefined>;
  save(state: Uint8Array): void;
  forget(): void;
  /** The kept notes could not be read (or applied): logged by the room. */
  failed(error: unknown): void;
}

const invalid = (): Failure => failure('notes_update_invalid', meetingsWords.phrase('notes_update_invalid'));
const ok: ModuleOutcome = { ok: true, value: undefined };

export class NotesModule implements RoomModule {
  readonly name = 'notes';
  readonly messageTypes = ['notes-sync', 'notes-awareness', 'notes-lock', 'notes-keep', 'notes-leave'] as const;
  /** The document and its sync with those who opened the notes. */
  readonly #peer: YjsPeer;
  readonly #doc: Y.Doc;
  readonly #awareness: awarenessProtocol.Awareness;
  /** Which participant each awareness client id speaks for (the first to use it). */
  readonly #awarenessOwners = new Map<number, ParticipantId>();
  #locked = false;
  /** Kept with the room: saved `limits.notesSaveDelayMs` after edits and when the meeting ends. */
  #kept = false;
  #save: ScheduledCall | undefined;
  #closed = false;
  /** The room's kept notes could not be read: this meeting does not overwrite them. */
  #keptUnreadable = false;

  constructor(
    private readonly context: RoomModuleContext,
    /** The meeting is end-to-end encrypted: the server would read the notes, so there are none. */
    private readonly encrypted = false,
    private readonly store?: NotesStore,
  ) {
    this.#peer = new YjsPeer(context, {
      wrap: (message) => ({ type: 'notes-sync', message }),
      documentBytesMax: limits.notesDocumentBytesMax,
      rate: { perSecondMax: limits.notesMessagesPerSecondMax, burst: limits.notesBurst },
      openings: { perSecondMax: limits.notesOpeningsPerSecondMax, burst: limits.notesOpeningsBurst },
      invalid,
      tooLarge: () => failure('notes_too_large', meetingsWords.phrase('notes_too_large', { max: limits.notesDocumentBytesMax })),
      notOpen: () => failure('not_allowed', meetingsWords.phrase('notes_not_open')),
      unavailable: () => (this.encrypted ? failure('not_allowed', meetingsWords.phrase('notes_not_encrypted')) : undefined),
      opened: (actor) => this.#opened(actor),
      editRefusal: (actor) =>
        this.#locked && !actor.isModerator ? failure('notes_locked', meetingsWords.phrase('notes_locked')) : undefined,
    });
    this.#doc = this.#peer.doc;
    this.#awareness = new awarenessProtocol.Awareness(this.#doc);
    // The server has no cursor of its own.
    this.#awareness.setLocalState(null);
    this.#doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (this.#kept && origin !== store) this.#save ??= this.context.clock.setTimeout(() => this.#saveNow(), limits.notesSaveDelayMs);
    });
    // Notes kept from an earlier meeting come back, locked (the first to arrive may not wipe them);
    // anyone who opened them meanwhile gets them as an edit. Kept notes that cannot be read stay
    // where they are, and this meeting may not keep (overwrite) them.
    void store
      ?.load()
      .then((state) => {
        if (!state || this.#closed) return;
        Y.applyUpdate(this.#doc, state, store);
        this.#kept = true;
        this.#locked = true;
        this.context.broadcast(this.#state());
      })
      .catch((error: unknown) => {
        this.#keptUnreadable = true;
        store.failed(error);
      });
  }

  /** Whether the notes are locked for all but moderators. */
  get locked(): boolean {
    return this.#locked;
  }

  onJoin(participant: ParticipantView): void {
    this.#peer.join(participant.id);
    // Unlocked and not kept is what a page assumes: only anything else is told.
    if (this.#locked || this.#kept) this.context.send(participant.id, this.#state());
  }

  /**
   * Back after a dropped connection: edits and cursors sent meanwhile were lost both ways, so
   * their page opens the notes again (step 1) if it had them open; until then they get none.
   */
  onResume(participant: ParticipantView): void {
    this.#peer.closeFor(participant.id);
    this.context.send(participant.id, this.#state());
  }

  onLeave(participant: ParticipantView): void {
    this.#close(participant.id);
    this.#peer.leave(participant.id);
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    if (!this.#peer.takeMessage(actor.id)) return failure('rate_limited', meetingsWords.phrase('too_often'));
    switch (message.type) {
      case 'notes-sync':
        return this.#peer.sync(actor, message.message);
      case 'notes-awareness':
        return this.#awarenessUpdate(actor, fromBase64Url(message.update));
      case 'notes-lock':
        return this.#lock(actor, message.locked);
      case 'notes-keep':
        return this.#keep(actor, message.keep);
      case 'notes-leave':
        this.#close(actor.id);
        return ok;
      default:
        return failure('malformed_message', meetingsWords.phrase('nothing_handles', { type: message.type }));
    }
  }

  /** `actor` opened the notes: the others' cursors. */
  #opened(actor: ParticipantView): void {
    const others = [...this.#awareness.getStates().keys()];
    if (others.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.#awareness, others);
    this.context.send(actor.id, { type: 'notes-awareness', update: toBase64Url(update) });
  }

  #awarenessUpdate(actor: ParticipantView, bytes: Uint8Array | undefined): ModuleOutcome {
    if (!bytes || bytes.length > limits.notesAwarenessBytesMax) return invalid();
    if (!this.#peer.isOpen(actor.id)) return failure('not_allowed', meetingsWords.phrase('notes_not_open'));
    const clients: number[] = [];
    try {
      const decoder = decoding.createDecoder(bytes);
      const count = decoding.readVarUint(decoder);
      for (let index = 0; index < count; index += 1) {
        const clientId = decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        const state: unknown = JSON.parse(decoding.readVarString(decoder));
        const owner = this.#awarenessOwners.get(clientId);
        if (owner !== undefined && owner !== actor.id) return invalid();
        // Only one's own cursor may be removed; a new one must say who it is, in a well-formed state.
        if (state === null ? owner !== actor.id : NotesAwarenessStateSchema.safeParse(state).data?.user.participantId !== actor.id) {
          return invalid();
        }
        clients.push(clientId);
      }
      if (decoding.hasContent(decoder)) return invalid();
    } catch {
      return invalid();
    }
    // A page has one awareness client id per opening of the notes: at most a few per participant.
    const owned = [...this.#awarenessOwners].filter(([, owner]) => owner === actor.id).map(([clientId]) => clientId);
    const fresh = clients.filter((clientId) => !owned.includes(clientId));
    if (fresh.length > 0 && owned.length + fresh.length > limits.notesCursorsPerParticipantMax) {
      // The oldest go: their cursors are removed for everyone first.
      this.#forgetCursors(owned.slice(0, owned.length + fresh.length - limits.notesCursorsPerParticipantMax));
    }
    for (const clientId of clients) this.#awarenessOwners.set(clientId, actor.id);
    awarenessProtocol.applyAwarenessUpdate(this.#awareness, bytes, actor.id);
    this.#peer.toOpen({ type: 'notes-awareness', update: toBase64Url(bytes) }, actor.id);
    return ok;
  }

  #lock(actor: ParticipantView, locked: boolean): ModuleOutcome {
    if (!actor.isModerator) return failure('not_allowed', meetingsWords.phrase('notes_moderators_only'));
    if (locked === this.#locked) return ok;
    this.#locked = locked;
    this.context.broadcast(this.#state());
    return ok;
  }

  /** A moderator keeps the notes with the room (saved now and after edits) or stops keeping them (deleted now). */
  #keep(actor: ParticipantView, keep: boolean): ModuleOutcome {
    if (!actor.isModerator) return failure('not_allowed', meetingsWords.phrase('notes_moderators_only'));
    if (!this.store) return failure('not_allowed', meetingsWords.phrase(this.encrypted ? 'notes_not_encrypted' : 'notes_not_kept_here'));
    if (this.#keptUnreadable) return failure('internal_error', meetingsWords.phrase('internal_error'));
    if (keep === this.#kept) return ok;
    this.#kept = keep;
    if (keep) this.#saveNow();
    else {
      this.#save?.cancel();
      this.#save = undefined;
      this.store.forget();
    }
    this.context.broadcast(this.#state());
    return ok;
  }

  #saveNow(): void {
    this.#save?.cancel();
    this.#save = undefined;
    if (this.#kept) this.store?.save(Y.encodeStateAsUpdate(this.#doc));
  }

  #state() {
    return { type: 'notes-state', locked: this.#locked, kept: this.#kept } as const;
  }

  /** `participantId` closed the notes or left: their cursors go, and their traffic stops. */
  #close(participantId: ParticipantId): void {
    this.#peer.closeFor(participantId);
    this.#forgetCursors([...this.#awarenessOwners].filter(([, owner]) => owner === participantId).map(([clientId]) => clientId));
  }

  /** Removes these awareness client ids, telling whoever has the notes open that those cursors are gone. */
  #forgetCursors(clientIds: number[]): void {
    for (const clientId of clientIds) this.#awarenessOwners.delete(clientId);
    const shown = clientIds.filter((clientId) => this.#awareness.getStates().has(clientId));
    if (shown.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.#awareness, shown, 'left');
      this.#peer.toOpen({ type: 'notes-awareness', update: toBase64Url(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, shown)) });
    }
    for (const clientId of clientIds) this.#awareness.meta.delete(clientId);
  }

  close(): void {
    // Edits not saved yet are saved as the meeting ends.
    if (this.#save) this.#saveNow();
    this.#closed = true;
    this.#awareness.destroy();
    this.#peer.close();
    this.#awarenessOwners.clear();
  }
}
