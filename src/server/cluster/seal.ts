/**
 * What instances put in Redis is sealed with the installation's `CLUSTER_SECRET`: AES-256-GCM
 * under a key derived from it (HKDF-SHA-256), each message with a fresh nonce and bound to where
 * it goes (the recipient's channel, the shared table's entry) and to when it was sealed. Whoever
 * else can reach Redis — another installation sharing it, anything on its network — can neither
 * read the relayed signalling (SDP, chat, TURN credentials) nor forge or redirect a message; an
 * old one replayed is refused once `freshMs` has passed.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const nonceBytes = 12;
const tagBytes = 16;

export class Sealer {
  private readonly key: Buffer;

  constructor(
    secret: string,
    /** Part of the key: installations sharing one secret by mistake still cannot read each other (`REDIS_PREFIX`). */
    namespace: string,
    /** How old a sealed message may be when it is opened. */
    private readonly freshMs = 30_000,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, namespace, 'plenary instance bus', 32));
  }

  /** `text` sealed for `context` (where it goes), as base64url. */
  seal(text: string, context: string, nowMs = Date.now()): string {
    const nonce = randomBytes(nonceBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify({ atMs: nowMs, text }), 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The text sealed for `context`, or `undefined` if it was not sealed with this secret for it, or is older than `freshMs`. */
  open(sealed: string, context: string, nowMs = Date.now(), freshMs = this.freshMs): string | undefined {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length < nonceBytes + tagBytes) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, nonceBytes));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(nonceBytes, nonceBytes + tagBytes));
      const plain = Buffer.concat([decipher.update(bytes.subarray(nonceBytes + tagBytes)), decipher.final()]).toString('utf8');
      const { atMs, text } = JSON.parse(plain) as { atMs: unknown; text: unknown };
      if (typeof atMs !== 'number' || typeof text !== 'string' || Math.abs(nowMs - atMs) > freshMs) return undefined;
      return text;
    } catch {
      return undefined;
    }
  }
}
