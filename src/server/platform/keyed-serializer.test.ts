import { describe, expect, it } from 'vitest';
import { KeyedSerializer } from './keyed-serializer.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerializer', () => {
  it('runs work under one key one at a time in order, other keys alongside, and forgets idle keys', async () => {
    const serializer = new KeyedSerializer();
    const events: string[] = [];
    const step = (name: string) => async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([serializer.run('a', step('a1')), serializer.run('a', step('a2')), serializer.run('b', step('b1'))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('a1 end')).toBeLessThan(events.indexOf('a2 start'));
    expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'));
    await tick();
    expect(serializer.activeKeys).toBe(0);
  });

  it('passes an error on to its caller and still runs what follows', async () => {
    const serializer = new KeyedSerializer();
    const failing = serializer.run('a', async () => {
      throw new Error('broken');
    });
    const next = serializer.run('a', async () => 'ran');
    await expect(failing).rejects.toThrow('broken');
    await expect(next).resolves.toBe('ran');
  });
});
