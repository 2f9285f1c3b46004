/**
 * Rate limits. A `RateBucket` is one sender's allowance held where that sender lives (a socket, a
 * participant: both belong to one instance). A `RateLimiter` is many senders' allowances by key
 * (an address, an account), which several instances must share: today `MemoryRateLimiter` keeps
 * them in this process; a Redis-backed limiter can implement the same interface later (a token
 * bucket per key in one script), so callers already await its answer.
 */
import { limits } from '../../shared/limits.js';

/** One sender's allowance. */
export interface RateBucket {
  /** Takes one token; false when the bucket is empty (the action is refused). */
  take(): boolean;
}

/** A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. It starts full. */
export class TokenBucket implements RateBucket {
  private tokens: number;
  private lastRefillMs: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    /** Where time comes from. Default the monotonic `performance.now()`. */
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.lastRefillMs = nowMs();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket has refilled to its burst: forgetting it would change nothing. */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.nowMs();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefillMs) / 1000) * this.ratePerSecond);
    this.lastRefillMs = now;
  }
}

/** A rate: `ratePerSecond` on average, with bursts of up to `burst`. */
export interface Rate {
  ratePerSecond: number;
  burst: number;
}

/** Allowances by key, shared by every instance that uses the same store. */
export interface RateLimiter {
  /** Takes one token from `key`'s bucket (a new key starts full); false when it is empty. */
  take(key: string): Promise<boolean>;
}

/**
 * A `RateLimiter` kept in this process's memory: one `TokenBucket` per key. It tracks at most
 * `keysMax` keys (default `limits.rateLimiterKeysMax`): past that, buckets that have refilled are
 * forgotten (a full bucket is the same as none), then the oldest.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rate: Rate,
    private readonly options: { nowMs?: () => number; keysMax?: number } = {},
  ) {}

  async take(key: string): Promise<boolean> {
    return this.bucketOf(key).take();
  }

  /** Keys tracked now. */
  get size(): number {
    return this.buckets.size;
  }

  private bucketOf(key: string): TokenBucket {
    const known = this.buckets.get(key);
    if (known) return known;
    if (this.buckets.size >= (this.options.keysMax ?? limits.rateLimiterKeysMax)) this.makeRoom();
    const bucket = new TokenBucket(this.rate.ratePerSecond, this.rate.burst, this.options.nowMs);
    this.buckets.set(key, bucket);
    return bucket;
  }

  private makeRoom(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
    const keysMax = this.options.keysMax ?? limits.rateLimiterKeysMax;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < keysMax) break;
      this.buckets.delete(key);
    }
  }
}
