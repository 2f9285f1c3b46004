import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter, type RateLimiter, TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until tokens refill at the given rate', () => {
    let nowMs = 0;
    const bucket = new TokenBucket(10, 3, () => nowMs);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    nowMs += 100; // one token at 10 per second
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    nowMs += 10_000; // never more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe('MemoryRateLimiter', () => {
  it('keeps one token bucket per key, behind the RateLimiter interface', async () => {
    let nowMs = 0;
    const limiter: RateLimiter = new MemoryRateLimiter({ ratePerSecond: 1, burst: 2 }, { nowMs: () => nowMs });
    const takes = (key: string, count: number) => Promise.all(Array.from({ length: count }, () => limiter.take(key)));
    expect(await takes('192.0.2.1', 3)).toEqual([true, true, false]);
    // Another key has its own allowance.
    expect(await takes('192.0.2.2', 2)).toEqual([true, true]);
    nowMs += 1_000;
    expect(await takes('192.0.2.1', 2)).toEqual([true, false]);
  });

  it('tracks at most keysMax keys, forgetting refilled buckets first and never one still in use', async () => {
    let nowMs = 0;
    const limiter = new MemoryRateLimiter({ ratePerSecond: 1, burst: 1 }, { nowMs: () => nowMs, keysMax: 2 });
    expect(await limiter.take('a')).toBe(true);
    nowMs += 1_000; // a has refilled
    expect(await limiter.take('b')).toBe(true);
    expect(await limiter.take('c')).toBe(true); // a goes: it was full
    expect(limiter.size).toBe(2);
    expect(await limiter.take('b')).toBe(false); // b was kept, still empty
  });
});
