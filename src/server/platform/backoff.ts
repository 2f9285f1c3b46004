/** Exponential back-off for restarts and reconnections. */
export interface BackoffOptions {
  /** First delay, in milliseconds. Default 250. */
  initialDelayMs?: number;
  /** Largest delay, in milliseconds. Default 10,000. */
  maximumDelayMs?: number;
  /** Factor between consecutive delays. Default 2. */
  factor?: number;
}

/** Yields growing delays; `reset()` after a success starts over from the first delay. */
export class Backoff {
  private attempt = 0;
  private readonly initialDelayMs: number;
  private readonly maximumDelayMs: number;
  private readonly factor: number;

  constructor(options: BackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 250;
    this.maximumDelayMs = options.maximumDelayMs ?? 10_000;
    this.factor = options.factor ?? 2;
  }

  /** The delay before the next attempt. */
  nextDelayMs(): number {
    const delay = Math.min(this.maximumDelayMs, this.initialDelayMs * this.factor ** this.attempt);
    this.attempt += 1;
    return delay;
  }

  /** Starts over from the first delay. */
  reset(): void {
    this.attempt = 0;
  }
}
