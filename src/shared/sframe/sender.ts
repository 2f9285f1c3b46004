/** The sending side of SFrame: one key at a time and its counter. */
import { assert, uint64Max } from './bytes.js';
import type { SFrameKey } from './key-schedule.js';
import { sframeEncrypt } from './sframe.js';

/**
 * The next counter of every key that has sent, kept with the key object rather than the sender:
 * two senders (or a sender given a key again) never reuse a (key, counter) pair.
 */
const nextCounterByKey = new WeakMap<SFrameKey, bigint>();

/**
 * Encrypts frames with one key at a time. Counters start at 0 for each new key and go up by one
 * with every frame; a counter is taken before the encryption awaits, so concurrent calls never share
 * one. Only one party may send with a given base key (RFC 9605 §4.4.1).
 */
export class SFrameSender {
  #key: SFrameKey;

  /** A sender encrypting with `key`. */
  constructor(key: SFrameKey) {
    this.#key = key;
  }

  /** The KID of the current key. */
  get kid(): bigint {
    return this.#key.kid;
  }

  /** Encrypts with `key` from the next frame on; a key that already sent goes on from its next counter. */
  setKey(key: SFrameKey): void {
    this.#key = key;
  }

  /**
   * Encrypts `plaintext` with the current key and its next counter, authenticating `metadata`
   * (both may be empty); returns `header || ciphertext || tag`. Throws only when the key has used
   * every counter up to 2^64-1 (a bug: rotate keys long before).
   */
  encrypt(metadata: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    const key = this.#key;
    const counter = nextCounterByKey.get(key) ?? 0n;
    assert(counter <= uint64Max, `the key of KID ${key.kid} has used every counter`);
    nextCounterByKey.set(key, counter + 1n);
    return sframeEncrypt(key, counter, metadata, plaintext);
  }
}
