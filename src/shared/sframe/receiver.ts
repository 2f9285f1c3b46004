/** The receiving side of SFrame: keys by KID, each with its own replay window. */
import { decodeSFrameHeader } from './header.js';
import type { SFrameKey } from './key-schedule.js';
import { ReplayWindow } from './replay-window.js';
import { type SFrameDecryptResult, sframeDecrypt } from './sframe.js';

interface ReceivingKey {
  readonly key: SFrameKey;
  readonly replayWindow: ReplayWindow;
}

/**
 * Decrypts frames from any number of senders, choosing the key by the KID in each frame's header.
 * Each key has a replay window (`limits.sframeReplayWindowFrames`, 1024 counters): a frame whose
 * counter was already accepted, or is older than the window, is `replayed`. The window moves only
 * after a frame authenticated, so forged frames cannot push genuine ones out of it.
 */
export class SFrameReceiver {
  readonly #keysByKid = new Map<bigint, ReceivingKey>();
  readonly #replayWindowFrames: number | undefined;

  /** A receiver with no keys; `replayWindowFrames` defaults to `limits.sframeReplayWindowFrames` (1024). */
  constructor(options: { replayWindowFrames?: number } = {}) {
    this.#replayWindowFrames = options.replayWindowFrames;
  }

  /**
   * Decrypts frames under `key.kid` with `key` from now on. Setting the very same key again changes
   * nothing; a different key for that KID replaces the old one and starts a fresh replay window (its
   * sender's counter starts again at 0), so a KID must never be given the same base key twice.
   */
  setKey(key: SFrameKey): void {
    if (this.#keysByKid.get(key.kid)?.key === key) return;
    this.#keysByKid.set(key.kid, { key, replayWindow: new ReplayWindow(this.#replayWindowFrames) });
  }

  /** Forgets the key of `kid` and its replay window (nothing happens when there is none). */
  removeKey(kid: bigint): void {
    this.#keysByKid.delete(kid);
  }

  /** Whether a key is set for `kid`. */
  hasKey(kid: bigint): boolean {
    return this.#keysByKid.has(kid);
  }

  /**
   * Decrypts `frame` (as `sframeEncrypt` made it) with the key its header names, authenticating
   * `metadata`, and accepts its counter. Never throws on hostile input: every refusal is a result.
   * Frames decrypted concurrently are each accepted at most once.
   */
  async decrypt(metadata: Uint8Array, frame: Uint8Array): Promise<SFrameDecryptResult> {
    const header = decodeSFrameHeader(frame);
    if (header === undefined) return { ok: false, reason: 'malformed_header' };
    const receiving = this.#keysByKid.get(header.kid);
    if (receiving === undefined) return { ok: false, reason: 'unknown_key' };
    if (!receiving.replayWindow.isFresh(header.counter)) return { ok: false, reason: 'replayed' };
    const result = await sframeDecrypt(receiving.key, metadata, frame);
    if (!result.ok) return result;
    // Asked again after the await: the same frame may have been accepted while this one was decrypting.
    if (!receiving.replayWindow.isFresh(header.counter)) return { ok: false, reason: 'replayed' };
    receiving.replayWindow.accept(header.counter);
    return result;
  }
}
