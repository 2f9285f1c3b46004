/**
 * Encrypting and decrypting encoded media frames with SFrame (RFC 9605), as the encoded-transform
 * worker does it; no DOM, so it is tested in Node too.
 *
 * A frame goes out as `clear prefix || SFrame header || ciphertext || tag`. The clear prefix is the
 * first bytes of the codec's own header — for VP8 the 10-byte key-frame header (frame tag, start
 * code, size) or the 3-byte frame tag of a delta frame; one byte (Opus's TOC) of audio — which
 * Janus and the receiving browser's depacketizer read to tell key frames from others (simulcast
 * switching, jitter buffer). It is SFrame's "metadata": authenticated with the frame, so changing
 * it makes the frame fail to decrypt. Everything else is encrypted.
 */
import { type CipherSuite, decodeSFrameHeader, deriveSFrameKey, SFrameReceiver, SFrameSender } from '../../../shared/sframe/index.js';
import type { MediaKey } from './key-agreement.js';

/** The cipher suite of every encrypted meeting: AES_128_GCM_SHA256_128 (RFC 9605 §4.5). */
export const mediaCipherSuite: CipherSuite = 0x0004;

/** What a frame is, as far as the clear prefix goes. */
export type FrameKind = 'audio' | 'video-key' | 'video-delta';

const clearPrefixBytes: Readonly<Record<FrameKind, number>> = { audio: 1, 'video-key': 10, 'video-delta': 3 };

/** Why a received frame was dropped: SFrame's refusals, or no key for it yet. */
export type DropReason = 'malformed_header' | 'unknown_key' | 'authentication_failed' | 'replayed';

/**
 * A frame's bytes split into the clear prefix and the rest; `undefined` for a frame shorter than
 * its prefix (no codec makes one; the receiver could not tell where its SFrame header starts).
 */
function split(frame: Uint8Array, kind: FrameKind): { prefix: Uint8Array; rest: Uint8Array } | undefined {
  const length = clearPrefixBytes[kind];
  if (frame.length < length) return undefined;
  return { prefix: frame.subarray(0, length), rest: frame.subarray(length) };
}

function join(prefix: Uint8Array, rest: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(prefix.length + rest.length);
  joined.set(prefix);
  joined.set(rest, prefix.length);
  return joined;
}

/** Encrypts our own frames with our current media key. */
export class FrameEncryptor {
  #sender: SFrameSender | undefined;

  /** Encrypts with `key` from the next frame on (the key already in use: nothing changes, its counter goes on). */
  async setKey(key: MediaKey): Promise<void> {
    if (this.#sender?.kid === key.kid) return;
    const derived = await deriveSFrameKey(mediaCipherSuite, key.kid, key.baseKey);
    if (this.#sender) this.#sender.setKey(derived);
    else this.#sender = new SFrameSender(derived);
  }

  /** The KID frames are encrypted under now; `undefined` before the first key. */
  get kid(): bigint | undefined {
    return this.#sender?.kid;
  }

  /**
   * The frame encrypted; `undefined` while there is no key yet, or for a frame shorter than its
   * clear prefix (the frame must then be dropped, never sent in clear).
   */
  async encrypt(frame: Uint8Array, kind: FrameKind): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const parts = split(frame, kind);
    if (!this.#sender || !parts) return undefined;
    return join(parts.prefix, await this.#sender.encrypt(parts.prefix, parts.rest));
  }
}

/** Decrypts everyone else's frames with the keys they sent us. */
export class FrameDecryptor {
  readonly #receiver = new SFrameReceiver();

  /** Decrypts frames under `key.kid` from now on (a KID already held keeps its key and replay window). */
  async addKey(key: MediaKey): Promise<void> {
    if (this.#receiver.hasKey(key.kid)) return;
    this.#receiver.setKey(await deriveSFrameKey(mediaCipherSuite, key.kid, key.baseKey));
  }

  /** Stops decrypting frames under `kid`. */
  removeKey(kid: bigint): void {
    this.#receiver.removeKey(kid);
  }

  /**
   * The frame decrypted, with its KID, or why it must be dropped; `accepts` says whether a KID may
   * be on this stream at all (`wrong_sender`, decided before anything is decrypted or counted).
   */
  async decrypt(
    frame: Uint8Array,
    kind: FrameKind,
    accepts: (kid: bigint) => boolean = () => true,
  ): Promise<{ ok: true; frame: Uint8Array<ArrayBuffer>; kid: bigint } | { ok: false; reason: DropReason | 'wrong_sender' }> {
    const parts = split(frame, kind);
    if (!parts) return { ok: false, reason: 'malformed_header' };
    const header = decodeSFrameHeader(parts.rest);
    if (header && this.#receiver.hasKey(header.kid) && !accepts(header.kid)) return { ok: false, reason: 'wrong_sender' };
    const result = await this.#receiver.decrypt(parts.prefix, parts.rest);
    if (!result.ok) return result;
    return { ok: true, frame: join(parts.prefix, result.plaintext), kid: result.kid };
  }
}
