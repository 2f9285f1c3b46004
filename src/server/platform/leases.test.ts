/**
 * The sweeps' leases on both engines: one holder at a time, also when many ask at once; a lapsed
 * lease is taken over; a sweep on two instances sharing a database does each round's work once,
 * and the other instance takes over when the first stops.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allMigrations } from '../migrations.js';
import { bothEngines, openTestStorage, type TestStorage } from '../storage/testing.js';
import { ManualClock } from './clock.js';
import { InstanceIdSchema } from './instance.js';
import { Leases } from './leases.js';
import { repeatEvery } from './sweep.js';

const instance = (name: string) => InstanceIdSchema.parse(`inst_${name}`);

describe.each(bothEngines)('leases (%s)', (engine) => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await openTestStorage(engine, allMigrations);
  });
  afterAll(async () => storage?.dispose());

  it('has one holder until it lapses or is given back', async () => {
    const clock = new ManualClock();
    const a = new Leases(storage, clock, instance('a'));
    const b = new Leases(storage, clock, instance('b'));
    expect(await a.take('held', 1_000)).toBe(true);
    expect(await b.take('held', 1_000)).toBe(false);
    clock.advance(900);
    expect(await a.take('held', 1_000)).toBe(true);
    clock.advance(900);
    expect(await b.take('held', 1_000)).toBe(false);
    clock.advance(100);
    // a took it again 1 000 ms ago and has not since: it lapsed.
    expect(await b.take('held', 1_000)).toBe(true);
    expect(await a.take('held', 1_000)).toBe(false);
    await a.release('held');
    expect(await a.take('held', 1_000)).toBe(false);
    await b.release('held');
    expect(await a.take('held', 1_000)).toBe(true);
  });

  it('goes to exactly one of many instances asking at once', async () => {
    const clock = new ManualClock();
    const askers = Array.from({ length: 12 }, (_, index) => new Leases(storage, clock, instance(`racer${index}`)));
    const answers = await Promise.all(askers.map((leases) => leases.take('race', 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('runs a sweep of two instances once a round, and on the other when the first stops', async () => {
    const clock = new ManualClock();
    const rounds: string[] = [];
    const sweepOn = (name: string) =>
      repeatEvery(
        1_000,
        async () => {
          rounds.push(name);
        },
        (error) => {
          throw error;
        },
        clock,
        { leases: new Leases(storage, clock, instance(name)), name: 'shared-sweep' },
      );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const first = sweepOn('first');
    const second = sweepOn('second');
    for (let round = 0; round < 4; round++) {
      clock.advance(1_000);
      await vi.waitFor(() => expect(rounds).toHaveLength(round + 1));
      await settle();
    }
    expect(rounds).toHaveLength(4);
    const holder = rounds[0];
    expect(new Set(rounds)).toEqual(new Set([holder]));
    await (holder === 'first' ? first : second).stop();
    clock.advance(1_000);
    await vi.waitFor(() => expect(rounds).toHaveLength(5));
    expect(rounds.at(-1)).toBe(holder === 'first' ? 'second' : 'first');
    await first.stop();
    await second.stop();
  });

  it('keeps the lease through a round longer than its time, so the other instance does not start the same work', async () => {
    const clock = new ManualClock();
    let finishLongRound: () => void = () => {};
    const started: string[] = [];
    const sweepOn = (name: string) =>
      repeatEvery(
        1_000,
        async () => {
          started.push(name);
          await new Promise<void>((resolve) => {
            finishLongRound = resolve;
          });
        },
        (error) => {
          throw error;
        },
        clock,
        { leases: new Leases(storage, clock, instance(name)), name: 'long-sweep' },
      );
    const first = sweepOn('long-first');
    clock.advance(1_000);
    await vi.waitFor(() => expect(started).toEqual(['long-first']));
    const second = sweepOn('long-second');
    // Five intervals into the first round, past the lease's three: the second instance still finds it held.
    for (let interval = 0; interval < 5; interval++) {
      clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(started).toEqual(['long-first']);
    finishLongRound();
    await first.stop();
    clock.advance(1_000);
    await vi.waitFor(() => expect(started).toEqual(['long-first', 'long-second']));
    finishLongRound();
    await second.stop();
  });
});
