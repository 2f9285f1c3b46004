/**
 * The presentation as a room module: a moderator uploads a PDF (over HTTP, with a ticket from
 * here), everyone sees the page the presenter turns to, at the presenter's zoom; a moderator or
 * the presenter hands the role to another participant, lets participants save the PDF, or closes
 * it. One presentation at a time, in memory for the life of the meeting (never on disk); a new
 * upload replaces it. Refused in end-to-end encrypted meetings: the server would see the document.
 *
 * Tickets: an upload ticket is random, bound to the moderator who asked, valid
 * `limits.presentationUploadTicketMs` and used once; a download ticket is random, one per
 * participant, valid while they are in the meeting, and told to them with the presentation.
 */
import { randomBytes } from 'node:crypto';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { PresentationId, PresentationView } from '../../../shared/presentation-protocol.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { type Failure, failure, type Outcome } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';

interface Presentation {
  readonly id: PresentationId;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly pages: number;
  page: number;
  zoom: number;
  presenterId: ParticipantId;
  downloadable: boolean;
}

/** A presentation's PDF as the HTTP edge serves it. */
export interface PresentationDocument {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const newTicket = () => randomBytes(24).toString('base64url');
const done: ModuleOutcome = { ok: true, value: undefined };

export class PresentationModule implements RoomModule {
  readonly name = 'presentation';
  readonly messageTypes = [
    'presentation-ticket',
    'presentation-page',
    'presentation-zoom',
    'presentation-presenter',
    'presentation-downloadable',
    'presentation-close',
  ] as const;
  #current: Presentation | undefined;
  /** Upload tickets not used yet: whose, and until when (room clock). */
  readonly #uploadTickets = new Map<string, { participantId: ParticipantId; expiresAtMs: number }>();
  /** Each participant's download ticket, and who holds each. */
  readonly #downloadTickets = new Map<ParticipantId, string>();
  readonly #ticketHolders = new Map<string, ParticipantId>();
  /** Each participant's allowance of page turns and zooms. */
  readonly #moves = new Map<ParticipantId, TokenBucket>();

  constructor(
    private readonly context: RoomModuleContext,
    /** The meeting is end-to-end encrypted: the server would see the document, so there is no presentation. */
    private readonly encrypted = false,
  ) {}

