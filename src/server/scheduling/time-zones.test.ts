import { describe, expect, it } from 'vitest';
import { flattenForCsv } from '../accounts/index.js';
import { zonedTimeToUtcMs } from './time-zones.js';

describe('zonedTimeToUtcMs', () => {
  it('converts wall-clock times on both sides of daylight saving changes', () => {
    expect(zonedTimeToUtcMs('2026-01-15T10:00', 'Europe/London')).toBe(Date.UTC(2026, 0, 15, 10));
    expect(zonedTimeToUtcMs('2026-07-01T10:00', 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 9));
    expect(zonedTimeToUtcMs('2026-07-01T10:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 14));
    expect(zonedTimeToUtcMs('2026-03-29T12:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 10));
    expect(zonedTimeToUtcMs('2026-11-25T09:30', 'Asia/Kolkata')).toBe(Date.UTC(2026, 10, 25, 4));
    expect(zonedTimeToUtcMs('2026-11-25T09:30', 'UTC')).toBe(Date.UTC(2026, 10, 25, 9, 30));
  });
});

describe('flattenForCsv', () => {
  it('turns nested data into section, field, value rows', () => {
    expect(flattenForCsv('account', { person: { email: 'a@example.org', tags: ['x', 'y'] }, empty: [], none: null })).toEqual([
      ['account', 'person.email', 'a@example.org'],
      ['account', 'person.tags.0', 'x'],
      ['account', 'person.tags.1', 'y'],
      ['account', 'empty', ''],
      ['account', 'none', ''],
    ]);
  });
});
