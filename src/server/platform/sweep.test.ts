import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { repeatEvery } from './sweep.js';

describe('repeatEvery', () => {
  it('runs its work as the clock passes each interval, never two rounds at once, until stopped', async () => {
    const clock = new ManualClock(0);
    const rounds: number[] = [];
    let finishRound: (() => void) | undefined;
    const sweep = repeatEvery(
      1_000,
      () => {
        rounds.push(clock.nowMs());
        return new Promise<void>((resolve) => {
          finishRound = resolve;
        });
      },
      () => {},
      clock,
    );
    clock.advance(999);
    expect(rounds).toEqual([]);
    clock.advance(1);
    expect(rounds).toEqual([1_000]);
    // The first round is still running: the next interval passes it by.
    clock.advance(1_000);
    expect(rounds).toEqual([1_000]);
    finishRound?.();
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(1_000);
    expect(rounds).toEqual([1_000, 3_000]);
    finishRound?.();
    await new Promise((resolve) => setImmediate(resolve));
    sweep.stop();
    clock.advance(10_000);
    expect(rounds).toEqual([1_000, 3_000]);
    expect(clock.pendingCount).toBe(0);
  });

  it('reports a failed round and carries on with the next', async () => {
    const clock = new ManualClock(0);
    const errors: unknown[] = [];
    let round = 0;
    const sweep = repeatEvery(
      100,
      async () => {
        round += 1;
        if (round === 1) throw new Error('database away');
      },
      (error) => errors.push(error),
      clock,
    );
    clock.advance(100);
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(100);
    await new Promise((resolve) => setImmediate(resolve));
    expect(round).toBe(2);
    expect(errors).toEqual([new Error('database away')]);
    sweep.stop();
  });

  it('stops only once the round under way has finished, so its owner can then close what it uses', async () => {
    const clock = new ManualClock(0);
    let finishRound: (() => void) | undefined;
    const sweep = repeatEvery(
      100,
      () =>
        new Promise<void>((resolve) => {
          finishRound = resolve;
        }),
      () => {},
      clock,
    );
    clock.advance(100);
    let stopped = false;
    const stopping = sweep.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finishRound?.();
    await stopping;
    expect(stopped).toBe(true);
  });
});
