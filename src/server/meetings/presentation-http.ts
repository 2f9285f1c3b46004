/**
 * A meeting's presentation over HTTP (the signalling socket takes messages of 64 KB at most):
 * a moderator uploads a PDF with the upload ticket the meeting gave them, and participants fetch
 * it with their own download ticket. Tickets travel in the `x-presentation-ticket` header, never
 * in the address. The PDF is kept in the meeting's memory only, never on disk.
 *
 * - `POST /api/rooms/:roomId/presentations?name=<file name>`, body `application/pdf` (at most
 *   `limits.presentationBytesMax`, else 413): 201 `{ presentationId, pages }` once the server has
 *   read it (`presentation-inspector.ts`), or a refusal that leaves the meeting as it was.
 * - `GET /api/rooms/:roomId/presentations/:presentationId`: the PDF, inline, not cached.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RoomIdSchema } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import { PresentationNameSchema, PresentationTicketSchema, presentationTicketHeader } from '../../shared/presentation-protocol.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import { meetingsFailureStatus } from './failure-status.js';
import type { LiveRoom, ParticipantView, RoomRegistry } from './live/index.js';
import { inspectPresentation } from './presentation-inspector.js';
import { meetingsWords } from './words.js';

export interface PresentationHttpOptions {
  registry: RoomRegistry;
}

const ParamsSchema = z.object({ roomId: z.string() });
const DocumentParamsSchema = z.object({ roomId: z.string(), presentationId: z.string() });
const UploadQuerySchema = z.object({ name: PresentationNameSchema.optional() });
const UploadedSchema = z.object({ presentationId: z.string(), pages: z.number().int() });

const ticketRefused = () => failure('presentation_ticket_invalid', meetingsWords.phrase('presentation_ticket_invalid'));

/** The live meeting of `roomIdParam` and the ticket the request carries, if both are there. */
function meetingAndTicket(
  registry: RoomRegistry,
  request: FastifyRequest,
  roomIdParam: string,
): { live: LiveRoom; ticket: string } | undefined {
  const roomId = RoomIdSchema.safeParse(roomIdParam);
  const ticket = PresentationTicketSchema.safeParse(request.headers[presentationTicketHeader]);
  const live = roomId.success ? registry.find(roomId.data) : undefined;
  return live && ticket.success ? { live, ticket: ticket.data } : undefined;
}

/** `Content-Disposition` with the file name, ASCII fallback and UTF-8 (RFC 6266). */
function inlineDisposition(name: string): string {
  const fileName = name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const presentationHttp: FastifyPluginAsyncZod<PresentationHttpOptions> = async (app, options) => {
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: limits.presentationBytesMax }, (_request, body, done) =>
    done(null, body),
  );
  /** Who uploads, once their ticket is spent (before the body is read: no ticket, no 20 MB read). */
  const uploaders = new WeakMap<FastifyRequest, { live: LiveRoom; uploader: ParticipantView }>();

  app.post(
    '/api/rooms/:roomId/presentations',
    {
      schema: { params: ParamsSchema, querystring: UploadQuerySchema, response: { 201: UploadedSchema } },
      bodyLimit: limits.presentationBytesMax,
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
      onRequest: async (request, reply) => {
        const found = meetingAndTicket(options.registry, request, (request.params as { roomId: string }).roomId);
        const claimed = found?.live.presentation.claimUpload(found.ticket);
        if (!found || !claimed?.ok) return sendFailure(reply, meetingsFailureStatus, ticketRefused());
        uploaders.set(request, { live: found.live, uploader: claimed.value });
      },
    },
    async (request, reply) => {
      const upload = uploaders.get(request);
      if (!upload) return sendFailure(reply, meetingsFailureStatus, ticketRefused());
      if (!Buffer.isBuffer(request.body))
        return sendFailure(reply, meetingsFailureStatus, failure('presentation_invalid', meetingsWords.phrase('presentation_invalid')));
      const bytes = new Uint8Array(request.body);
      const inspected = await inspectPresentation(bytes);
      if (!inspected.ok) return sendFailure(reply, meetingsFailureStatus, inspected);
      const presented = upload.live.presentation.present(
        upload.uploader.id,
        request.query.name ?? 'presentation.pdf',
        bytes,
        inspected.value.pages,
      );
      if (!presented.ok) {
        const code = presented.code === 'not_allowed' ? 'not_allowed' : 'presentation_ticket_invalid';
        return sendFailure(reply, meetingsFailureStatus, failure(code, presented.phrase ?? presented.message));
      }
      request.log.info({ roomId: upload.live.room.id, pages: inspected.value.pages, bytes: bytes.length }, 'presentation uploaded');
      return reply.code(201).send({ presentationId: presented.value, pages: inspected.value.pages });
    },
  );

  app.get(
    '/api/rooms/:roomId/presentations/:presentationId',
    { schema: { params: DocumentParamsSchema }, config: { rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (request, reply) => {
      const found = meetingAndTicket(options.registry, request, request.params.roomId);
      if (!found) return sendFailure(reply, meetingsFailureStatus, ticketRefused());
      const document = found.live.presentation.document(request.params.presentationId, found.ticket);
      if (!document.ok) {
        const code = document.code === 'presentation_not_found' ? 'presentation_not_found' : 'presentation_ticket_invalid';
        return sendFailure(reply, meetingsFailureStatus, failure(code, document.phrase ?? document.message));
      }
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', inlineDisposition(document.value.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Buffer.from(document.value.bytes.buffer, document.value.bytes.byteOffset, document.value.bytes.byteLength));
    },
  );
};
