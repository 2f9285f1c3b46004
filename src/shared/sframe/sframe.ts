/**
 * Sealing and opening one SFrame ciphertext (RFC 9605 §4.4.3 and §4.4.4), with no state: the
 * sender's counter and the receiver's keys and replay windows live in `SFrameSender` and `SFrameReceiver`.
 */
import { aeadDecrypt, aeadEncrypt } from './aead.js';
import { concatBytes, encodeBigEndian } from './bytes.js';
import { decodeSFrameHeader, encodeSFrameHeader } from './header.js';
import { type SFrameKey, sframeKeyInternals } from './key-schedule.js';

/**
 * What decrypting a frame gave: its KID, counter and plaintext, or why it was refused —
 * `malformed_header` (no complete, minimal header), `unknown_key` (no key for its KID),
 * `authentication_failed` (wrong key, metadata or bytes) or `replayed` (its counter was already
 * accepted, or is older than the replay window).
 */
export type SFrameDecryptResult =
  | { ok: true; kid: bigint; counter: bigint; plaintext: Uint8Array }
  | { ok: false; reason: 'malformed_header' | 'unknown_key' | 'authentication_failed' | 'replayed' };

/** `nonce = sframe_salt XOR encode_big_endian(counter, Nn)`. */
export function sframeNonce(salt: Uint8Array, counter: bigint): Uint8Array<ArrayBuffer> {
  const nonce = encodeBigEndian(counter, salt.length);
  for (let index = 0; index < nonce.length; index++) nonce[index] = (nonce[index] ?? 0) ^ (salt[index] ?? 0);
  return nonce;
}

/**
 * Encrypts `plaintext` (may be empty) with `key` and `counter` (0..2^64-1), authenticating
 * `metadata` with it (may be empty), and returns `header || ciphertext || tag`; the AAD is
 * `header || metadata` (RFC 9605 §4.4.3). Each (key, counter) pair must be used once only —
 * `SFrameSender` sees to that. Throws only on a bug (a counter out of range, a key not derived here).
 */
export async function sframeEncrypt(key: SFrameKey, counter: bigint, metadata: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  const internals = sframeKeyInternals(key);
  const header = encodeSFrameHeader(key.kid, counter);
  const nonce = sframeNonce(internals.salt, counter);
  const ciphertext = await aeadEncrypt(internals.aeadKey, nonce, concatBytes(header, metadata), plaintext);
  return concatBytes(header, ciphertext);
}

/**
 * Decrypts `frame` (header, ciphertext and tag) with `key`, authenticating `metadata` (RFC 9605
 * §4.4.4), with no replay check. A frame whose header names another KID is `unknown_key`.
 * Never throws on hostile input; every refusal comes back as a result.
 */
export async function sframeDecrypt(key: SFrameKey, metadata: Uint8Array, frame: Uint8Array): Promise<SFrameDecryptResult> {
  const header = decodeSFrameHeader(frame);
  if (header === undefined) return { ok: false, reason: 'malformed_header' };
  if (header.kid !== key.kid) return { ok: false, reason: 'unknown_key' };
  const internals = sframeKeyInternals(key);
  const aad = concatBytes(frame.subarray(0, header.length), metadata);
  const nonce = sframeNonce(internals.salt, header.counter);
  const plaintext = await aeadDecrypt(internals.aeadKey, nonce, aad, frame.subarray(header.length));
  if (plaintext === undefined) return { ok: false, reason: 'authentication_failed' };
  return { ok: true, kid: header.kid, counter: header.counter, plaintext };
}
