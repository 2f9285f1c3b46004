import { describe, expect, it } from 'vitest';
import { linkQuality, networkReportOf, qualityLevel, type StatsTotals } from './connection-quality.js';

const totals = (changes: Partial<StatsTotals>): StatsTotals => ({
  atMs: 0,
  packets: 0,
  packetsLost: 0,
  bytes: 0,
  roundTripMs: undefined,
  relayed: false,
  ...changes,
});

describe('connection quality', () => {
  it('rates loss and round trip: good, fair from 3 % or 300 ms, poor from 8 % or 600 ms', () => {
    expect(qualityLevel(0, 40)).toBe('good');
    expect(qualityLevel(0.029, 299)).toBe('good');
    expect(qualityLevel(0.03, 40)).toBe('fair');
    expect(qualityLevel(0, 300)).toBe('fair');
    expect(qualityLevel(0.08, undefined)).toBe('poor');
    expect(qualityLevel(0.01, 650)).toBe('poor');
  });

  it('measures loss, bitrate and the path between two samples, and nothing when nothing flowed', () => {
    const before = totals({ atMs: 1_000, packets: 1_000, packetsLost: 10, bytes: 100_000 });
    const now = totals({ atMs: 4_000, packets: 1_900, packetsLost: 110, bytes: 475_000, roundTripMs: 80, relayed: true });
    expect(linkQuality(before, now)).toEqual({ level: 'poor', lossRatio: 0.1, roundTripMs: 80, bitrateKbps: 1_000, relayed: true });
    expect(linkQuality(before, { ...before, atMs: 4_000 })).toBeUndefined();
    // Counters that went backwards (a new connection under the same key) never give negative loss.
    expect(linkQuality(before, totals({ atMs: 2_000, packets: 1_100, packetsLost: 0, bytes: 100_000 }))?.lossRatio).toBe(0);
  });

  it('reports within the protocol’s bounds', () => {
    expect(networkReportOf({ level: 'poor', lossRatio: 1.5, roundTripMs: 90_000, bitrateKbps: 1, relayed: false })).toEqual({
      relayed: false,
      lossRatio: 1,
      roundTripMs: 60_000,
    });
    expect(networkReportOf({ level: 'good', lossRatio: 0, roundTripMs: undefined, bitrateKbps: 1, relayed: true }).roundTripMs).toBeNull();
  });
});
