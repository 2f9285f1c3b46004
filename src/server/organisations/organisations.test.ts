import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { linkIn } from '../email/smtp-sink.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const schedule = {
  title: 'Board meeting',
  agenda: 'Budget',
  startsAtLocal: '2026-07-01T10:00',
  timeZone: 'Europe/London',
  durationMinutes: 60,
  invitees: ['guest@example.org'],
};

describe.each(bothEngines)('organisations, rooms and scheduling over HTTP (%s)', (engine) => {
  let fixture: PeopleTestApp;
  let alice: TestBrowser;
  let bob: TestBrowser;
  let roomId: string;

  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine, { operatorEmails: ['op@example.org'] });
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    bob = await signedUpPerson(fixture, 'bob@example.org', 'Bob');
    expect((await alice.request('POST', '/api/orgs', { name: 'Alpha Co-op', slug: 'alpha' })).statusCode).toBe(201);
    expect((await bob.request('POST', '/api/orgs', { name: 'Beta Co-op', slug: 'beta' })).statusCode).toBe(201);
    const room = await alice.request('POST', '/api/orgs/alpha/rooms', { name: 'Main room', slug: 'main' });
    expect(room.statusCode).toBe(201);
    roomId = room.json().roomId;
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('gives a person their own rooms with a readable link /r/~<handle>/<room> that resolves for them alone', async () => {
    const mine = await alice.request('POST', '/api/me/rooms', { name: 'Office hours', slug: 'office' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().readableUrl).toMatch(/\/r\/~alice\/office$/);
    expect((await alice.request('GET', '/api/people/alice/rooms/office')).json()).toEqual({ roomId: mine.json().roomId });
    // Someone else, even signed in, learns nothing: the same answer as for a room that does not exist.
    const guessed = await bob.request('GET', '/api/people/alice/rooms/office');
    expect(guessed.statusCode).toBe(404);
    expect(guessed.json().error.code).toBe('room_not_found');
    expect((await alice.request('GET', '/api/people/alice/rooms/nothing')).statusCode).toBe(404);
    // A second Alice gets a handle of her own.
    const otherAlice = await signedUpPerson(fixture, 'alice2@example.org', 'Alice');
    const theirs = await otherAlice.request('POST', '/api/me/rooms', { name: 'Desk', slug: 'desk' });
    expect(theirs.json().readableUrl).toMatch(/\/r\/~alice-2\/desk$/);
    expect((await otherAlice.request('GET', '/api/people/alice/rooms/office')).statusCode).toBe(404);
  });

  it('gives an organisation a room with a readable link that resolves for members', async () => {
    const created = (await alice.request('GET', '/api/dashboard')).json().rooms[0];
    expect(created).toMatchObject({ roomId, name: 'Main room', organisation: 'alpha', slug: 'main' });
    expect(created.readableUrl).toMatch(/\/r\/alpha\/main$/);
    expect(created.url).toMatch(new RegExp(`/r/${roomId}$`));
    expect((await alice.request('GET', '/api/orgs/alpha/rooms/main')).json()).toEqual({ roomId });
    expect(created.moderatorCode).toBe((await fixture.rooms.find(RoomIdSchema.parse(roomId)))?.moderatorCode);
    expect((await alice.request('POST', '/api/orgs/alpha/rooms', { name: 'Again', slug: 'main' })).json().error.code).toBe('slug_taken');
    expect((await alice.request('POST', '/api/orgs/alpha/rooms', { name: 'Settings', slug: 'settings' })).json().error.code).toBe(
      'invalid_request',
    );
    expect((await alice.request('POST', '/api/orgs', { name: 'Other', slug: 'alpha' })).json().error.code).toBe('slug_taken');
    expect(
      await fixture.people.identity.administersRoom((await alice.request('GET', '/api/account/session')).json().person.id, roomId),
    ).toBe(true);
  });

  it('invites a person by email link; a member can use rooms but not manage them', async () => {
    expect((await alice.request('POST', '/api/orgs/alpha/invitations', { email: 'carol@example.org', role: 'member' })).statusCode).toBe(
      202,
    );
    const token = new URL(
      linkIn((await fixture.mail.waitFor('carol@example.org', /invites you/)).text, '/invitations/accept'),
    ).searchParams.get('token');
    expect((await bob.request('POST', '/api/invitations/accept', { token })).json().error.code).toBe('invitation_for_another_email');
    const carol = await signedUpPerson(fixture, 'carol@example.org', 'Carol');
    expect((await carol.request('POST', '/api/invitations/accept', { token })).json()).toMatchObject({ slug: 'alpha', role: 'member' });
    expect((await carol.request('POST', '/api/invitations/accept', { token })).json().error.code).toBe('token_used');

    expect((await carol.request('GET', '/api/orgs/alpha/rooms/main')).json()).toEqual({ roomId });
    expect((await carol.request('GET', '/api/dashboard')).json().rooms.map((room: { roomId: string }) => room.roomId)).toEqual([roomId]);
    expect((await carol.request('GET', '/api/dashboard')).json().rooms[0]).toMatchObject({ calendarUrl: null, moderatorCode: null });
    expect((await carol.request('POST', '/api/orgs/alpha/rooms', { name: 'Mine', slug: 'mine' })).json().error.code).toBe('role_required');
    expect((await carol.request('POST', '/api/orgs/alpha/invitations', { email: 'x@example.org', role: 'admin' })).json().error.code).toBe(
      'role_required',
    );
    expect((await carol.request('POST', `/api/rooms/${roomId}/scheduled-meetings`, schedule)).json().error.code).toBe('room_not_found');
    const carolId = (await carol.request('GET', '/api/account/session')).json().person.id;
    expect(await fixture.people.identity.administersRoom(carolId, roomId)).toBe(false);
    expect((await carol.request('PUT', `/api/orgs/alpha/members/${carolId}`, { role: 'admin' })).json().error.code).toBe('role_required');
    const aliceId = (await alice.request('GET', '/api/account/session')).json().person.id;
    expect((await alice.request('PUT', `/api/orgs/alpha/members/${aliceId}`, { role: 'member' })).json().error.code).toBe('last_owner');
    expect((await alice.request('PUT', `/api/orgs/alpha/members/${carolId}`, { role: 'admin' })).statusCode).toBe(204);
    expect((await carol.request('PUT', `/api/orgs/alpha/members/${aliceId}`, { role: 'member' })).json().error.code).toBe('role_required');
    expect(await fixture.people.identity.administersRoom(carolId, roomId)).toBe(true);
    expect((await alice.request('PUT', `/api/orgs/alpha/members/${carolId}`, { role: 'member' })).statusCode).toBe(204);
    const members = (await alice.request('GET', '/api/orgs/alpha')).json().members;
    expect(members.map((member: { name: string; role: string }) => `${member.name}:${member.role}`)).toEqual([
      'Alice:owner',
      'Carol:member',
    ]);
  });

  it('never lets a member of another organisation read or change anything, however they guess ids', async () => {
    const scheduled = (await alice.request('POST', `/api/rooms/${roomId}/scheduled-meetings`, schedule)).json();
    const aliceId = (await alice.request('GET', '/api/account/session')).json().person.id;
    const feedUrl = new URL((await alice.request('GET', '/api/dashboard')).json().rooms[0].calendarUrl);
    const attempts: [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?][] = [
      ['organisation_not_found', 'GET', '/api/orgs/alpha'],
      ['room_not_found', 'GET', '/api/orgs/alpha/rooms/main'],
      ['organisation_not_found', 'POST', '/api/orgs/alpha/invitations', { email: 'bob2@example.org', role: 'admin' }],
      ['organisation_not_found', 'POST', '/api/orgs/alpha/rooms', { name: 'Hijack', slug: 'hijack' }],
      ['organisation_not_found', 'DELETE', `/api/orgs/alpha/members/${aliceId}`],
      ['organisation_not_found', 'PUT', `/api/orgs/alpha/members/${aliceId}`, { role: 'member' }],
      ['room_not_found', 'POST', `/api/rooms/${roomId}/scheduled-meetings`, schedule],
      ['scheduled_meeting_not_found', 'PUT', `/api/scheduled-meetings/${scheduled.id}`, { ...schedule, title: 'Hijacked' }],
      ['scheduled_meeting_not_found', 'DELETE', `/api/scheduled-meetings/${scheduled.id}`],
      ['calendar_not_found', 'GET', `${feedUrl.pathname.slice(0, -10)}aaaaaaaaaa.ics`],
      ['room_not_found', 'GET', '/api/orgs/beta/rooms/main'],
    ];
    for (const [code, method, url, body] of attempts) {
      const response = await bob.request(method, url, body);
      expect(response.json().error.code, `${method} ${url}`).toBe(code);
    }
    expect((await bob.request('GET', '/api/dashboard')).json().rooms).toEqual([]);
    const view = (await alice.request('GET', '/api/orgs/alpha')).json();
    expect(view.members).toHaveLength(1);
    const upcoming = (await alice.request('GET', '/api/dashboard')).json().rooms;
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0].upcomingMeetings[0]).toMatchObject({ title: 'Board meeting', cancelled: false, sequence: 0 });
    expect(fixture.mail.messages.filter((message) => message.to.includes('bob2@example.org'))).toEqual([]);
  });

  it('mails iCalendar invitations, updates and cancellations with one UID and a rising SEQUENCE, and serves a feed', async () => {
    const created = await alice.request('POST', `/api/rooms/${roomId}/scheduled-meetings`, schedule);
    expect(created.statusCode).toBe(201);
    const meeting = created.json();
    expect(meeting.startsAtMs).toBe(Date.UTC(2026, 6, 1, 9, 0)); // 10:00 BST
    const invitation = await fixture.mail.waitFor('guest@example.org', /^Invitation/);
    expect(invitation.calendarMethod).toBe('REQUEST');
    const uid = `UID:${meeting.id}@plenary`;
    expect(invitation.calendar).toContain(uid);
    expect(invitation.calendar).toContain('SEQUENCE:0');
    expect(invitation.calendar).toContain('DTSTART:20260701T090000Z');
    expect(invitation.calendar).toContain(`/r/${roomId}`);

    const updated = await alice.request('PUT', `/api/scheduled-meetings/${meeting.id}`, {
      ...schedule,
      startsAtLocal: '2026-07-01T11:00',
      invitees: ['guest@example.org', 'new@example.org'],
    });
    expect(updated.json().sequence).toBe(1);
    const update = await fixture.mail.waitFor('guest@example.org', /^Updated/);
    expect(update.calendar).toContain(uid);
    expect(update.calendar).toContain('SEQUENCE:1');
    expect(update.calendar).toContain('DTSTART:20260701T100000Z');
    await fixture.mail.waitFor('new@example.org', /^Updated/);

    expect((await alice.request('DELETE', `/api/scheduled-meetings/${meeting.id}`)).json().sequence).toBe(2);
    const cancellation = await fixture.mail.waitFor('new@example.org', /^Cancelled/);
    expect(cancellation.calendarMethod).toBe('CANCEL');
    expect(cancellation.calendar).toContain(uid);
    expect(cancellation.calendar).toContain('SEQUENCE:2');
    expect((await alice.request('DELETE', `/api/scheduled-meetings/${meeting.id}`)).json().error.code).toBe('meeting_cancelled');

    const feedUrl = new URL((await alice.request('GET', '/api/dashboard')).json().rooms[0].calendarUrl);
    const feed = await fixture.app.inject({ method: 'GET', url: feedUrl.pathname });
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.body).toContain('METHOD:PUBLISH');
    expect(feed.body).toContain(uid);
    expect(feed.body).toContain('STATUS:CANCELLED');
    expect(
      (await alice.request('POST', `/api/rooms/${roomId}/scheduled-meetings`, { ...schedule, timeZone: 'Mars/Olympus' })).json().error.code,
    ).toBe('invalid_request');
  });

  it('exports a person’s data as JSON and CSV, and deletes the account by anonymising it', async () => {
    const json = await alice.request('GET', '/api/account/export');
    expect(json.json()).toMatchObject({
      exportedAtMs: fixture.clock.nowMs(),
      account: { person: { email: 'alice@example.org', name: 'Alice' } },
      organisations: [{ slug: 'alpha', role: 'owner' }],
    });
    const csv = await alice.request('GET', '/api/account/export?format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('section,field,value');
    expect(csv.body).toContain('account,person.email,alice@example.org');

    await alice.request('POST', '/api/orgs/alpha/invitations', { email: 'carol@example.org', role: 'member' });
    const token = new URL(linkIn((await fixture.mail.waitFor('carol@example.org')).text, '/invitations')).searchParams.get('token');
    const carol = await signedUpPerson(fixture, 'carol@example.org', 'Carol');
    await carol.request('POST', '/api/invitations/accept', { token });

    expect((await alice.request('POST', '/api/account/delete', { password: 'wrong password' })).json().error.code).toBe(
      'invalid_credentials',
    );
    expect((await alice.request('POST', '/api/account/delete', { password: 'correct horse battery' })).json().error.code).toBe(
      'organisation_needs_another_owner',
    );
    expect((await carol.request('POST', '/api/me/rooms', { name: 'Carol’s desk', slug: 'desk' })).json().readableUrl).toMatch(
      /\/r\/~carol\/desk$/,
    );
    const handles = () =>
      fixture.storage.db
        .selectFrom('person_handles' as never)
        .selectAll()
        .execute() as Promise<{ handle: string }[]>;
    expect((await handles()).map((row) => row.handle)).toContain('carol');
    expect((await carol.request('POST', '/api/account/delete', { password: 'correct horse battery' })).statusCode).toBe(204);
    // The handle was made from the name: it goes too.
    expect((await handles()).map((row) => row.handle)).not.toContain('carol');
    expect((await carol.request('GET', '/api/account/session')).json()).toEqual({ person: null });
    expect((await carol.logIn('carol@example.org', 'correct horse battery')).statusCode).toBe(401);
    const people = await fixture.people.accounts.listPeople(10);
    expect(people.filter((person) => person.deleted)).toMatchObject([{ name: 'Deleted person', email: '' }]);
    expect((await alice.request('GET', '/api/orgs/alpha')).json().members).toHaveLength(1);
    expect((await alice.request('GET', '/api/dashboard')).json().rooms).toHaveLength(1);
    // The email is free again: signing up with it opens a new account (a verification link, not a notice).
    expect(
      (await carol.request('POST', '/api/account/signup', { email: 'carol@example.org', password: 'correct horse battery', name: 'Carol' }))
        .statusCode,
    ).toBe(202);
    expect((await fixture.people.accounts.findByEmail('carol@example.org'))?.emailVerified).toBe(false);
  });

  it('shows the operator console only to operators, and audits every operator request', async () => {
    expect((await alice.request('GET', '/api/operator/people')).json().error.code).toBe('operator_only');
    const operator = await signedUpPerson(fixture, 'op@example.org', 'Operator');
    expect((await operator.request('GET', '/api/account/session')).json().person.operator).toBe(true);
    const people = (await operator.request('GET', '/api/operator/people')).json().people;
    expect(people.map((person: { email: string }) => person.email)).toContain('alice@example.org');
    expect((await operator.request('GET', '/api/operator/organisations')).json().organisations).toHaveLength(2);
    expect((await operator.request('GET', '/api/operator/live')).json()).toEqual({ meetings: [], participantsNow: 0 });
    const outbox = (await operator.request('GET', '/api/operator/outbox')).json().messages;
    expect(outbox.map((message: { to: string }) => message.to)).toContain('alice@example.org');
    expect(outbox.some((message: { text: string }) => message.text.includes('verify?token=(hidden)'))).toBe(true);
    expect(outbox.some((message: { text: string }) => /token=[\w-]{20,}/.test(message.text))).toBe(false);
    const audit = (await operator.request('GET', '/api/operator/audit')).json().entries;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
      'read_audit_log',
      'read_outbox',
      'list_live_meetings',
      'list_organisations',
      'list_people',
    ]);
  });
});
