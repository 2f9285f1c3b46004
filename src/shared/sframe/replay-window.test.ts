import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limits } from '../limits.js';
import { uint64Max } from './bytes.js';
import { ReplayWindow } from './replay-window.js';

describe('replay window', () => {
  it('remembers limits.sframeReplayWindowFrames counters by default', () => {
    const window = new ReplayWindow();
    window.accept(5000n);
    expect(window.isFresh(5000n - BigInt(limits.sframeReplayWindowFrames) + 1n)).toBe(true);
    expect(window.isFresh(5000n - BigInt(limits.sframeReplayWindowFrames))).toBe(false);
  });

  it('accepts each counter once, and nothing older than the window behind the highest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.array(fc.bigInt({ min: 0n, max: 200n })), (sizeFrames, counters) => {
        const window = new ReplayWindow(sizeFrames);
        const accepted = new Set<bigint>();
        let highest = -1n;
        for (const counter of counters) {
          const expectedFresh = !accepted.has(counter) && counter > highest - BigInt(sizeFrames);
          expect(window.isFresh(counter)).toBe(expectedFresh);
          if (!expectedFresh) continue;
          window.accept(counter);
          accepted.add(counter);
          if (counter > highest) highest = counter;
        }
      }),
    );
  });

  it('works up to the last counter, 2^64-1', () => {
    const window = new ReplayWindow(8);
    window.accept(uint64Max - 3n);
    window.accept(uint64Max);
    expect(window.isFresh(uint64Max)).toBe(false);
    expect(window.isFresh(uint64Max - 3n)).toBe(false);
    expect(window.isFresh(uint64Max - 1n)).toBe(true);
  });

  it('refuses to accept a counter twice (a bug in the caller)', () => {
    const window = new ReplayWindow(8);
    window.accept(1n);
    expect(() => window.accept(1n)).toThrow();
  });
});
