/** Where time comes from. Tests use a clock they can move; everything else uses `systemClock`. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

/** The real clock. */
export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that only moves when told to; for tests of deadlines and time-outs. */
export class ManualClock implements Clock {
  constructor(private currentMs = Date.UTC(2026, 0, 1)) {}
  nowMs(): number {
    return this.currentMs;
  }
  /** Moves the clock forward by `durationMs` (never backwards). */
  advance(durationMs: number): void {
    if (durationMs < 0) throw new RangeError('a clock never moves backwards');
    this.currentMs += durationMs;
  }
}
