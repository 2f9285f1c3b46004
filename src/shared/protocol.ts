/**
 * The signalling protocol between the browser and Plenary, one zod schema per message in
 * each direction. Both sides parse what they receive with these schemas; the browser never
 * sees Janus ids, only Plenary's participant ids.
 */

import { z } from 'zod';
import { assemblyClientMessages, assemblyErrorCodes, assemblyServerMessages } from './assembly-protocol.js';
import { JoinSecretSchema } from './bbb-landing-api.js';
import { BreakoutTicketSchema, breakoutClientMessages, breakoutErrorCodes, breakoutServerMessages } from './breakout-protocol.js';
import { e2eeClientMessages, e2eeServerMessages } from './e2ee-protocol.js';
import { ParticipantIdSchema, RoomIdSchema } from './ids.js';
import { languages } from './languages.js';
import { limits } from './limits.js';
import { notesClientMessages, notesErrorCodes, notesServerMessages } from './notes-protocol.js';
import { pollClientMessages, pollErrorCodes, pollServerMessages } from './poll-protocol.js';
import { presentationClientMessages, presentationErrorCodes, presentationServerMessages } from './presentation-protocol.js';
import { illFormedTextMessage, isWellFormedText, labelSchema } from './text.js';
import { whiteboardClientMessages, whiteboardErrorCodes, whiteboardServerMessages } from './whiteboard-protocol.js';

export const DisplayNameSchema = labelSchema(limits.displayNameCharactersMax);

const SessionDescriptionSchema = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1).max(limits.sdpCharactersMax),
});
export type SessionDescription = z.infer<typeof SessionDescriptionSchema>;

/** A subscription's offer or answer: one m-line per stream it carries, so larger than a publisher's. */
const SubscriptionDescriptionSchema = SessionDescriptionSchema.extend({
  sdp: z.string().min(1).max(limits.subscriptionSdpCharactersMax),
});

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it; `null` means gathering completed. */
const IceCandidateSchema = z
  .object({
    candidate: z.string().max(limits.iceCandidateCharactersMax),
    sdpMid: z.string().max(32).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  })
  .nullable();
export type IceCandidate = z.infer<typeof IceCandidateSchema>;

/** A participant's two possible streams: their camera and microphone, and their screen. */
export const MediaSourceSchema = z.enum(['camera', 'screen']);
export type MediaSource = z.infer<typeof MediaSourceSchema>;

/** Which peer connection a trickled candidate belongs to: one of our own publishers, or our one subscription to the others. */
export const TrickleTargetSchema = z.union([
  z.object({ kind: z.literal('publisher'), source: MediaSourceSchema.default('camera') }),
  z.object({ kind: z.literal('subscription') }),
]);
export type TrickleTarget = z.infer<typeof TrickleTargetSchema>;

const MediaStateSchema = z.object({
  audioMuted: z.boolean(),
  videoMuted: z.boolean(),
});
export type MediaState = z.infer<typeof MediaStateSchema>;

/** Roles in a meeting. Moderators run it; viewers joined with the room's code; guests came by link. */
export const RoleSchema = z.enum(['moderator', 'viewer', 'guest']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * What a moderator can lock for viewers and guests. `chat` is the public chat; `privateChat` is
 * private messages between viewers (a viewer may always write privately to a moderator).
 */
export const LockedSettingsSchema = z.object({
  microphone: z.boolean(),
  camera: z.boolean(),
  chat: z.boolean(),
  privateChat: z.boolean(),
  screenShare: z.boolean(),
});
export type LockedSettings = z.infer<typeof LockedSettingsSchema>;

/** Nothing locked. */
export const nothingLocked: LockedSettings = { microphone: false, camera: false, chat: false, privateChat: false, screenShare: false };

/** The features a room can switch off for everyone, moderators included (BigBlueButton's `disabledFeatures`). */
export const MeetingFeatureSchema = z.enum(['chat', 'privateChat', 'screenShare', 'raiseHand', 'reactions']);
export type MeetingFeature = z.infer<typeof MeetingFeatureSchema>;

/** A set of features switched off: each at most once. */
export const DisabledFeaturesSchema = z
  .array(MeetingFeatureSchema)
  .max(MeetingFeatureSchema.options.length)
  .refine((features) => new Set(features).size === features.length, 'each feature at most once');

/** The small fixed set of reactions. */
export const ReactionSchema = z.enum(['👍', '👏', '😂', '❤️', '🎉', '😮']);
export type Reaction = z.infer<typeof ReactionSchema>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const chatForbiddenCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A chat message sealed in the sender's browser (an encrypted meeting's): base64url the server cannot read. */
export const ChatSealedSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
  .min(limits.e2eeWrappedKeyCharactersMin)
  .max(limits.chatSealedCharactersMax);

