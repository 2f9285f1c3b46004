/**
 * The server's side of a Yjs document shared in a meeting (the notes, the whiteboard): the server
 * is a Yjs peer that keeps the document for the meeting and syncs it with those who opened it by
 * the y-protocols messages, carried as base64url on the signalling socket.
 *
 * An opener sends step 1 and is answered with what they lack (step 2) and the server's own step 1
 * (so that their edits made while away come back). Each update taken in goes to everyone else who
 * has the document open, and to nobody else. An update that needs one the server never got (lost
 * on a dropped connection, or refused) makes the server ask its sender for everything it lacks,
 * so that their step 2 fills the gap. Refused: bytes that are not a y-protocols message or a Yjs
 * update, updates from those who did not open the document or may not edit it now (the module
 * says), updates that grow the document past its size, and more messages or openings than the
 * rates. A module may check each update before the document takes it (`YjsPeerRules.check`).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId } from '../../../shared/ids.js';
import type { ServerMessage } from '../../../shared/protocol.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { type Failure, failure } from './outcome.js';
import type { ModuleOutcome, RoomModuleContext } from './room-module.js';

/** What a module decides for its document. */
export interface YjsPeerRules {
  /** Wraps a y-protocols message (base64url) in the module's server message (`notes-sync`, `whiteboard-sync`). */
  wrap(message: string): ServerMessage;
  /** The document's size (the sum of the updates it took in) past which updates are refused, in bytes. */
  documentBytesMax: number;
  /** Messages one participant may send per second, with bursts of `burst` (every message of the module counts). */
  rate: { perSecondMax: number; burst: number };
  /** Openings (each answered with the whole document) one participant may make per second, with bursts of `burst`. */
  openings: { perSecondMax: number; burst: number };
  /** The refusals: not a sync message or Yjs update; the document full; not opened first. */
  invalid(): Failure;
  tooLarge(): Failure;
  notOpen(): Failure;
  /** Why the document is not available in this meeting at all (an encrypted meeting), if it is not. */
  unavailable(): Failure | undefined;
  /** `actor` opened the document (and was sent what they lack): anything else they need now. Optional. */
  opened?(actor: ParticipantView): void;
  /** Why `actor` may not change the document now (locked, not a drawer), if they may not. */
  editRefusal(actor: ParticipantView): Failure | undefined;
  /**
   * Checks an update (not empty, within the size) before the document takes it: a refusal, or
   * `incomplete` when it needs an update the document lacks (the sender is asked for everything
   * the server lacks, and the update is dropped: their answer carries it again). Optional.
   */
  check?(update: Uint8Array, actor: ParticipantView): Failure | 'incomplete' | undefined;
}

const ok: ModuleOutcome = { ok: true, value: undefined };

/** A room module's Yjs document and its sync with the participants; see the file's comment. */
export class YjsPeer {
  readonly doc = new Y.Doc({ gc: true });
  /** Those who have the document open (sent step 1 and not closed it since). */
  readonly #open = new Set<ParticipantId>();
  readonly #rates = new Map<ParticipantId, TokenBucket>();
  readonly #openings = new Map<ParticipantId, TokenBucket>();
  /** The bytes of every update taken in: an upper bound on the document's size. */
  #documentBytes = 0;

