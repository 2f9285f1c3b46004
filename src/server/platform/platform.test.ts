import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';
import { ManualClock } from './clock.js';
import { foldForSearch, searchTextOf } from './search-text.js';
import { TypedEmitter } from './typed-emitter.js';

describe('Backoff', () => {
  it('doubles up to the maximum and starts over after reset', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maximumDelayMs: 500 });
    expect([1, 2, 3, 4, 5].map(() => backoff.nextDelayMs())).toEqual([100, 200, 400, 500, 500]);
    backoff.reset();
    expect(backoff.nextDelayMs()).toBe(100);
  });
});

describe('ManualClock', () => {
  it('moves only forward, and only when told', () => {
    const clock = new ManualClock(1_000);
    clock.advance(500);
    expect(clock.nowMs()).toBe(1_500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('runs time-outs and intervals as time passes them, in order, each at its own time', () => {
    const clock = new ManualClock(0);
    const calls: string[] = [];
    clock.setTimeout(() => calls.push(`late@${clock.nowMs()}`), 250);
    const ticking = clock.setInterval(() => calls.push(`tick@${clock.nowMs()}`), 100);
    clock.setTimeout(() => calls.push(`early@${clock.nowMs()}`), 50);
    clock.advance(99);
    expect(calls).toEqual(['early@50']);
    clock.advance(201);
    expect(calls).toEqual(['early@50', 'tick@100', 'tick@200', 'late@250', 'tick@300']);
    ticking.cancel();
    ticking.cancel();
    clock.advance(1_000);
    expect(calls).toHaveLength(5);
    expect(clock.nowMs()).toBe(1_300);
    expect(clock.pendingCount).toBe(0);
  });

  it('never runs a cancelled call, runs calls scheduled by calls when due, and survives one that throws', () => {
    const clock = new ManualClock(0);
    const calls: number[] = [];
    clock.setTimeout(() => calls.push(-1), 10).cancel();
    clock.setTimeout(() => {
      calls.push(clock.nowMs());
      clock.setTimeout(() => calls.push(clock.nowMs()), 5);
    }, 10);
    clock.setTimeout(() => {
      throw new Error('broken');
    }, 12);
    clock.setTimeout(() => calls.push(clock.nowMs()), 20);
    expect(() => clock.advance(30)).toThrow('broken');
    expect(calls).toEqual([10, 15, 20]);
  });
});

class Counter extends TypedEmitter<{ tick: [count: number] }> {
  tick(count: number) {
    this.emit('tick', count);
  }
}

describe('TypedEmitter', () => {
  it('keeps calling other listeners when one throws, and reports the error', () => {
    const counter = new Counter();
    const errors: unknown[] = [];
    const seen: number[] = [];
    counter.onListenerError = (error) => errors.push(error);
    counter.on('tick', () => {
      throw new Error('listener bug');
    });
    counter.on('tick', (count) => seen.push(count));
    counter.tick(1);
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  it('runs a once-listener a single time and lets listeners be removed', () => {
    const counter = new Counter();
    const seen: number[] = [];
    counter.once('tick', (count) => seen.push(count));
    const remove = counter.on('tick', (count) => seen.push(count * 10));
    counter.tick(1);
    remove();
    counter.tick(2);
    expect(seen).toEqual([1, 10]);
  });
});

describe('text folded for search', () => {
  it('drops case, accents and compatibility forms, the same way for every engine', () => {
    expect(foldForSearch('École')).toBe('ecole');
    expect(foldForSearch('ÉCOLE')).toBe('ecole');
    expect(foldForSearch('ｅｃｏｌｅ')).toBe('ecole');
    expect(foldForSearch('Ürümqi 100%_real')).toBe('urumqi 100%_real');
    expect(searchTextOf('Brick Lane', 'Pain d’épices')).toBe('brick lane\npain d’epices');
  });
});
