/**
 * The messages instances send each other on the bus (`ClusterBus`): the signalling of a browser
 * connected to one instance for a meeting another instance holds, relayed frame for frame. The
 * instance the browser reached keeps the socket (rate limits, heartbeat, the session cookie); the
 * one holding the meeting runs the participant's connection as if the browser were its own.
 * Every message is checked on arrival: Redis is shared infrastructure, not a trusted party.
 */
import { z } from 'zod';
import { RoomIdSchema } from '../../shared/ids.js';
import { languages } from '../../shared/languages.js';
import { bbbApiLimits, limits } from '../../shared/limits.js';
import { socketFrameBytesMax } from '../../shared/protocol.js';
import { InstanceIdSchema } from '../platform/instance.js';

/** One relayed browser socket, named by the instance it reached. */
const SessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** A signalling frame as the browser sent it or is to receive it (never parsed on the way). */
// A relayed frame either way: a browser's (at most what its socket takes) or the server's (a subscription's offer and its streams the largest).
const FrameSchema = z
  .string()
  .max(Math.max(socketFrameBytesMax, limits.subscriptionSdpCharactersMax + limits.signalingMessageBytesMax * 4));

/** As long as what the edge accepts from an integration (a BigBlueButton join's name, `userID` and `userdata-*`). */
const integrationText = z.string().max(bbbApiLimits.textCharactersMax);
const grantedSchema = z.object({
  displayName: integrationText,
  granted: z.object({
    role: z.enum(['moderator', 'viewer']),
    waits: z.boolean(),
    external: z.object({ userId: integrationText, data: z.record(integrationText, integrationText) }).optional(),
  }),
});

export const InstanceMessageSchema = z.discriminatedUnion('type', [
  /**
   * From the instance a browser reached to the one holding its room's meeting: start a participant
   * connection for this socket. Who the browser is was read there, from its session cookie
   * (`identity`), with what its join link granted; `join` is the browser's own `join` frame.
   */
  z.object({
    type: z.literal('relay-open'),
    session: SessionIdSchema,
    from: InstanceIdSchema,
    roomId: RoomIdSchema,
    join: FrameSchema,
    identity: z.object({ personId: z.string().max(100).optional(), administrator: z.boolean() }),
    granted: grantedSchema.optional(),
    language: z.enum(languages),
    /** The address the browser used (`Host`): TURN credentials name it. */
    host: z.string().max(300).optional(),
  }),
  /** A frame from the browser (to the holding instance). */
  z.object({ type: z.literal('relay-frame'), session: SessionIdSchema, from: InstanceIdSchema, frame: FrameSchema }),
  /**
   * The browser's socket is gone (to the holding instance): it closed (the participant leaves) or
   * stopped answering (`lost`: its place is kept for the reconnection grace).
   */
  z.object({ type: z.literal('relay-gone'), session: SessionIdSchema, from: InstanceIdSchema, lost: z.boolean() }),
  /**
   * The sessions a holder serves for the instance it sends this to (every few seconds): that
   * instance answers with those it no longer forwards (`relay-unknown`), whose `relay-gone` was lost.
   */
  z.object({ type: z.literal('relay-check'), from: InstanceIdSchema, sessions: z.array(SessionIdSchema).max(10_000) }),
  z.object({ type: z.literal('relay-unknown'), from: InstanceIdSchema, sessions: z.array(SessionIdSchema).max(10_000) }),
  /** A frame for the browser (to the instance it reached). */
  z.object({ type: z.literal('relay-send'), session: SessionIdSchema, frame: FrameSchema }),
  /** Close the browser's socket with this code and reason (to the instance it reached). */
  z.object({
    type: z.literal('relay-close'),
    session: SessionIdSchema,
    code: z.number().int().min(1000).max(4999),
    reason: z.string().max(120),
  }),
]);
export type InstanceMessage = z.infer<typeof InstanceMessageSchema>;

/** A message from the bus, or `undefined` if it is not valid JSON of the protocol. */
export function parseInstanceMessage(payload: string): InstanceMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = InstanceMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
