import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retentionLimits } from '../../shared/limits.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

describe.each(bothEngines)('the accounts domain forgets rows that no longer work (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
  });
  afterEach(async () => {
    await fixture.close();
  });

  const forgetExpired = () => fixture.people.accounts.forgetExpired(fixture.clock.nowMs());
  /** Every session's expiry, in days after `startMs`, earliest first. */
  const sessionExpiries = async (startMs: number) =>
    (
      await sql<{ expires_at_ms: number | string }>`select expires_at_ms from sessions order by expires_at_ms`.execute(fixture.storage.db)
    ).rows.map((row) => (Number(row.expires_at_ms) - startMs) / dayMs);
  /** Every one-time link as `<email> <purpose>`, sorted. */
  const tokens = async () =>
    (
      await sql<{ email: string; purpose: string }>`select people.email, account_tokens.purpose from account_tokens
        join people on people.id = account_tokens.person_id order by people.email, account_tokens.purpose`.execute(fixture.storage.db)
    ).rows.map((row) => `${row.email} ${row.purpose}`);
  const count = async (table: 'oidc_pending_logins' | 'trusted_devices' | 'login_failures') =>
    Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(fixture.storage.db)).rows[0]?.n);

  it('deletes a session a day after it expired, keeps it within that day, and keeps a live one', async () => {
    const startMs = fixture.clock.nowMs();
    await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    fixture.clock.advance(5 * dayMs);
    const later = new TestBrowser(fixture.app);
    expect((await later.logIn('alice@example.org', 'correct horse battery')).statusCode).toBe(200);
    expect(await sessionExpiries(startMs)).toEqual([30, 35]);

    // The first session expired twelve hours ago: it no longer works, and is kept out its day.
    fixture.clock.advance(25 * dayMs + 12 * hourMs);
    await forgetExpired();
    expect(await sessionExpiries(startMs)).toEqual([30, 35]);

    fixture.clock.advance(12 * hourMs + minuteMs);
    expect(retentionLimits.expiredSessionKeptMs).toBe(dayMs);
    await forgetExpired();
    expect(await sessionExpiries(startMs)).toEqual([35]);
    expect((await later.request('GET', '/api/account/session')).json().person).toMatchObject({ email: 'alice@example.org' });
  });

  it('deletes a one-time link a day after it was used or expired, and keeps one still usable', async () => {
    // Alice verifies her email now; Bob signs up and never clicks his link (48 hours).
    await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    const bob = new TestBrowser(fixture.app);
    const signUp = await bob.request('POST', '/api/account/signup', {
      email: 'bob@example.org',
      password: 'correct horse battery',
      name: 'Bob',
    });
    expect(signUp.statusCode).toBe(202);
    fixture.clock.advance(12 * hourMs);
    // A reset link for Alice, good for an hour, never used.
    await fixture.people.accounts.requestPasswordReset('alice@example.org', 'en');
    expect(await tokens()).toEqual(['alice@example.org reset_password', 'alice@example.org verify_email', 'bob@example.org verify_email']);

    // A day and a minute after Alice's link was used: it goes; the reset link expired only 11 hours ago.
    fixture.clock.advance(12 * hourMs + minuteMs);
    expect(await forgetExpired()).toBe(1);
    expect(await tokens()).toEqual(['alice@example.org reset_password', 'bob@example.org verify_email']);

    // A day after the reset link expired it goes too; Bob's link still works for eleven hours.
    fixture.clock.advance(13 * hourMs);
    expect(await forgetExpired()).toBe(1);
    expect(await tokens()).toEqual(['bob@example.org verify_email']);

    // A day after Bob's expired, it goes.
    fixture.clock.advance(35 * hourMs);
    expect(await forgetExpired()).toBe(1);
    expect(await tokens()).toEqual([]);
  });

  it('deletes an unfinished single sign-on, a forgotten login-failure count and, after its year, a trusted device', async () => {
    await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    await fixture.storage.db
      .insertInto('oidc_pending_logins' as never)
      .values({
        state_hash: 'h',
        code_verifier: 'v',
        nonce: 'n',
        next_path: '/',
        expires_at_ms: fixture.clock.nowMs() + 10 * minuteMs,
      } as never)
      .execute();
    expect((await new TestBrowser(fixture.app, '203.0.113.5').logIn('alice@example.org', 'not the password at all')).statusCode).toBe(401);
    expect([await count('oidc_pending_logins'), await count('login_failures'), await count('trusted_devices')]).toEqual([1, 2, 1]);

    // Still within ten minutes and a day: nothing goes.
    fixture.clock.advance(5 * minuteMs);
    expect(await forgetExpired()).toBe(0);

    // The pending sign-on lapsed; the failures are forgotten after a day.
    // (Alice's verification link, used a day ago, goes too.)
    fixture.clock.advance(dayMs);
    expect(await forgetExpired()).toBe(4);
    expect([await count('oidc_pending_logins'), await count('login_failures'), await count('trusted_devices')]).toEqual([0, 0, 1]);

    // (Her session, expired eleven months ago, goes too.)
    fixture.clock.advance(365 * dayMs);
    expect(await forgetExpired()).toBe(2);
    expect(await count('trusted_devices')).toBe(0);
  });
});
