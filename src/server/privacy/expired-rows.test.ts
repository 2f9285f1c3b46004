import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { peopleExpiredRowsForgetters } from '../people/index.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp } from '../people/testing.js';
import { ManualClock } from '../platform/clock.js';
import { bothEngines } from '../storage/testing.js';
import { forgetExpiredRows, keptForDays, startExpiredRowsSweep } from './expired-rows.js';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

describe('forgetting rows past their keeping time', () => {
  it('asks every forgetter with the clock’s now, and runs them all even when one fails', async () => {
    const clock = new ManualClock(1_000_000);
    const asked: number[] = [];
    /** A forgetter that notes when it was asked and deletes `deleted` rows. */
    const counting = (rows: string, deleted: number) => ({
      rows,
      forget: async (nowMs: number) => {
        asked.push(nowMs);
        return deleted;
      },
    });
    const sessions = counting('sessions', 2);
    const broken = {
      rows: 'broken',
      forget: async (): Promise<number> => {
        throw new Error('database gone');
      },
    };
    const letters = counting('letters', 3);
    await expect(forgetExpiredRows({ clock, forgetters: [sessions, broken, letters] })).rejects.toThrow(AggregateError);
    expect(asked).toEqual([1_000_000, 1_000_000]);
    expect(await forgetExpiredRows({ clock, forgetters: [sessions, letters] })).toEqual({ sessions: 2, letters: 3 });
  });

  it('turns a retention in days into the cut-off before now', async () => {
    const cutOffs: number[] = [];
    const forget = keptForDays(7, async (beforeMs) => {
      cutOffs.push(beforeMs);
      return 0;
    });
    await forget(10 * dayMs);
    expect(cutOffs).toEqual([3 * dayMs]);
  });
});

describe.each(bothEngines)('the privacy sweep deletes the people side’s rows past their keeping time (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
  });
  afterEach(async () => {
    await fixture.close();
  });

  const count = async (table: string) =>
    Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(fixture.storage.db)).rows[0]?.n);

  it('runs by itself on the clock, hourly', async () => {
    const alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    expect((await alice.request('POST', '/api/orgs', { name: 'Alpha Co-op', slug: 'alpha' })).statusCode).toBe(201);
    const invited = await alice.request('POST', '/api/orgs/alpha/invitations', { email: 'bob@example.org', role: 'member' });
    expect(invited.statusCode).toBe(202);
    await fixture.mail.waitFor('bob@example.org');
    const tables = ['sessions', 'account_tokens', 'organisation_invitations', 'email_outbox'];
    const unsent = () => sql<{ id: string }>`select id from email_outbox where sent_at_ms is null`.execute(fixture.storage.db);
    await expect.poll(async () => (await unsent()).rows).toEqual([]);
    expect(await Promise.all(tables.map(count))).toEqual([1, 1, 1, 2]);
    // Her session expired 15 days ago, her verification link was used and Bob's invitation expired
    // over 30 days ago, and both letters (verification, invitation) were sent over 7 days ago.
    fixture.clock.advance(45 * dayMs);
    const sweep = startExpiredRowsSweep({
      clock: fixture.clock,
      forgetters: peopleExpiredRowsForgetters(fixture.people, { sentMailRetentionDays: 7 }),
      logger: pino({ level: 'silent' }),
    });
    try {
      // Nothing goes until the sweep's hour has come.
      expect(await Promise.all(tables.map(count))).toEqual([1, 1, 1, 2]);
      fixture.clock.advance(hourMs);
    } finally {
      await sweep.stop();
    }
    expect(await Promise.all(tables.map(count))).toEqual([0, 0, 0, 0]);
  });
});
