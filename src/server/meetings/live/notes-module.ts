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
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { NotesAwarenessStateSchema } from '../../../shared/notes-protocol.js';
import type { ScheduledCall } from '../../platform/clock.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { type Failure, failure } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';

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
  readonly #doc = new Y.Doc({ gc: true });
  readonly #awareness = new awarenessProtocol.Awareness(this.#doc);
  /** Those who have the notes open (sent step 1 and not left them since). */
  readonly #open = new Set<ParticipantId>();
  /** Each participant's notes rate. */
  readonly #rates = new Map<ParticipantId, TokenBucket>();
  /** Which participant each awareness client id speaks for (the first to use it). */
  readonly #awarenessOwners = new Map<number, ParticipantId>();
  /** The bytes of every edit taken in: an upper bound on the document's size. */
  #documentBytes = 0;
  #locked = false;
  /** Kept with the room: saved `limits.notesSaveDelayMs` after edits and when the meeting ends. */
  #kept = false;
  #save: ScheduledCall | undefined;
  #closed = false;
  /** The room's kept notes could not be read: this meeting does not overwrite them. */
  #keptUnreadable = false;
  /** How often each participant may open the notes (step 1 returns the whole document). */
  readonly #openings = new Map<ParticipantId, TokenBucket>();

  constructor(
    private readonly context: RoomModuleContext,
    /** The meeting is end-to-end encrypted: the server would read the notes, so there are none. */
    private readonly encrypted = false,
    private readonly store?: NotesStore,
  ) {
    // The server has no cursor of its own.
    this.#awareness.setLocalState(null);
    this.#doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = encoding.createEncoder();
      syncProtocol.writeUpdate(message, update);
      this.#toOpen(
        { type: 'notes-sync', message: toBase64Url(encoding.toUint8Array(message)) },
        typeof origin === 'string' ? (origin as ParticipantId) : undefined,
      );
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
        this.#documentBytes += state.length;
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
    this.#rates.set(participant.id, new TokenBucket(limits.notesMessagesPerSecondMax, limits.notesBurst));
    this.#openings.set(participant.id, new TokenBucket(limits.notesOpeningsPerSecondMax, limits.notesOpeningsBurst));
    // Unlocked and not kept is what a page assumes: only anything else is told.
    if (this.#locked || this.#kept) this.context.send(participant.id, this.#state());
  }

  /**
   * Back after a dropped connection: edits and cursors sent meanwhile were lost both ways, so
   * their page opens the notes again (step 1) if it had them open; until then they get none.
   */
  onResume(participant: ParticipantView): void {
    this.#open.delete(participant.id);
    this.context.send(participant.id, this.#state());
  }

  onLeave(participant: ParticipantView): void {
    this.#rates.delete(participant.id);
    this.#openings.delete(participant.id);
    this.#close(participant.id);
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    if (!this.#rates.get(actor.id)?.take()) return failure('rate_limited', meetingsWords.phrase('too_often'));
    switch (message.type) {
      case 'notes-sync':
        return this.#sync(actor, fromBase64Url(message.message));
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

  #sync(actor: ParticipantView, bytes: Uint8Array | undefined): ModuleOutcome {
    if (!bytes) return invalid();
    let kind: number;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(bytes);
      kind = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder)) return invalid();
    } catch {
      return invalid();
    }
    if (this.encrypted) return failure('not_allowed', meetingsWords.phrase('notes_not_encrypted'));
    if (kind === syncProtocol.messageYjsSyncStep1) return this.#opened(actor, payload);
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) return invalid();
    if (!this.#open.has(actor.id)) return failure('not_allowed', meetingsWords.phrase('notes_not_open'));
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      // Decoding first refuses what is not a Yjs update at all, before the document sees it.
      decoded = Y.decodeUpdate(payload);
    } catch {
      return invalid();
    }
    // An update that changes nothing (a step 2 of someone with nothing new) is fine even while locked.
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return ok;
    if (this.#locked && !actor.isModerator) return failure('notes_locked', meetingsWords.phrase('notes_locked'));
    if (this.#documentBytes + payload.length > limits.notesDocumentBytesMax) {
      // The sum of updates counts deletions too: measure what the document really holds before refusing.
      this.#documentBytes = Y.encodeStateAsUpdate(this.#doc).length;
      if (this.#documentBytes + payload.length > limits.notesDocumentBytesMax) {
        return failure('notes_too_large', meetingsWords.phrase('notes_too_large', { max: limits.notesDocumentBytesMax }));
      }
    }
    try {
      Y.applyUpdate(this.#doc, payload, actor.id);
    } catch {
      return invalid();
    }
    this.#documentBytes += payload.length;
    // An update that needs one we never got (lost on a dropped connection, or refused) waits: ask
    // its sender for everything we lack, so that their step 2 fills the gap.
    if (this.#doc.store.pendingStructs || this.#doc.store.pendingDs) this.#askFor(actor.id);
    return ok;
  }

  /** Sends `participantId` our state vector (step 1): they answer with what we lack. */
  #askFor(participantId: ParticipantId): void {
    const ask = encoding.createEncoder();
    syncProtocol.writeSyncStep1(ask, this.#doc);
    this.context.send(participantId, { type: 'notes-sync', message: toBase64Url(encoding.toUint8Array(ask)) });
  }

  /** `actor` opened the notes with their state vector: what they lack, and what we lack. */
  #opened(actor: ParticipantView, stateVector: Uint8Array): ModuleOutcome {
    // Each opening answers with the whole document: far fewer of them than of edits.
    if (!this.#openings.get(actor.id)?.take()) return failure('rate_limited', meetingsWords.phrase('too_often'));
    const reply = encoding.createEncoder();
    try {
      Y.decodeStateVector(stateVector);
      syncProtocol.writeSyncStep2(reply, this.#doc, stateVector);
    } catch {
      return invalid();
    }
    this.#open.add(actor.id);
    this.context.send(actor.id, { type: 'notes-sync', message: toBase64Url(encoding.toUint8Array(reply)) });
    this.#askFor(actor.id);
    const others = [...this.#awareness.getStates().keys()];
    if (others.length > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.#awareness, others);
      this.context.send(actor.id, { type: 'notes-awareness', update: toBase64Url(update) });
    }
    return ok;
  }

  #awarenessUpdate(actor: ParticipantView, bytes: Uint8Array | undefined): ModuleOutcome {
    if (!bytes || bytes.length > limits.notesAwarenessBytesMax) return invalid();
    if (!this.#open.has(actor.id)) return failure('not_allowed', meetingsWords.phrase('notes_not_open'));
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
    this.#toOpen({ type: 'notes-awareness', update: toBase64Url(bytes) }, actor.id);
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
    if (!this.store) return failure('not_allowed', meetingsWords.phrase('notes_not_encrypted'));
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
    this.#open.delete(participantId);
    this.#forgetCursors([...this.#awarenessOwners].filter(([, owner]) => owner === participantId).map(([clientId]) => clientId));
  }

  /** Removes these awareness client ids, telling whoever has the notes open that those cursors are gone. */
  #forgetCursors(clientIds: number[]): void {
    for (const clientId of clientIds) this.#awarenessOwners.delete(clientId);
    const shown = clientIds.filter((clientId) => this.#awareness.getStates().has(clientId));
    if (shown.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.#awareness, shown, 'left');
      this.#toOpen({ type: 'notes-awareness', update: toBase64Url(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, shown)) });
    }
    for (const clientId of clientIds) this.#awareness.meta.delete(clientId);
  }

  /** Sends to everyone who has the notes open, except `exceptId`. */
  #toOpen(message: { type: 'notes-sync'; message: string } | { type: 'notes-awareness'; update: string }, exceptId?: ParticipantId): void {
    for (const participantId of this.#open) if (participantId !== exceptId) this.context.send(participantId, message);
  }

  close(): void {
    // Edits not saved yet are saved as the meeting ends.
    if (this.#save) this.#saveNow();
    this.#closed = true;
    this.#awareness.destroy();
    this.#doc.destroy();
    this.#open.clear();
    this.#rates.clear();
    this.#awarenessOwners.clear();
    this.#openings.clear();
  }
}