export const ChatTextSchema = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(limits.chatMessageCharactersMax, `must be at most ${limits.chatMessageCharactersMax} characters`)
      .refine(isWellFormedText, illFormedTextMessage)
      // Line breaks and tabs are fine in chat; other control characters are not.
      .refine((value) => !chatForbiddenCharacters.test(value), 'must not contain control characters'),
  );

/**
 * How a browser's connection to the media server fares, from its own `getStats`: whether it goes
 * through a TURN relay, the share of packets lost (0–1) and the round trip (null while unknown).
 */
export const NetworkReportSchema = z.object({
  relayed: z.boolean(),
  lossRatio: z.number().min(0).max(1),
  roundTripMs: z.number().int().min(0).max(60_000).nullable(),
});
export type NetworkReport = z.infer<typeof NetworkReportSchema>;

/** A stream of our subscription: whose audio or video its mid carries. */
export const SubscribedStreamSchema = z.object({
  mid: z.string().min(1).max(16),
  participantId: ParticipantIdSchema,
  source: MediaSourceSchema,
  kind: z.enum(['audio', 'video']),
});
export type SubscribedStreamView = z.infer<typeof SubscribedStreamSchema>;

/** Simulcast layer a subscriber wants: 0 lowest … 2 highest; `null` = no video at all (audio only). */
export const VideoLayerSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.null()]);
export type VideoLayer = z.infer<typeof VideoLayerSchema>;

/** Moderator actions. Every one is checked on the server; others get `not_allowed`. */
export const ModerationSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set-role'), participantId: ParticipantIdSchema, role: z.enum(['moderator', 'viewer']) }),
  z.object({ action: z.literal('mute'), participantId: ParticipantIdSchema }),
  z.object({ action: z.literal('mute-all') }),
  z.object({ action: z.literal('ask-unmute'), participantId: ParticipantIdSchema }),
  z.object({ action: z.literal('camera-off'), participantId: ParticipantIdSchema }),
  z.object({ action: z.literal('remove'), participantId: ParticipantIdSchema, ban: z.boolean() }),
  z.object({ action: z.literal('lower-hand'), participantId: ParticipantIdSchema }),
  z.object({ action: z.literal('lower-all-hands') }),
  z.object({ action: z.literal('lock-settings'), locked: LockedSettingsSchema }),
  z.object({ action: z.literal('lock-room'), locked: z.boolean() }),
  z.object({ action: z.literal('allow-multiple-sharers'), allowed: z.boolean() }),
  z.object({ action: z.literal('admit'), participantId: ParticipantIdSchema.nullable() }),
  z.object({
    action: z.literal('deny'),
    participantId: ParticipantIdSchema,
    reason: labelSchema(limits.denyReasonCharactersMax).optional(),
  }),
  z.object({ action: z.literal('end-meeting') }),
  z.object({ action: z.literal('export-chat') }),
]);
export type Moderation = z.infer<typeof ModerationSchema>;
export type ModerationAction = Moderation['action'];