  onJoin(participant: ParticipantView): void {
    if (this.#current) this.#tell(participant);
  }

  /** Back after a dropped connection: the presentation as it is now (it may have been closed meanwhile). */
  onResume(participant: ParticipantView): void {
    this.#tell(participant);
  }

  onLeave(participant: ParticipantView): void {
    const ticket = this.#downloadTickets.get(participant.id);
    if (ticket) this.#ticketHolders.delete(ticket);
    this.#downloadTickets.delete(participant.id);
    this.#moves.delete(participant.id);
    for (const [uploadTicket, holder] of this.#uploadTickets)
      if (holder.participantId === participant.id) this.#uploadTickets.delete(uploadTicket);
    const current = this.#current;
    if (current?.presenterId !== participant.id) return;
    // The presenter left: a moderator takes over (else whoever is there), so the pages keep turning.
    const others = this.context.participants().filter((other) => other.id !== participant.id);
    const next = others.find((other) => other.isModerator) ?? others[0];
    if (!next) return;
    current.presenterId = next.id;
    this.#tellEveryone();
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    switch (message.type) {
      case 'presentation-ticket':
        return this.#ticket(actor);
      case 'presentation-page':
        return this.#move(actor, (presentation) => {
          if (message.page > presentation.pages)
            return failure('malformed_message', meetingsWords.phrase('presentation_page_beyond', { pages: presentation.pages }));
          presentation.page = message.page;
          return undefined;
        });
      case 'presentation-zoom':
        return this.#move(actor, (presentation) => {
          presentation.zoom = message.zoom;
          return undefined;
        });
      case 'presentation-presenter':
        return this.#handOver(actor, message.participantId);
      case 'presentation-downloadable':
        return this.#manage(actor, (presentation) => {
          presentation.downloadable = message.allowed;
          this.#tellEveryone();
        });
      case 'presentation-close':
        return this.#manage(actor, () => {
          this.#current = undefined;
          this.#tellEveryone();
        });
      default:
        return failure('malformed_message', meetingsWords.phrase('nothing_handles', { type: message.type }));
    }
  }

  #ticket(actor: ParticipantView): ModuleOutcome {
    if (this.encrypted) return failure('not_allowed', meetingsWords.phrase('presentation_not_encrypted'));
    if (!actor.isModerator) return failure('not_allowed', meetingsWords.phrase('presentation_moderators_only'));
    const nowMs = this.context.clock.nowMs();
    for (const [ticket, holder] of this.#uploadTickets) if (holder.expiresAtMs <= nowMs) this.#uploadTickets.delete(ticket);
    // A few tickets per moderator at most: asking again drops the older ones.
    for (const [ticket, holder] of this.#uploadTickets) if (holder.participantId === actor.id) this.#uploadTickets.delete(ticket);
    const ticket = newTicket();
    this.#uploadTickets.set(ticket, { participantId: actor.id, expiresAtMs: nowMs + limits.presentationUploadTicketMs });
    return { ok: true, value: { type: 'presentation-ticket', ticket } };
  }

  /** A page turn or zoom by the presenter, within their rate; everyone is told. */
  #move(actor: ParticipantView, change: (presentation: Presentation) => Failure | undefined): ModuleOutcome {
    const presentation = this.#current;
    if (!presentation) return failure('presentation_not_found', meetingsWords.phrase('presentation_not_found'));
    if (presentation.presenterId !== actor.id) return failure('not_allowed', meetingsWords.phrase('presentation_presenter_only'));
    let moves = this.#moves.get(actor.id);
    if (!moves) {
      moves = new TokenBucket(limits.presentationMovesPerSecondMax, limits.presentationMovesBurst, () => this.context.clock.nowMs());
      this.#moves.set(actor.id, moves);
    }
    if (!moves.take()) return failure('rate_limited', meetingsWords.phrase('too_often'));
    const refused = change(presentation);
    if (refused) return refused;
    this.#tellEveryone();
    return done;
  }

  /** Something only the presenter or a moderator may do to the current presentation. */
  #manage(actor: ParticipantView, change: (presentation: Presentation) => void): ModuleOutcome {
    const presentation = this.#current;
    if (!presentation) return failure('presentation_not_found', meetingsWords.phrase('presentation_not_found'));
    if (presentation.presenterId !== actor.id && !actor.isModerator)
      return failure('not_allowed', meetingsWords.phrase('presentation_presenter_only'));
    change(presentation);
    return done;
  }

  #handOver(actor: ParticipantView, participantId: ParticipantId): ModuleOutcome {
    if (!this.context.participant(participantId))
      return failure('participant_not_found', meetingsWords.phrase('presentation_presenter_not_here'));
    return this.#manage(actor, (presentation) => {
      presentation.presenterId = participantId;
      this.#tellEveryone();
    });
  }

  /** The presentation shown now, if any: which, at which page, and who presents (the whiteboard asks who may draw). */
  get showing(): { id: PresentationId; page: number; presenterId: ParticipantId } | undefined {
    const current = this.#current;
    return current && { id: current.id, page: current.page, presenterId: current.presenterId };
  }

  /**
   * Uses an upload ticket: the moderator it was given to, if it is known, unexpired, and they are
   * still a moderator in the meeting; the ticket is spent either way.
   */
  claimUpload(ticket: string): Outcome<ParticipantView> {
    const holder = this.#uploadTickets.get(ticket);
    this.#uploadTickets.delete(ticket);
    const participant =
      holder && holder.expiresAtMs > this.context.clock.nowMs() ? this.context.participant(holder.participantId) : undefined;
    if (!participant?.isModerator) return failure('presentation_ticket_invalid', meetingsWords.phrase('presentation_ticket_invalid'));
    return { ok: true, value: participant };
  }

  /**
   * Shows a PDF the server has read (`pages` pages) to everyone, at page 1, with its uploader as
   * presenter; replaces the current presentation. Refused if the uploader is no longer a moderator here.
   */
  present(uploaderId: ParticipantId, name: string, bytes: Uint8Array, pages: number): Outcome<PresentationId> {
    if (this.encrypted) return failure('not_allowed', meetingsWords.phrase('presentation_not_encrypted'));
    if (!this.context.participant(uploaderId)?.isModerator)
      return failure('presentation_ticket_invalid', meetingsWords.phrase('presentation_ticket_invalid'));
    const id: PresentationId = `pres_${randomBytes(12).toString('base64url')}`;
    this.#current = { id, name, bytes, pages, page: 1, zoom: 1, presenterId: uploaderId, downloadable: false };
    this.#tellEveryone();
    return { ok: true, value: id };
  }

  /** The PDF of the current presentation `presentationId` for the holder of a download ticket in this meeting. */
  document(presentationId: string, ticket: string): Outcome<PresentationDocument> {
    const holderId = this.#ticketHolders.get(ticket);
    if (!holderId || !this.context.participant(holderId))
      return failure('presentation_ticket_invalid', meetingsWords.phrase('presentation_ticket_invalid'));
    const presentation = this.#current;
    if (presentation?.id !== presentationId) return failure('presentation_not_found', meetingsWords.phrase('presentation_not_found'));
    return { ok: true, value: { name: presentation.name, bytes: presentation.bytes } };
  }

  #tellEveryone(): void {
    for (const participant of this.context.participants()) this.#tell(participant);
  }

  #tell(participant: ParticipantView): void {
    this.context.send(participant.id, { type: 'presentation', presentation: this.#viewFor(participant.id) });
  }

  #viewFor(participantId: ParticipantId): PresentationView | null {
    const presentation = this.#current;
    if (!presentation) return null;
    let ticket = this.#downloadTickets.get(participantId);
    if (!ticket) {
      ticket = newTicket();
      this.#downloadTickets.set(participantId, ticket);
      this.#ticketHolders.set(ticket, participantId);
    }
    const { id, name, pages, page, zoom, presenterId, downloadable } = presentation;
    return { id, name, pages, page, zoom, presenterId, downloadable, ticket };
  }

  close(): void {
    this.#current = undefined;
    this.#uploadTickets.clear();
    this.#downloadTickets.clear();
    this.#ticketHolders.clear();
    this.#moves.clear();
  }
}
