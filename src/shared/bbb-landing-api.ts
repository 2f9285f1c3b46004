/**
 * Where a BigBlueButton `join` link lands in the browser (`/bbb/join#ticket=…`), shared by server
 * and browser: the ticket handed over once, and the join it grants — the room, the name and role
 * the integration gave, whether the guest waits, where to go on leaving, and the grant the browser
 * keeps to join (and join again) over signalling.
 */
import { z } from 'zod';
import { RoomIdSchema } from './ids.js';

/** A ticket or a grant: 32 random bytes, base64url. */
export const JoinSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the secret of a join link');

/** `POST /api/bbb/enter`. */
export const BbbEnterRequestSchema = z.object({ ticket: JoinSecretSchema }).strict();

export const BbbEnterResponseSchema = z.object({
  roomId: RoomIdSchema,
  displayName: z.string(),
  role: z.enum(['moderator', 'viewer']),
  waits: z.boolean(),
  logoutUrl: z.string().nullable(),
  grant: JoinSecretSchema,
});
export type BbbEnterResponse = z.infer<typeof BbbEnterResponseSchema>;
