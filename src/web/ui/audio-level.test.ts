import { describe, expect, it } from 'vitest';
import { levelOf } from './audio-level.js';

describe('levelOf', () => {
  it('reads silence as 0 and an empty frame as 0', () => {
    expect(levelOf(new Float32Array(512))).toBe(0);
    expect(levelOf(new Float32Array(0))).toBe(0);
  });

  it('grows with loudness and stops at 100', () => {
    const tone = (amplitude: number) => Float32Array.from({ length: 512 }, (_, index) => amplitude * Math.sin(index / 5));
    const quiet = levelOf(tone(0.05));
    const loud = levelOf(tone(0.2));
    expect(quiet).toBeGreaterThan(0);
    expect(loud).toBeGreaterThan(quiet);
    expect(levelOf(tone(1))).toBe(100);
  });
});
