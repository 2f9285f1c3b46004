import { describe, expect, it } from 'vitest';
import { defaultInstanceId, InstanceIdSchema, newInstanceId } from './instance.js';

describe('instance ids', () => {
  it('default to the same id for the same host and data directory, and differ for another directory', () => {
    const first = defaultInstanceId('/srv/plenary/data', 'meet1.example.coop');
    expect(first).toBe(defaultInstanceId('/srv/plenary/data', 'meet1.example.coop'));
    expect(first).toMatch(/^inst_meet1\.example\.coop-[0-9a-f]{8}$/);
    expect(defaultInstanceId('/srv/plenary/data-2', 'meet1.example.coop')).not.toBe(first);
    expect(defaultInstanceId('/srv/plenary/data', 'meet2.example.coop')).not.toBe(first);
  });

  it('make a valid id from any host name', () => {
    expect(InstanceIdSchema.safeParse(defaultInstanceId('/data', '-odd host_ñame!')).success).toBe(true);
    expect(InstanceIdSchema.safeParse(defaultInstanceId('/data', '')).success).toBe(true);
  });

  it('can be fresh and random', () => {
    expect(newInstanceId()).toMatch(/^inst_[A-Za-z0-9_-]{12}$/);
    expect(newInstanceId()).not.toBe(newInstanceId());
  });
});
