import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PeopleTestApp, startPeopleTestApp, TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { clientAddressesForgetter } from './address-retention.js';
import { forgetExpiredRows, startExpiredRowsSweep } from './expired-rows.js';

const dayMs = 24 * 60 * 60 * 1000;
const retentionDays = 7;

describe.each(bothEngines)('client addresses kept no longer than the retention (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
  });
  afterEach(async () => {
    await fixture.close();
  });

  /** The login-failure counts as (email, scope) pairs, sorted. */
  const failureScopes = async () =>
    (await sql<{ email: string; scope: string }>`select email, scope from login_failures order by email, scope`.execute(fixture.storage.db))
      .rows;
  /** One wrong password for `email` from `address`: counted by that address and among untrusted browsers. */
  const failLogin = async (email: string, address: string) => {
    const response = await new TestBrowser(fixture.app, address).logIn(email, 'not the password at all');
    expect(response.statusCode).toBe(401);
  };
  const addresses = () =>
    clientAddressesForgetter(retentionDays, [(beforeMs) => fixture.people.accounts.forgetClientAddressesBefore(beforeMs)]);
  /** One round of the privacy sweep with the address forgetter alone; resolves to the addresses it deleted. */
  const sweep = async () => (await forgetExpiredRows({ clock: fixture.clock, forgetters: [addresses()] }))['client addresses'];

  it('deletes a count by address older than the retention, and keeps the count that names no address', async () => {
    await failLogin('old@example.org', '203.0.113.5');
    fixture.clock.advance((retentionDays + 1) * dayMs);
    // Nothing else happened since: without the sweep the address would still be there.
    expect(await failureScopes()).toEqual([
      { email: 'old@example.org', scope: 'address:203.0.113.5' },
      { email: 'old@example.org', scope: 'untrusted' },
    ]);
    expect(await sweep()).toBe(1);
    expect(await failureScopes()).toEqual([{ email: 'old@example.org', scope: 'untrusted' }]);
  });

  it('keeps a count by address newer than the retention', async () => {
    await failLogin('new@example.org', '2001:db8:7:8::1');
    fixture.clock.advance((retentionDays - 1) * dayMs);
    expect(await sweep()).toBe(0);
    expect(await failureScopes()).toContainEqual({ email: 'new@example.org', scope: 'address:2001:db8:7:8::/64' });
  });

  it('runs by itself on the clock, hourly', async () => {
    await failLogin('old@example.org', '203.0.113.5');
    fixture.clock.advance((retentionDays + 1) * dayMs);
    const retention = startExpiredRowsSweep({ clock: fixture.clock, forgetters: [addresses()], logger: pino({ level: 'silent' }) });
    fixture.clock.advance(60 * 60 * 1000);
    await retention.stop();
    expect(await failureScopes()).toEqual([{ email: 'old@example.org', scope: 'untrusted' }]);
  });
});
