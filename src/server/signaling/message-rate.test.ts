import { describe, expect, it } from 'vitest';
import { limits } from '../../shared/limits.js';
import { ManualClock } from '../platform/clock.js';
import { MessageRateGuard, type MessageRateVerdict } from './message-rate.js';

function guardWithClock() {
  const clock = new ManualClock();
  const guard = new MessageRateGuard(undefined, () => clock.nowMs());
  /** The verdicts on `count` messages arriving at once, counted by kind. */
  const burst = (count: number) => {
    const verdicts: Partial<Record<MessageRateVerdict, number>> = {};
    for (let index = 0; index < count; index += 1) {
      const verdict = guard.next();
      verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
    }
    return verdicts;
  };
  return { clock, guard, burst };
}

describe('MessageRateGuard', () => {
  it('accepts a full burst and then the allowed rate for ten minutes without dropping anything', () => {
    const { clock, burst } = guardWithClock();
    expect(burst(limits.signalingBurstMessages)).toEqual({ accept: limits.signalingBurstMessages });
    const intervalMs = 1_000 / limits.signalingMessagesPerSecondMax;
    const messages = (600 * 1_000) / intervalMs;
    let accepted = 0;
    for (let index = 0; index < messages; index += 1) {
      clock.advance(intervalMs);
      accepted += burst(1).accept ?? 0;
    }
    expect(accepted).toBe(messages);
  });

  it('answers a burst beyond the allowed one with a single warning and drops the rest silently, without closing', () => {
    const { clock, burst } = guardWithClock();
    expect(burst(limits.signalingBurstMessages + 300)).toEqual({ accept: limits.signalingBurstMessages, 'drop-and-warn': 1, drop: 299 });
    // Another burst (a participant reconnecting) in the same excess gets no second warning.
    clock.advance(1_000);
    expect(burst(limits.signalingMessagesPerSecondMax + 100)).toEqual({ accept: limits.signalingMessagesPerSecondMax, drop: 100 });
    // Once the excess window is over, a new excess is warned about once more.
    clock.advance(limits.signalingExcessWindowMs);
    expect(burst(limits.signalingBurstMessages + 1)).toEqual({ accept: limits.signalingBurstMessages, 'drop-and-warn': 1 });
  });

  it('closes once more messages than allowed are dropped within one excess window', () => {
    const { burst } = guardWithClock();
    expect(burst(limits.signalingBurstMessages + limits.signalingExcessDroppedMessagesMax)).toEqual({
      accept: limits.signalingBurstMessages,
      'drop-and-warn': 1,
      drop: limits.signalingExcessDroppedMessagesMax - 1,
    });
    expect(burst(1)).toEqual({ close: 1 });
  });

  it('never closes a sender that stays a little over the rate, warning once per window', () => {
    const { clock, burst } = guardWithClock();
    burst(limits.signalingBurstMessages);
    const warnings = { 'drop-and-warn': 0, close: 0 };
    for (let second = 0; second < 600; second += 1) {
      clock.advance(1_000);
      const verdicts = burst(limits.signalingMessagesPerSecondMax + 20);
      warnings['drop-and-warn'] += verdicts['drop-and-warn'] ?? 0;
      warnings.close += verdicts.close ?? 0;
    }
    expect(warnings).toEqual({ 'drop-and-warn': (600 * 1_000) / limits.signalingExcessWindowMs, close: 0 });
  });
});
