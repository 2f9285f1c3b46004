import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkIn } from '../email/smtp-sink.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

describe.each(bothEngines)('invitations are kept only as long as they are needed (%s)', (engine) => {
  let fixture: PeopleTestApp;
  let alice: TestBrowser;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    expect((await alice.request('POST', '/api/orgs', { name: 'Alpha Co-op', slug: 'alpha' })).statusCode).toBe(201);
  });
  afterEach(async () => {
    await fixture.close();
  });

  /** The email of every invitation, sorted. */
  const invitedEmails = async () =>
    (await sql<{ email: string }>`select email from organisation_invitations order by email`.execute(fixture.storage.db)).rows.map(
      (row) => row.email,
    );
  const invite = async (from: TestBrowser, organisation: string, email: string) => {
    expect((await from.request('POST', `/api/orgs/${organisation}/invitations`, { email, role: 'member' })).statusCode).toBe(202);
  };
  /** Accepts the invitation last mailed to `email`, as `browser`. */
  const accept = async (browser: TestBrowser, email: string, organisation: RegExp) => {
    const letter = await fixture.mail.waitFor(email, organisation);
    const token = new URL(linkIn(letter.text, '/invitations/accept')).searchParams.get('token');
    expect((await browser.request('POST', '/api/invitations/accept', { token })).statusCode).toBe(200);
  };
  const advanceTo = (nowMs: number) => fixture.clock.advance(nowMs - fixture.clock.nowMs());
  const forgetFinished = () => fixture.people.organisations.forgetFinishedInvitations(fixture.clock.nowMs());

  it('deletes an invitation 30 days after it was accepted or expired, and keeps one still open or within its 30 days', async () => {
    const startMs = fixture.clock.nowMs();
    await invite(alice, 'alpha', 'carol@example.org');
    await invite(alice, 'alpha', 'dave@example.org');
    await accept(await signedUpPerson(fixture, 'carol@example.org', 'Carol'), 'carol@example.org', /Alpha/);
    fixture.clock.advance(10 * dayMs);
    await invite(alice, 'alpha', 'erin@example.org');
    expect(await invitedEmails()).toEqual(['carol@example.org', 'dave@example.org', 'erin@example.org']);

    // 30 days after Carol accepted; Dave's expired (day 14) only 16 days ago; Erin's is open.
    advanceTo(startMs + 30 * dayMs + minuteMs);
    expect(await forgetFinished()).toBe(1);
    expect(await invitedEmails()).toEqual(['dave@example.org', 'erin@example.org']);

    // 30 days after Dave's expired; Erin's expired (day 24) 20 days ago.
    advanceTo(startMs + 44 * dayMs + minuteMs);
    expect(await forgetFinished()).toBe(1);
    expect(await invitedEmails()).toEqual(['erin@example.org']);

    advanceTo(startMs + 54 * dayMs + minuteMs);
    expect(await forgetFinished()).toBe(1);
    expect(await invitedEmails()).toEqual([]);
  });

  it('leaves no invitation addressed to a person with their email once they delete their account', async () => {
    const bob = await signedUpPerson(fixture, 'bob@example.org', 'Bob');
    expect((await bob.request('POST', '/api/orgs', { name: 'Beta Co-op', slug: 'beta' })).statusCode).toBe(201);
    // Carol accepts Alpha's invitation; Beta's waits, unaccepted; Dave's (someone else's) stays.
    await invite(alice, 'alpha', 'carol@example.org');
    const carol = await signedUpPerson(fixture, 'carol@example.org', 'Carol');
    await accept(carol, 'carol@example.org', /Alpha/);
    await invite(bob, 'beta', 'carol@example.org');
    await invite(bob, 'beta', 'dave@example.org');
    expect(await invitedEmails()).toEqual(['carol@example.org', 'carol@example.org', 'dave@example.org']);

    expect((await carol.request('POST', '/api/account/delete', { password: 'correct horse battery' })).statusCode).toBe(204);
    expect(await invitedEmails()).toEqual(['dave@example.org']);
  });
});
