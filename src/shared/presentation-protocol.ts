/**
 * A meeting's presentation (a PDF everyone sees at the same page), on the signalling socket and
 * over HTTP. A moderator asks for an upload ticket here, sends the PDF over HTTP with it
 * (`POST /api/meetings/<roomId>/presentations`), and the server, once it has read the PDF, tells
 * everyone the presentation with a download ticket of their own to fetch it
 * (`GET /api/meetings/<roomId>/presentations/<id>`); the presenter pages and zooms for everyone.
 * Handled by the meetings' `PresentationModule`.
 */
import { z } from 'zod';
import { ParticipantIdSchema } from './ids.js';
import { limits } from './limits.js';
import { labelSchema } from './text.js';

export const PresentationIdSchema = z.string().regex(/^pres_[A-Za-z0-9_-]{8,32}$/, 'must be a presentation id');
export type PresentationId = z.infer<typeof PresentationIdSchema>;

/** An upload or download ticket: opaque, random, given over the socket to one participant. */
export const PresentationTicketSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'must be a ticket');
export type PresentationTicket = z.infer<typeof PresentationTicketSchema>;

/** The HTTP header that carries a ticket (never the address: addresses end up in logs and histories). */
export const presentationTicketHeader = 'x-presentation-ticket';

/** The file name a moderator gives with the upload (the `name` query parameter). */
export const PresentationNameSchema = labelSchema(limits.presentationNameCharactersMax);

export const PresentationZoomSchema = z.number().min(limits.presentationZoomMin).max(limits.presentationZoomMax);

/** The presentation everyone sees; `page` counts from 1. */
export const PresentationViewSchema = z.object({
  id: PresentationIdSchema,
  name: z.string(),
  pages: z.number().int().min(1).max(limits.presentationPagesMax),
  page: z.number().int().min(1).max(limits.presentationPagesMax),
  zoom: PresentationZoomSchema,
  presenterId: ParticipantIdSchema,
  /** Whether the presenter lets participants save the PDF. */
  downloadable: z.boolean(),
  /** The receiver's own ticket to fetch the PDF. */
  ticket: PresentationTicketSchema,
});
export type PresentationView = z.infer<typeof PresentationViewSchema>;

/** The refusals of presentation messages and uploads (besides `not_allowed`, `rate_limited` and `malformed_message`). */
export const presentationErrorCodes = [
  'presentation_not_found',
  'presentation_ticket_invalid',
  'presentation_invalid',
  'presentation_too_many_pages',
  'presentation_page_too_large',
  'presentation_has_script',
  'presentation_busy',
] as const;
export type PresentationErrorCode = (typeof presentationErrorCodes)[number];

/** The client messages of the presentation. */
export const presentationClientMessages = [
  /** A moderator asks for a ticket to upload a PDF (valid a few minutes, once). */
  z.object({ type: z.literal('presentation-ticket') }).strict(),
  /** The presenter turns to a page (from 1). */
  z.object({ type: z.literal('presentation-page'), page: z.number().int().min(1).max(limits.presentationPagesMax) }).strict(),
  /** The presenter zooms. */
  z.object({ type: z.literal('presentation-zoom'), zoom: PresentationZoomSchema }).strict(),
  /** A moderator or the presenter hands the presenter's role to another participant. */
  z.object({ type: z.literal('presentation-presenter'), participantId: ParticipantIdSchema }).strict(),
  /** The presenter or a moderator lets participants save the PDF, or stops letting them. */
  z.object({ type: z.literal('presentation-downloadable'), allowed: z.boolean() }).strict(),
  /** The presenter or a moderator stops the presentation (the PDF is forgotten). */
  z.object({ type: z.literal('presentation-close') }).strict(),
] as const;

/** The server messages of the presentation. */
export const presentationServerMessages = [
  /** A moderator's upload ticket, for `POST /api/meetings/<roomId>/presentations`. */
  z.object({ type: z.literal('presentation-ticket'), ticket: PresentationTicketSchema }),
  /** The presentation as it is now (on upload, each page turn, zoom or hand-over, on joining and coming back), or none. */
  z.object({ type: z.literal('presentation'), presentation: PresentationViewSchema.nullable() }),
] as const;