// ---- browser → server ---------------------------------------------------------------

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    roomId: RoomIdSchema,
    displayName: DisplayNameSchema,
    media: MediaStateSchema,
    /** The room's viewer or moderator code, if the person has one. */
    accessCode: z.string().max(limits.accessCodeCharactersMax).optional(),
    /** The language the page is in: the server's error sentences to this participant are written in it. */
    language: z.enum(languages).optional(),
    /** A stable random id of this browser, used to keep a meeting ban. */
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/)
      .optional(),
    /** A BigBlueButton join link's grant (`bbb-landing-api.ts`): the name and role the integration gave. */
    grant: JoinSecretSchema.optional(),
    /** This browser can encrypt media end to end (encoded transforms, WebCrypto); an encrypted meeting refuses a join without it. */
    canEncrypt: z.boolean().optional(),
    /** A breakout room's ticket (`breakout-ticket`, from the main meeting): joins that room's meeting as the main room's participant. */
    breakoutTicket: BreakoutTicketSchema.optional(),
    /** Given in `joined`; resumes the same participant after a dropped connection. */
    resumeToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{20,64}$/)
      .optional(),
    /**
     * Subscribe at once to every stream being published (cameras starting on `layer`), right after
     * `joined`, instead of waiting for a `subscribe` per stream: the server negotiates with the media
     * server while the page renders the meeting. Ignored in an end-to-end encrypted meeting. Keys
     * it does not know are dropped, as the join's own are (a newer page, an older instance).
     */
    subscribe: z.object({ layer: VideoLayerSchema }).optional(),
  }),
  z.object({ type: z.literal('publish'), source: MediaSourceSchema.default('camera'), offer: SessionDescriptionSchema }),
  z.object({ type: z.literal('unpublish'), source: MediaSourceSchema }),
  z.object({
    type: z.literal('subscribe'),
    participantId: ParticipantIdSchema,
    source: MediaSourceSchema.default('camera'),
    /** The simulcast layer to start with (so that the first keyframe is already the right one). */
    layer: VideoLayerSchema.optional(),
  }),
  // The answer to the latest `subscription-offer`.
  z.object({ type: z.literal('subscription-answer'), answer: SubscriptionDescriptionSchema }),
  z.object({ type: z.literal('unsubscribe'), participantId: ParticipantIdSchema, source: MediaSourceSchema.default('camera') }),
  z.object({ type: z.literal('video-layer'), participantId: ParticipantIdSchema, source: MediaSourceSchema, layer: VideoLayerSchema }),
  z.object({ type: z.literal('trickle'), target: TrickleTargetSchema, candidate: IceCandidateSchema }),
  z.object({ type: z.literal('media-state'), media: MediaStateSchema }),
  // How the browser's own connection fares (its publisher's stats), for the operators' figures: never shown to others.
  z.object({ type: z.literal('connection-quality'), quality: NetworkReportSchema }),
  // The browser heard its own microphone start or stop carrying speech (from the level it puts in
  // every audio packet): drives the speaking indicator, the speaker view and last-N for everyone.
  z.object({ type: z.literal('speaking'), speaking: z.boolean() }),
  // Text in a meeting that is not end-to-end encrypted; sealed text (`ChatSealedSchema`) in one that is.
  z
    .object({
      type: z.literal('chat-send'),
      to: ParticipantIdSchema.nullable(),
      text: ChatTextSchema.optional(),
      sealed: ChatSealedSchema.optional(),
    })
    .refine((message) => (message.text === undefined) !== (message.sealed === undefined), 'must have either text or sealed text'),
  z.object({ type: z.literal('hand'), raised: z.boolean() }),
  z.object({ type: z.literal('react'), reaction: ReactionSchema }),
  z.object({ type: z.literal('moderate'), moderation: ModerationSchema }),
  // A general assembly held in the meeting (governance's room module).
  ...assemblyClientMessages,
  // Polls (the meetings' poll module, poll-protocol.ts).
  ...pollClientMessages,
  // Shared notes (the meetings' notes module, notes-protocol.ts).
  ...notesClientMessages,
  // The presentation (the meetings' presentation module, presentation-protocol.ts).
  ...presentationClientMessages,
  // The whiteboard (the meetings' whiteboard module, whiteboard-protocol.ts).
  ...whiteboardClientMessages,
  // Breakout rooms (the meetings' breakout module, breakout-protocol.ts).
  ...breakoutClientMessages,
  // An end-to-end encrypted meeting's key agreement (e2ee-protocol.ts).
  ...e2eeClientMessages,
  z.object({ type: z.literal('leave') }),
  /** The browser's own liveness check; answered with `pong`, joined or not. */
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

