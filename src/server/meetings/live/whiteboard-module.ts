/**
 * The whiteboard as a room module: the meeting's one Yjs document of boards and shapes
 * (`shared/whiteboard-model.ts`), kept by the server as a Yjs peer (`YjsPeer`) for the life of
 * the meeting, in memory only. Whoever opens the whiteboard is synced and then gets every update
 * accepted from the others; nobody who has not opened it receives any of it.
 *
 * Who may draw: the presenter — or, with no presentation shown, the moderators — and everyone
 * while the presenter or a moderator lets them. The presenter or a moderator clears a board (an
 * update made by the server, sent to every opener) and shows or hides the blank board.
 *
 * Checking updates: before the document takes an update, the module applies it to its proof copy
 * (a second document kept equal to the first) and reads what that transaction changed
 * (`checkWhiteboardTransaction`): only boards, only well-formed shapes, within the limits. A good
 * update then goes to the document; a bad one is refused (`whiteboard_shape_invalid`,
 * `whiteboard_too_large`) and the proof copy is rebuilt from the untouched document. Yjs cannot
 * undo an applied update, and reading the decoded update alone cannot tell where an item lands
 * (an item next to another names no parent), so the copy is what makes "refused and unchanged"
 * true; a good update costs its own size twice, a refused one a rebuild of the copy — which is
 * why refusals have an allowance of their own, past which the participant's drawing pauses.
 * Refused too: bytes that are not a y-protocols message (`whiteboard_update_invalid`), drawing by
 * someone not allowed to (`not_allowed`), and everything in an end-to-end encrypted meeting.
 */
import * as Y from 'yjs';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { type BoardId, boardOf } from '../../../shared/whiteboard-model.js';
import type { WhiteboardState } from '../../../shared/whiteboard-protocol.js';
import { checkWhiteboardTransaction } from '../../../shared/whiteboard-shapes.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { type Failure, failure } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';
import { YjsPeer } from './yjs-peer.js';

/** What the whiteboard needs to know of the presentation shown, if any (the presentation module's `showing`). */
export type ShownPresentation = () => { id: string; page: number; presenterId: ParticipantId } | undefined;

const ok: ModuleOutcome = { ok: true, value: undefined };
const refusal = (code: 'not_allowed', phrase: Parameters<typeof meetingsWords.phrase>[0]) => failure(code, meetingsWords.phrase(phrase));

export class WhiteboardModule implements RoomModule {
  readonly name = 'whiteboard';
  readonly messageTypes = ['whiteboard-sync', 'whiteboard-leave', 'whiteboard-settings', 'whiteboard-clear', 'whiteboard-blank'] as const;
  readonly #peer: YjsPeer;
  /** The proof copy every update goes to first; equal to the document between messages. */
  #proof = new Y.Doc({ gc: true });
  #state: WhiteboardState = { everyoneMayDraw: false, blankShown: false };
  /** Each participant's allowance of refused updates, and until when (room clock) those past it are refused everything. */
  readonly #refusals = new Map<ParticipantId, TokenBucket>();
  readonly #pausedUntilMs = new Map<ParticipantId, number>();