  constructor(
    private readonly context: RoomModuleContext,
    private readonly rules: YjsPeerRules,
  ) {
    // Every change goes to those who have the document open, but the participant it came from (the origin).
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = encoding.createEncoder();
      syncProtocol.writeUpdate(message, update);
      this.toOpen(
        rules.wrap(toBase64Url(encoding.toUint8Array(message))),
        typeof origin === 'string' ? (origin as ParticipantId) : undefined,
      );
    });
  }

  /** `participantId` entered the meeting: their allowances start full. */
  join(participantId: ParticipantId): void {
    this.#rates.set(participantId, new TokenBucket(this.rules.rate.perSecondMax, this.rules.rate.burst));
    this.#openings.set(participantId, new TokenBucket(this.rules.openings.perSecondMax, this.rules.openings.burst));
  }

  /** `participantId` left the meeting. */
  leave(participantId: ParticipantId): void {
    this.#rates.delete(participantId);
    this.#openings.delete(participantId);
    this.#open.delete(participantId);
  }

  /** `participantId` closed the document (or their connection dropped): no more of its traffic until they open it again. */
  closeFor(participantId: ParticipantId): void {
    this.#open.delete(participantId);
  }

  /** Whether `participantId` has the document open. */
  isOpen(participantId: ParticipantId): boolean {
    return this.#open.has(participantId);
  }

  /** Takes one message from `participantId`'s rate; false when they send too often. */
  takeMessage(participantId: ParticipantId): boolean {
    return this.#rates.get(participantId)?.take() ?? false;
  }

  /** Takes one opening (a whole-document cost) from `participantId`'s allowance; false when too often. */
  takeOpening(participantId: ParticipantId): boolean {
    return this.#openings.get(participantId)?.take() ?? false;
  }

  /** A y-protocols message (base64url) from `actor`: step 1 opens the document; step 2 and updates change it. */
  sync(actor: ParticipantView, text: string): ModuleOutcome {
    const message = readSyncMessage(fromBase64Url(text));
    if (!message) return this.rules.invalid();
    const unavailable = this.rules.unavailable();
    if (unavailable) return unavailable;
    if (message.kind === syncProtocol.messageYjsSyncStep1) return this.#opened(actor, message.payload);
    if (message.kind !== syncProtocol.messageYjsSyncStep2 && message.kind !== syncProtocol.messageYjsUpdate) return this.rules.invalid();
    if (!this.#open.has(actor.id)) return this.rules.notOpen();
    return this.#update(actor, message.payload);
  }

  #update(actor: ParticipantView, update: Uint8Array): ModuleOutcome {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      // Decoding first refuses what is not a Yjs update at all, before the document sees it.
      decoded = Y.decodeUpdate(update);
    } catch {
      return this.rules.invalid();
    }
    // An update that changes nothing (a step 2 of someone with nothing new) is fine whoever sends it.
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return ok;
    const refusal = this.rules.editRefusal(actor);
    if (refusal) return refusal;
    if (this.#documentBytes + update.length > this.rules.documentBytesMax) {
      // The sum of updates counts deletions too: measure what the document really holds before refusing.
      this.#documentBytes = Y.encodeStateAsUpdate(this.doc).length;
      if (this.#documentBytes + update.length > this.rules.documentBytesMax) return this.rules.tooLarge();
    }
    const checked = this.rules.check?.(update, actor);
    if (checked === 'incomplete') {
      this.#askFor(actor.id);
      return ok;
    }
    if (checked) return checked;
    try {
      Y.applyUpdate(this.doc, update, actor.id);
    } catch {
      return this.rules.invalid();
    }
    this.#documentBytes += update.length;
    if (this.doc.store.pendingStructs || this.doc.store.pendingDs) this.#askFor(actor.id);
    return ok;
  }

  /** Sends `participantId` our state vector (step 1): they answer with what we lack. */
  #askFor(participantId: ParticipantId): void {
    const ask = encoding.createEncoder();
    syncProtocol.writeSyncStep1(ask, this.doc);
    this.context.send(participantId, this.rules.wrap(toBase64Url(encoding.toUint8Array(ask))));
  }

  /** `actor` opened the document with their state vector: what they lack, and what we lack. */
  #opened(actor: ParticipantView, stateVector: Uint8Array): ModuleOutcome {
    // Each opening answers with the whole document: far fewer of them than of edits.
    if (!this.takeOpening(actor.id)) return failure('rate_limited', meetingsWords.phrase('too_often'));
    const reply = encoding.createEncoder();
    try {
      Y.decodeStateVector(stateVector);
      syncProtocol.writeSyncStep2(reply, this.doc, stateVector);
    } catch {
      return this.rules.invalid();
    }
    this.#open.add(actor.id);
    this.context.send(actor.id, this.rules.wrap(toBase64Url(encoding.toUint8Array(reply))));
    this.#askFor(actor.id);
    this.rules.opened?.(actor);
    return ok;
  }

  /** Sends to everyone who has the document open, except `exceptId`. */
  toOpen(message: ServerMessage, exceptId?: ParticipantId): void {
    for (const participantId of this.#open) if (participantId !== exceptId) this.context.send(participantId, message);
  }

  close(): void {
    this.doc.destroy();
    this.#open.clear();
    this.#rates.clear();
    this.#openings.clear();
  }
}

/** A y-protocols sync message's kind and payload, if `bytes` is exactly one. */
function readSyncMessage(bytes: Uint8Array | undefined): { kind: number; payload: Uint8Array } | undefined {
  if (!bytes) return undefined;
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    return decoding.hasContent(decoder) ? undefined : { kind, payload };
  } catch {
    return undefined;
  }
}
