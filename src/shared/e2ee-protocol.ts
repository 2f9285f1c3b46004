/**
 * End-to-end encryption of a meeting, on the signalling socket. The server only relays what the
 * browsers agree among themselves and cannot read it: each browser announces an ECDH public key
 * (its identity for this meeting), and sends each other participant its own media key wrapped
 * with a secret only the two of them can derive. See `src/web/features/e2ee/` for the scheme.
 */
import { z } from 'zod';
import { ParticipantIdSchema } from './ids.js';
import { limits } from './limits.js';

/** A P-256 public key in its uncompressed form (65 bytes), base64url without padding: 87 characters. */
export const E2eePublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'must be a P-256 public key (65 bytes, base64url)');

/**
 * A media key wrapped for one recipient: nonce, then AES-GCM ciphertext and tag, base64url. What
 * it holds is the browsers' business; the server only bounds its size.
 */
export const WrappedKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
  .min(limits.e2eeWrappedKeyCharactersMin)
  .max(limits.e2eeWrappedKeyCharactersMax);

/** A participant's identity for this meeting: their id and their public key. */
export const E2eeIdentitySchema = z.object({ participantId: ParticipantIdSchema, publicKey: E2eePublicKeySchema });
export type E2eeIdentity = z.infer<typeof E2eeIdentitySchema>;

/** The client messages of an encrypted meeting (handled by the meetings' `E2eeModule`). */
export const e2eeClientMessages = [
  /** Announces this browser's public key for the meeting (again after a page reload: the latest counts). */
  z.object({ type: z.literal('e2ee-identity'), publicKey: E2eePublicKeySchema }).strict(),
  /** The sender's new media key, wrapped once for each recipient; the server hands each recipient theirs. */
  z
    .object({
      type: z.literal('e2ee-keys'),
      keys: z
        .array(z.object({ to: ParticipantIdSchema, wrapped: WrappedKeySchema }).strict())
        .min(1)
        .max(limits.participantsPerRoomMax),
    })
    .strict(),
] as const;

/** The server messages of an encrypted meeting. */
export const e2eeServerMessages = [
  /** Public keys of participants: all the others' in answer to one's own, then each newcomer's. */
  z.object({ type: z.literal('e2ee-identities'), identities: z.array(E2eeIdentitySchema) }),
  /** A media key another participant wrapped for you. */
  z.object({ type: z.literal('e2ee-key'), from: ParticipantIdSchema, wrapped: WrappedKeySchema }),
] as const;
