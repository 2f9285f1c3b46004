/**
 * The signalling protocol between the browser and Plenary, one zod schema per message in
 * each direction. Both sides parse what they receive with these schemas; the browser never
 * sees Janus ids, only Plenary's participant ids.
 */
import { z } from 'zod';
import { ParticipantIdSchema, RoomIdSchema } from './ids.js';
import { limits } from './limits.js';
import { labelSchema } from './text.js';

export const DisplayNameSchema = labelSchema(limits.displayNameCharactersMax);

const SessionDescriptionSchema = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1).max(limits.sdpCharactersMax),
});
export type SessionDescription = z.infer<typeof SessionDescriptionSchema>;

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it; `null` means gathering completed. */
const IceCandidateSchema = z
  .object({
    candidate: z.string().max(limits.iceCandidateCharactersMax),
    sdpMid: z.string().max(32).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  })
  .nullable();
export type IceCandidate = z.infer<typeof IceCandidateSchema>;

/** Which peer connection a trickled candidate belongs to: our own publisher, or a subscription to someone. */
export const TrickleTargetSchema = z.union([
  z.object({ kind: z.literal('publisher') }),
  z.object({ kind: z.literal('subscriber'), participantId: ParticipantIdSchema }),
]);

const MediaStateSchema = z.object({
  audioMuted: z.boolean(),
  videoMuted: z.boolean(),
});
export type MediaState = z.infer<typeof MediaStateSchema>;
export type TrickleTarget = z.infer<typeof TrickleTargetSchema>;

// ---- browser → server ---------------------------------------------------------------

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    roomId: RoomIdSchema,
    displayName: DisplayNameSchema,
    media: MediaStateSchema,
  }),
  z.object({ type: z.literal('publish'), offer: SessionDescriptionSchema }),
  z.object({ type: z.literal('subscribe'), participantId: ParticipantIdSchema }),
  z.object({
    type: z.literal('subscription-answer'),
    participantId: ParticipantIdSchema,
    answer: SessionDescriptionSchema,
  }),
  z.object({ type: z.literal('unsubscribe'), participantId: ParticipantIdSchema }),
  z.object({ type: z.literal('trickle'), target: TrickleTargetSchema, candidate: IceCandidateSchema }),
  z.object({ type: z.literal('media-state'), media: MediaStateSchema }),
  z.object({ type: z.literal('leave') }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

// ---- server → browser ---------------------------------------------------------------

export const ParticipantSummarySchema = z.object({
  participantId: ParticipantIdSchema,
  displayName: z.string(),
  media: MediaStateSchema,
  /** True once the participant's streams are published and can be subscribed to. */
  publishing: z.boolean(),
});
export type ParticipantSummary = z.infer<typeof ParticipantSummarySchema>;

/** Stable error codes the server sends; the browser translates them into words. */
export const ErrorCodeSchema = z.enum([
  'malformed_message',
  'message_too_large',
  'rate_limited',
  'not_joined',
  'already_joined',
  'room_not_found',
  'room_is_full',
  'participant_not_found',
  'not_publishing',
  'media_server_unavailable',
  'media_negotiation_failed',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('joined'),
    self: ParticipantSummarySchema,
    participants: z.array(ParticipantSummarySchema),
    iceServers: z.array(
      z.object({
        urls: z.array(z.string()),
        username: z.string().optional(),
        credential: z.string().optional(),
      }),
    ),
  }),
  z.object({ type: z.literal('participant-joined'), participant: ParticipantSummarySchema }),
  z.object({ type: z.literal('participant-updated'), participant: ParticipantSummarySchema }),
  z.object({ type: z.literal('participant-left'), participantId: ParticipantIdSchema }),
  z.object({ type: z.literal('publish-answer'), answer: SessionDescriptionSchema }),
  z.object({
    type: z.literal('subscription-offer'),
    participantId: ParticipantIdSchema,
    offer: SessionDescriptionSchema,
  }),
  /** An ICE candidate of Janus's side of one of the browser's connections. */
  z.object({ type: z.literal('trickle'), target: TrickleTargetSchema, candidate: IceCandidateSchema }),
  /** The media server went away; the browser shows "reconnecting" and waits for `media-restored`. */
  z.object({ type: z.literal('media-interrupted') }),
  /** The media server is back; the browser joins again with the same name and media state. */
  z.object({ type: z.literal('media-restored') }),
  /** The server is going away (shutdown or the meeting ended); the socket closes next. */
  z.object({ type: z.literal('closing'), reason: z.enum(['server_shutdown']) }),
  z.object({
    type: z.literal('error'),
    code: ErrorCodeSchema,
    message: z.string(),
    /** The type of the client message that caused the error, when known. */
    inReplyTo: z.string().optional(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Parses one raw WebSocket frame into a client message, or says why it cannot. */
export function parseClientMessage(
  raw: string,
): { ok: true; message: ClientMessage } | { ok: false; code: ErrorCode; message: string; inReplyTo?: string } {
  if (raw.length > limits.signalingMessageBytesMax) {
    return { ok: false, code: 'message_too_large', message: `Messages are limited to ${limits.signalingMessageBytesMax} bytes.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'malformed_message', message: 'The message is not valid JSON.' };
  }
  const parsed = ClientMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type = typeof json === 'object' && json !== null && 'type' in json ? String(json.type).slice(0, 40) : undefined;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return {
    ok: false,
    code: 'malformed_message',
    message: `The message is not valid: ${where}${issue?.message ?? 'unknown problem'}.`,
    ...(type ? { inReplyTo: type } : {}),
  };
}
