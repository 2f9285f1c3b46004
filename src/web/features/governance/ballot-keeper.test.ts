import { describe, expect, it } from 'vitest';
import {
  type BallotStorage,
  canKeepBallots,
  forgetBallot,
  keepBallot,
  keptBallot,
  keptBallotKey,
  newBallotToken,
} from './ballot-keeper.js';

const token = `${'A'.repeat(42)}z`;
const otherToken = `${'b'.repeat(42)}_`;

/** A Storage held in a Map; `refuses` makes every write throw, as a full or blocked storage does. */
function fakeStorage(refuses = false): BallotStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (refuses) throw new DOMException('quota exceeded', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

describe('the ballot keeper', () => {
  it('keeps a secret ballot’s token and ballot per proposal and member, and reads them back', () => {
    const storage = fakeStorage();
    expect(keepBallot(storage, 'p1', 'm1', { token, ballot: 'yes' })).toBe(true);
    expect(keepBallot(storage, 'p1', 'm2', { token: otherToken, ballot: [2, 0] })).toBe(true);
    expect(keptBallot(storage, 'p1', 'm1')).toEqual({ token, ballot: 'yes' });
    expect(keptBallot(storage, 'p1', 'm2')).toEqual({ token: otherToken, ballot: [2, 0] });
    expect(keptBallot(storage, 'p2', 'm1')).toBeUndefined();
    expect([...storage.items.keys()].sort()).toEqual(['plenary.ballot.p1.m1', 'plenary.ballot.p1.m2']);
    expect(keptBallotKey('p1', 'm1')).toBe('plenary.ballot.p1.m1');
  });

  it('replaces the ballot when it is changed, and forgets it when asked', () => {
    const storage = fakeStorage();
    keepBallot(storage, 'p1', 'm1', { token, ballot: 'yes' });
    keepBallot(storage, 'p1', 'm1', { token, ballot: 'no' });
    expect(keptBallot(storage, 'p1', 'm1')).toEqual({ token, ballot: 'no' });
    forgetBallot(storage, 'p1', 'm1');
    expect(keptBallot(storage, 'p1', 'm1')).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('counts what is not a kept ballot as nothing kept', () => {
    const storage = fakeStorage();
    for (const text of ['not json', '{}', JSON.stringify({ token: 'short', ballot: 'yes' }), JSON.stringify({ token, ballot: 'maybe' })]) {
      storage.items.set(keptBallotKey('p1', 'm1'), text);
      expect(keptBallot(storage, 'p1', 'm1')).toBeUndefined();
    }
  });

  it('says so, rather than throwing, when the storage refuses or is missing', () => {
    const refusing = fakeStorage(true);
    expect(canKeepBallots(refusing)).toBe(false);
    expect(keepBallot(refusing, 'p1', 'm1', { token, ballot: 'yes' })).toBe(false);
    expect(keptBallot(refusing, 'p1', 'm1')).toBeUndefined();
    expect(canKeepBallots(undefined)).toBe(false);
    expect(keepBallot(undefined, 'p1', 'm1', { token, ballot: 'yes' })).toBe(false);
    expect(keptBallot(undefined, 'p1', 'm1')).toBeUndefined();
    expect(() => forgetBallot(undefined, 'p1', 'm1')).not.toThrow();
    const working = fakeStorage();
    expect(canKeepBallots(working)).toBe(true);
    expect(working.items.size).toBe(0);
  });
});

describe('a ballot token drawn in the browser', () => {
  it('is 32 random bytes in base64url, 43 characters, as the server expects', () => {
    const token = newBallotToken((bytes) => bytes.fill(0xfb));
    expect(token).toBe('-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_s');
    expect(newBallotToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newBallotToken()).not.toBe(newBallotToken());
  });
});
