/**
 * A sliding anti-replay window over SFrame counters, after SRTP's (RFC 3711 §3.3.2; RFC 9605 §9.3
 * suggests it): the highest counter accepted and a bitmap of the `sizeFrames` counters at and below it.
 */
import { limits } from '../limits.js';
import { assert, isUint64 } from './bytes.js';

/**
 * Remembers which counters of one key were accepted. A counter is fresh when it is above the highest
 * accepted, or within the window below it and not yet accepted; anything older than the window is
 * treated as a replay.
 */
export class ReplayWindow {
  readonly #sizeFrames: bigint;
  readonly #mask: bigint;
  #highestAccepted: bigint | undefined = undefined;
  /** Bit i set: counter `highestAccepted - i` was accepted. */
  #acceptedBits = 0n;

  /** A window remembering `sizeFrames` counters (default `limits.sframeReplayWindowFrames`, 1024). */
  constructor(sizeFrames: number = limits.sframeReplayWindowFrames) {
    assert(Number.isSafeInteger(sizeFrames) && sizeFrames > 0, `replay window size ${sizeFrames} is not a positive integer`);
    this.#sizeFrames = BigInt(sizeFrames);
    this.#mask = (1n << this.#sizeFrames) - 1n;
  }

  /** Whether a frame with `counter` may still be accepted (was never accepted and is not older than the window). */
  isFresh(counter: bigint): boolean {
    if (this.#highestAccepted === undefined || counter > this.#highestAccepted) return true;
    const behind = this.#highestAccepted - counter;
    if (behind >= this.#sizeFrames) return false;
    return ((this.#acceptedBits >> behind) & 1n) === 0n;
  }

  /** Records `counter` as accepted, sliding the window when it is the new highest. It must be fresh. */
  accept(counter: bigint): void {
    assert(isUint64(counter) && this.isFresh(counter), `counter ${counter} is not fresh`);
    if (this.#highestAccepted === undefined || counter > this.#highestAccepted) {
      const ahead = this.#highestAccepted === undefined ? this.#sizeFrames : counter - this.#highestAccepted;
      this.#acceptedBits = ahead >= this.#sizeFrames ? 1n : ((this.#acceptedBits << ahead) | 1n) & this.#mask;
      this.#highestAccepted = counter;
      return;
    }
    this.#acceptedBits |= 1n << (this.#highestAccepted - counter);
  }
}