// ---- server → browser ---------------------------------------------------------------

export const ParticipantSummarySchema = z.object({
  participantId: ParticipantIdSchema,
  displayName: z.string(),
  role: RoleSchema,
  media: MediaStateSchema,
  /** True once the participant's camera/microphone streams are published and can be subscribed to. */
  publishing: z.boolean(),
  /** True while the participant's screen is published. */
  sharingScreen: z.boolean(),
  /** When the hand went up (server clock, ms), for the queue; `null` when lowered. */
  handRaisedAtMs: z.number().nullable(),
  /** Janus hears them talking. */
  speaking: z.boolean(),
  /** Their connection dropped; they have a grace period to come back. */
  reconnecting: z.boolean(),
});
export type ParticipantSummary = z.infer<typeof ParticipantSummarySchema>;

/** The meeting's shared state that moderators change. */
export const MeetingSettingsSchema = z.object({
  roomLocked: z.boolean(),
  lockedForViewers: LockedSettingsSchema,
  /** Off for everyone in this meeting, moderators included (the room's setting). */
  disabledFeatures: DisabledFeaturesSchema,
  multipleSharers: z.boolean(),
  waitingRoom: z.boolean(),
  /** Media and chat are end-to-end encrypted in this meeting (the room's setting when the meeting started; never changes during it). */
  endToEndEncrypted: z.boolean(),
});
export type MeetingSettings = z.infer<typeof MeetingSettingsSchema>;