  constructor(
    private readonly context: RoomModuleContext,
    /** The presentation shown now: its presenter draws, and its pages are boards. */
    private readonly shown: ShownPresentation,
    /** The meeting is end-to-end encrypted: the server would see the drawings, so there is no whiteboard. */
    private readonly encrypted = false,
  ) {
    this.#peer = new YjsPeer(context, {
      wrap: (message) => ({ type: 'whiteboard-sync', message }),
      documentBytesMax: limits.whiteboardDocumentBytesMax,
      rate: { perSecondMax: limits.whiteboardMessagesPerSecondMax, burst: limits.whiteboardBurst },
      openings: { perSecondMax: limits.whiteboardOpeningsPerSecondMax, burst: limits.whiteboardOpeningsBurst },
      invalid: () => failure('whiteboard_update_invalid', meetingsWords.phrase('whiteboard_update_invalid')),
      tooLarge: () => this.#tooLarge(),
      notOpen: () => refusal('not_allowed', 'whiteboard_not_open'),
      unavailable: () => (this.encrypted ? refusal('not_allowed', 'whiteboard_not_encrypted') : undefined),
      editRefusal: (actor) => (this.#mayDraw(actor) ? undefined : refusal('not_allowed', 'whiteboard_draw_not_allowed')),
      check: (update, actor) => this.#check(update, actor),
    });
  }

  /** The whiteboard's document (tests read it). */
  get doc(): Y.Doc {
    return this.#peer.doc;
  }

  onJoin(participant: ParticipantView): void {
    this.#peer.join(participant.id);
    const nowMs = () => this.context.clock.nowMs();
    this.#refusals.set(participant.id, new TokenBucket(limits.whiteboardRefusalsPerSecondMax, limits.whiteboardRefusalsBurst, nowMs));
    // Only the presenter drawing and no blank board is what a page assumes: only anything else is told.
    if (this.#state.everyoneMayDraw || this.#state.blankShown) this.context.send(participant.id, this.#stateMessage());
  }

  /** Back after a dropped connection: updates sent meanwhile were lost both ways, so their page opens the whiteboard again. */
  onResume(participant: ParticipantView): void {
    this.#peer.closeFor(participant.id);
    this.context.send(participant.id, this.#stateMessage());
  }

  onLeave(participant: ParticipantView): void {
    this.#peer.leave(participant.id);
    this.#refusals.delete(participant.id);
    this.#pausedUntilMs.delete(participant.id);
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    if (!this.#peer.takeMessage(actor.id)) return failure('rate_limited', meetingsWords.phrase('too_often'));
    if (this.encrypted) return refusal('not_allowed', 'whiteboard_not_encrypted');
    switch (message.type) {
      case 'whiteboard-sync':
        return this.#peer.sync(actor, message.message);
      case 'whiteboard-leave':
        this.#peer.closeFor(actor.id);
        return ok;
      case 'whiteboard-settings':
        return this.#lead(actor, () => this.#change({ everyoneMayDraw: message.everyoneMayDraw }));
      case 'whiteboard-blank':
        return this.#lead(actor, () => this.#change({ blankShown: message.shown }));
      case 'whiteboard-clear':
        return this.#lead(actor, () => this.#clear(message.board));
      default:
        return failure('malformed_message', meetingsWords.phrase('nothing_handles', { type: message.type }));
    }
  }

  /** Whether `actor` leads the whiteboard: the presenter, or a moderator. */
  #leads(actor: ParticipantView): boolean {
    return actor.isModerator || this.shown()?.presenterId === actor.id;
  }

  /** Whether `actor` may draw now: everyone when allowed; else the presenter, or with no presentation the moderators. */
  #mayDraw(actor: ParticipantView): boolean {
    if (this.#state.everyoneMayDraw) return true;
    const presentation = this.shown();
    return presentation ? presentation.presenterId === actor.id : actor.isModerator;
  }

  /** Something only the presenter or a moderator may do. */
  #lead(actor: ParticipantView, change: () => void): ModuleOutcome {
    if (!this.#leads(actor)) return refusal('not_allowed', 'whiteboard_presenter_only');
    change();
    return ok;
  }

  #change(changes: Partial<WhiteboardState>): void {
    const next = { ...this.#state, ...changes };
    if (next.everyoneMayDraw === this.#state.everyoneMayDraw && next.blankShown === this.#state.blankShown) return;
    this.#state = next;
    this.context.broadcast(this.#stateMessage());
  }

  /** Empties a board: one update made here, applied to the proof copy too, and sent to every opener. */
  #clear(boardId: BoardId): void {
    const board = boardOf(this.doc, boardId);
    if (board.length === 0) return;
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => board.delete(0, board.length), this);
    Y.applyUpdate(this.#proof, Y.encodeStateAsUpdate(this.doc, before));
  }

  /** Applies `update` to the proof copy first: see the file's comment. */
  #check(update: Uint8Array, actor: ParticipantView): Failure | 'incomplete' | undefined {
    const nowMs = this.context.clock.nowMs();
    if ((this.#pausedUntilMs.get(actor.id) ?? Number.NEGATIVE_INFINITY) > nowMs)
      return failure('rate_limited', meetingsWords.phrase('too_often'));
    let fault: ReturnType<typeof checkWhiteboardTransaction>;
    const listener = (transaction: Y.Transaction) => {
      fault ??= checkWhiteboardTransaction(transaction);
    };
    this.#proof.on('afterTransaction', listener);
    let readable = true;
    try {
      Y.applyUpdate(this.#proof, update);
    } catch {
      readable = false;
    } finally {
      this.#proof.off('afterTransaction', listener);
    }
    const incomplete = readable && !fault && Boolean(this.#proof.store.pendingStructs || this.#proof.store.pendingDs);
    if (readable && !fault && !incomplete) return undefined;
    this.#rebuildProof(actor.id, nowMs);
    if (incomplete) return 'incomplete';
    if (!readable) return failure('whiteboard_update_invalid', meetingsWords.phrase('whiteboard_update_invalid'));
    if (fault === 'whiteboard_too_large') return this.#tooLarge();
    return failure('whiteboard_shape_invalid', meetingsWords.phrase('whiteboard_shape_invalid'));
  }

  /** Makes the proof copy equal to the document again, on `participantId`'s allowance (past it, their drawing pauses). */
  #rebuildProof(participantId: ParticipantId, nowMs: number): void {
    if (!this.#refusals.get(participantId)?.take()) this.#pausedUntilMs.set(participantId, nowMs + limits.whiteboardPauseMs);
    this.#proof.destroy();
    this.#proof = new Y.Doc({ gc: true });
    Y.applyUpdate(this.#proof, Y.encodeStateAsUpdate(this.doc));
  }

  #tooLarge(): Failure {
    return failure(
      'whiteboard_too_large',
      meetingsWords.phrase('whiteboard_too_large', {
        shapes: limits.whiteboardShapesPerBoardMax,
        bytes: limits.whiteboardDocumentBytesMax,
      }),
    );
  }

  #stateMessage() {
    return { type: 'whiteboard-state', state: this.#state } as const;
  }

  close(): void {
    this.#peer.close();
    this.#proof.destroy();
    this.#refusals.clear();
    this.#pausedUntilMs.clear();
  }
}
