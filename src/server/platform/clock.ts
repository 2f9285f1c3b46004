/**
 * Where time comes from, and how work is scheduled in it. Tests use a `ManualClock` they move
 * (time-outs and intervals fire as it passes them, in order); everything else uses `systemClock`.
 */

/** A scheduled call; `cancel()` stops it and is safe to call more than once. */
export interface ScheduledCall {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
  /**
   * Calls `callback` once, `delayMs` from now. On the system clock the timer does not keep
   * the process alive (work that must finish is awaited by whoever owns it, not by a timer).
   */
  setTimeout(callback: () => void, delayMs: number): ScheduledCall;
  /** Calls `callback` every `intervalMs` from now until cancelled; does not keep the process alive either. */
  setInterval(callback: () => void, intervalMs: number): ScheduledCall;
}

/** The real clock. */
export const systemClock: Clock = {
  nowMs: () => Date.now(),
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
  setInterval(callback, intervalMs) {
    const timer = setInterval(callback, intervalMs);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  },
};

interface PendingCall {
  id: number;
  dueMs: number;
  callback: () => void;
  /** For intervals: how far apart the calls are. */
  repeatMs?: number;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to; for tests of deadlines and time-outs. Calls scheduled
 * on it run during `advance`, each with the clock set to its due time, earliest first (ties in
 * the order they were scheduled); a call scheduled by a call runs in the same `advance` if due.
 */
export class ManualClock implements Clock {
  #currentMs: number;
  #pending: PendingCall[] = [];
  #nextId = 0;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#currentMs = startMs;
  }

  nowMs(): number {
    return this.#currentMs;
  }

  setTimeout(callback: () => void, delayMs: number): ScheduledCall {
    return this.#schedule({ callback, dueMs: this.#currentMs + Math.max(0, delayMs) });
  }

  setInterval(callback: () => void, intervalMs: number): ScheduledCall {
    if (!(intervalMs > 0)) throw new RangeError('an interval must be longer than 0 ms');
    return this.#schedule({ callback, dueMs: this.#currentMs + intervalMs, repeatMs: intervalMs });
  }

  /** How many calls are waiting (cancelled ones not counted). */
  get pendingCount(): number {
    return this.#pending.filter((call) => !call.cancelled).length;
  }

  /**
   * Moves the clock forward by `durationMs` (never backwards), running every call that falls due
   * on the way. A call that throws does not stop the others; the first error is rethrown at the end.
   */
  advance(durationMs: number): void {
    if (durationMs < 0) throw new RangeError('a clock never moves backwards');
    const targetMs = this.#currentMs + durationMs;
    const errors: unknown[] = [];
    for (let call = this.#nextDue(targetMs); call; call = this.#nextDue(targetMs)) {
      this.#currentMs = call.dueMs;
      if (call.repeatMs === undefined) call.cancelled = true;
      else call.dueMs += call.repeatMs;
      try {
        call.callback();
      } catch (error) {
        errors.push(error);
      }
    }
    this.#currentMs = targetMs;
    this.#pending = this.#pending.filter((call) => !call.cancelled);
    if (errors.length > 0) throw errors[0];
  }

  #schedule(fields: Pick<PendingCall, 'callback' | 'dueMs' | 'repeatMs'>): ScheduledCall {
    const call: PendingCall = { ...fields, id: this.#nextId++, cancelled: false };
    this.#pending.push(call);
    return {
      cancel: () => {
        call.cancelled = true;
      },
    };
  }

  #nextDue(targetMs: number): PendingCall | undefined {
    let next: PendingCall | undefined;
    for (const call of this.#pending) {
      if (call.cancelled || call.dueMs > targetMs) continue;
      if (!next || call.dueMs < next.dueMs || (call.dueMs === next.dueMs && call.id < next.id)) next = call;
    }
    return next;
  }
}