export const ChatMessageSchema = z.object({
  messageId: z.string(),
  /** Who wrote it; `null` for a message from outside the meeting (an integration's `sendChatMessage`). */
  fromId: ParticipantIdSchema.nullable(),
  fromName: z.string(),
  /** The recipient of a private message; `null` for everyone. */
  toId: ParticipantIdSchema.nullable(),
  /** The message; in an encrypted meeting's chat (`sealed`), the sealed text only the participants can open. */
  text: z.string(),
  /** The text is sealed end to end (absent: plain text). */
  sealed: z.literal(true).optional(),
  sentAtMs: z.number(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Stable error codes the server sends; the browser translates them into words. */
export const ErrorCodeSchema = z.enum([
  'malformed_message',
  'message_too_large',
  'rate_limited',
  'not_joined',
  'already_joined',
  'room_not_found',
  'room_is_full',
  'room_is_locked',
  'access_code_required',
  'access_code_wrong',
  'banned',
  'not_allowed',
  'last_moderator',
  'participant_not_found',
  'not_publishing',
  'screen_share_taken',
  'media_server_unavailable',
  'media_negotiation_failed',
  'internal_error',
  // The room's plan allows no more participants, or no more meetings at once (billing).
  'plan_participants_limit',
  'plan_meetings_limit',
  // The room's organisation is suspended from holding meetings (governance's due process).
  'organisation_suspended',
  // A BigBlueButton join link's grant that is unknown, expired, for another room, or of an ended meeting.
  'join_link_expired',
  // The meeting is end-to-end encrypted and this browser cannot encrypt.
  'encryption_unsupported',
  // A general assembly's refusals (see assembly-protocol.ts).
  ...assemblyErrorCodes,
  // A poll's refusals (see poll-protocol.ts).
  ...pollErrorCodes,
  ...notesErrorCodes,
  ...presentationErrorCodes,
  ...whiteboardErrorCodes,
  ...breakoutErrorCodes,
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Why a participant is told something by a moderator. */
export const ModerationNoticeSchema = z.enum(['muted', 'ask-unmute', 'camera-off', 'hand-lowered', 'role-changed']);

/** One entry of `RTCConfiguration.iceServers`: `turn:`/`turns:`/`stun:` URLs and, for TURN, a username and credential. */
export const IceServerSchema = z.object({
  urls: z.array(z.string().max(300)).max(8),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});
export type IceServer = z.infer<typeof IceServerSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('joined'),
    self: ParticipantSummarySchema,
    participants: z.array(ParticipantSummarySchema),
    settings: MeetingSettingsSchema,
    /** Chat messages of this meeting so far that this participant may read. */
    chat: z.array(ChatMessageSchema),
    /** Present this to `join` to come back as the same participant after a dropped connection. */
    resumeToken: z.string(),
    /** True when this join resumed an earlier one (same id, role, state). */
    resumed: z.boolean(),
    /** STUN/TURN servers for this browser's connections (a TURN credential of its own, time-limited). */
    iceServers: z.array(IceServerSchema),
  }),
  /** Fresh TURN credentials before the last ones expire: applied to every connection with `setConfiguration`. */
  z.object({ type: z.literal('ice-servers'), iceServers: z.array(IceServerSchema) }),
  /** You are in the waiting room until a moderator admits or denies you. */
  z.object({ type: z.literal('waiting') }),
  /** You were not let in. */
  /** You were not let in: a moderator's `reason`, or `full` when the meeting filled up while you waited. */
  z.object({ type: z.literal('denied'), reason: z.string().optional(), full: z.boolean().optional() }),
  /** For moderators: who is waiting, oldest first. */
  z.object({
    type: z.literal('lobby'),
    waiting: z.array(z.object({ participantId: ParticipantIdSchema, displayName: z.string(), sinceMs: z.number() })),
  }),
  z.object({ type: z.literal('participant-joined'), participant: ParticipantSummarySchema }),
  z.object({ type: z.literal('participant-updated'), participant: ParticipantSummarySchema }),
  /**
   * Janus started or stopped hearing participants talk (`speaking` of their summaries): the one
   * change that is frequent, so it travels alone, the room's changes of `limits.speakingBatchMs` together.
   */
  z.object({
    type: z.literal('speaking'),
    changes: z.array(z.object({ participantId: ParticipantIdSchema, speaking: z.boolean() })).max(limits.participantsPerRoomMax),
  }),
  z.object({ type: z.literal('participant-left'), participantId: ParticipantIdSchema }),
  z.object({ type: z.literal('settings'), settings: MeetingSettingsSchema }),
  z.object({ type: z.literal('chat'), message: ChatMessageSchema }),
  z.object({ type: z.literal('chat-export'), text: z.string() }),
  z.object({ type: z.literal('reaction'), participantId: ParticipantIdSchema, reaction: ReactionSchema }),
  /** A moderator did something to you. */
  z.object({ type: z.literal('moderation'), notice: ModerationNoticeSchema, byName: z.string() }),
  /** You were removed from the meeting (and banned from it if `banned`). */
  z.object({ type: z.literal('removed'), banned: z.boolean() }),
  /** The meeting ends at `endsAtMs`: its plan's length limit (sent some minutes before). */
  // The meeting ends at `endsAtMs`: the length its plan allows (`planName`), or the length it was given when it was set up (null).
  z.object({ type: z.literal('meeting-ending'), endsAtMs: z.number(), planName: z.string().nullable() }),
  /** The meeting is over: a moderator ended it, or its plan's length limit was reached. */
  // time_limit: its plan's length; scheduled_end: the length it was given when set up (a BigBlueButton create's `duration`);
  // breakout_closed: a breakout room's meeting, when the breakout ends (the page goes back to the main meeting).
  z.object({
    type: z.literal('meeting-ended'),
    reason: z.enum(['ended_by_moderator', 'time_limit', 'scheduled_end', 'breakout_closed']).optional(),
  }),
  z.object({ type: z.literal('publish-answer'), source: MediaSourceSchema, answer: SessionDescriptionSchema }),
  /**
   * The media server's offer for our one subscription to others' streams: the first (`fresh`: a
   * new PeerConnection), or a renegotiation of it as streams are added and removed; `streams` says
   * whose audio or video each mid carries. Answered with `subscription-answer`, one at a time.
   */
  z.object({
    type: z.literal('subscription-offer'),
    offer: SubscriptionDescriptionSchema,
    fresh: z.boolean(),
    streams: z.array(SubscribedStreamSchema).max(limits.subscribedStreamsMax),
  }),
  /** An ICE candidate of Janus's side of one of the browser's connections. */
  z.object({ type: z.literal('trickle'), target: TrickleTargetSchema, candidate: IceCandidateSchema }),
  /** The media server went away; the browser shows "reconnecting" and waits for `media-restored`. */
  z.object({ type: z.literal('media-interrupted') }),
  /** The media server is back; the browser publishes and subscribes again. */
  z.object({ type: z.literal('media-restored') }),
  z.object({ type: z.literal('pong') }),
  ...assemblyServerMessages,
  ...pollServerMessages,
  ...notesServerMessages,
  ...presentationServerMessages,
  ...whiteboardServerMessages,
  ...breakoutServerMessages,
  ...e2eeServerMessages,
  /**
   * The socket closes next: the server is going away (`server_shutdown`, come back), or this
   * socket kept sending far beyond its rate (`too_many_messages`, closed with 1008; do not retry).
   */
  z.object({ type: z.literal('closing'), reason: z.enum(['server_shutdown', 'too_many_messages']) }),
  z.object({
    type: z.literal('error'),
    code: ErrorCodeSchema,
    message: z.string(),
    /** The type of the client message that caused the error, when known. */
    inReplyTo: z.string().optional(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/**
 * Why a frame is not a client message, for the server to put in words in the sender's language:
 * too large, not JSON, or not valid (`where` is the path of the first problem, `detail` zod's words).
 */
export type FrameProblem =
  | { kind: 'too_large'; bytesMax: number }
  | { kind: 'not_json' }
  | { kind: 'invalid'; where: string; detail: string };

/**
 * The size allowed for a client frame: `signalingMessageBytesMax`, but for a subscription's answer
 * (one m-line per stream received) — told by its first key, as the page writes it, before anything
 * is parsed.
 */
export function frameBytesMaxOf(raw: string): number {
  return raw.startsWith('{"type":"subscription-answer"') ? limits.subscriptionAnswerBytesMax : limits.signalingMessageBytesMax;
}

/** The largest client frame of any type. */
export const clientFrameBytesMax = Math.max(limits.signalingMessageBytesMax, limits.subscriptionAnswerBytesMax);

/**
 * The socket's own limit: a frame up to it gets a typed `message_too_large` reply, a larger one
 * closes the socket (1009). Relayed frames between instances are held to it too.
 */
export const socketFrameBytesMax = clientFrameBytesMax + 16 * 1024;

/** Parses one raw WebSocket frame into a client message, or says why it cannot (`message` in English). */
export function parseClientMessage(
  raw: string,
): { ok: true; message: ClientMessage } | { ok: false; code: ErrorCode; message: string; problem: FrameProblem; inReplyTo?: string } {
  const tooLarge = (bytesMax: number) =>
    ({
      ok: false,
      code: 'message_too_large',
      message: `Messages are limited to ${bytesMax} bytes.`,
      problem: { kind: 'too_large', bytesMax },
    }) as const;
  if (raw.length > frameBytesMaxOf(raw)) return tooLarge(frameBytesMaxOf(raw));
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'malformed_message', message: 'The message is not valid JSON.', problem: { kind: 'not_json' } };
  }
  const parsed = ClientMessageSchema.safeParse(json);
  // The larger allowance is a subscription answer's only, whatever the frame opened with (JSON keeps a repeated key's last value).
  if (parsed.success && parsed.data.type !== 'subscription-answer' && raw.length > limits.signalingMessageBytesMax)
    return tooLarge(limits.signalingMessageBytesMax);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type = typeof json === 'object' && json !== null && 'type' in json ? String(json.type).slice(0, 40) : undefined;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const detail = issue?.message ?? 'unknown problem';
  return {
    ok: false,
    code: 'malformed_message',
    message: `The message is not valid: ${where}${detail}.`,
    problem: { kind: 'invalid', where, detail },
    ...(type ? { inReplyTo: type } : {}),
  };
}
