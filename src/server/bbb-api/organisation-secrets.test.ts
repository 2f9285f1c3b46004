/**
 * Each organisation's own secret, on both engines: made and replaced by its owners and admins
 * only, its calls held in rooms the organisation owns (so its plan counts them), its meetingIDs
 * its own (another organisation's secret, and the operator's, neither see nor end them), a
 * replaced secret refused at once — on another instance too — and the operator secret unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csrfHeaderName } from '../../shared/accounts-api.js';
import { bbbApiLimits } from '../../shared/limits.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { BbbApi } from './bbb-api.js';
import { checksumAlgorithms, checksumOf } from './checksum.js';
import { type BbbApiTestApp, mathsCreateParams, startBbbApiTestApp, testMetricsToken, testSecret } from './testing.js';

describe.each(bothEngines)('organisations’ own BigBlueButton secrets (%s)', (engine) => {
  let t: BbbApiTestApp;
  let alice: TestBrowser;
  beforeEach(async () => {
    t = await startBbbApiTestApp(engine);
    alice = await signedUpPerson(t.people, 'alice@example.org', 'Alice');
    expect((await alice.request('POST', '/api/orgs', { name: 'Green School', slug: 'green' })).statusCode).toBe(201);
  });
  afterEach(async () => {
    await t.close();
  });

  /** A new organisation of `browser`'s with its secret made; returns the secret and the organisation's id. */
  const organisationWithSecret = async (browser: TestBrowser, slug: string, name: string) => {
    if (slug !== 'green') expect((await browser.request('POST', '/api/orgs', { name, slug })).statusCode).toBe(201);
    const rotated = await browser.request('POST', `/api/orgs/${slug}/bbb/rotate`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const session = (await browser.request('GET', '/api/account/session')).json();
    const membership = await t.people.people.organisations.membership(session.person.id, slug);
    return { secret: String(rotated.json().secret), organisationId: membership?.organisationId ?? '' };
  };
  const info = (secret: string, meetingId = 'maths-101') => t.call('getMeetingInfo', [['meetingID', meetingId]], { secret });

  it('shows owners the API URL and no secret, then makes one of 48 letters and digits, who made it and when', async () => {
    const before = await alice.request('GET', '/api/orgs/green/bbb');
    expect(before.json()).toEqual({
      apiUrl: 'https://meet.plenary.test/bigbluebutton/api/',
      secret: null,
      rotatedAtMs: null,
      rotatedBy: null,
    });
    expect(before.headers['cache-control']).toBe('no-store');
    const rotated = (await alice.request('POST', '/api/orgs/green/bbb/rotate')).json();
    expect(rotated.secret).toMatch(new RegExp(`^[A-Za-z0-9]{${bbbApiLimits.organisationSecretCharacters}}$`));
    expect(rotated).toMatchObject({ rotatedAtMs: t.clock.nowMs(), rotatedBy: 'Alice' });
    expect((await alice.request('GET', '/api/orgs/green/bbb')).json()).toEqual(rotated);
  });

  it('creates an organisation’s meeting in a room the organisation owns, kept off its people’s dashboards', async () => {
    const { secret, organisationId } = await organisationWithSecret(alice, 'green', 'Green School');
    const created = await t.call('create', mathsCreateParams, { secret, algorithm: 'sha256' });
    expect(created.response).toMatchObject({ returncode: 'SUCCESS', meetingID: 'maths-101' });
    const meeting = await t.api.store.findOpen('maths-101', organisationId);
    if (!meeting) throw new Error('no meeting');
    expect(meeting.organisationId).toBe(organisationId);
    const owned = await t.people.people.organisations.findOwnedRoom(meeting.roomId);
    expect(owned).toMatchObject({ organisationId, organisationSlug: 'green' });
    expect(await t.api.store.findOpen('maths-101')).toBeUndefined();
    expect((await alice.request('GET', '/api/dashboard')).json().rooms).toEqual([]);
    // A later meeting with the same meetingID is held in the same room.
    await t.call('end', [['meetingID', 'maths-101']], { secret });
    t.clock.advance(60_000);
    await t.call('create', mathsCreateParams, { secret });
    expect((await t.api.store.findOpen('maths-101', organisationId))?.roomId).toBe(meeting.roomId);
    expect(await t.people.people.organisations.roomsOfOrganisation(organisationId)).toHaveLength(1);
  });

  it('keeps an organisation’s meetings from another organisation and from the operator secret: notFound, never ended by them', async () => {
    const green = await organisationWithSecret(alice, 'green', 'Green School');
    const bob = await signedUpPerson(t.people, 'bob@example.org', 'Bob');
    const blue = await organisationWithSecret(bob, 'blue', 'Blue College');
    await t.call('create', mathsCreateParams, { secret: green.secret });
    for (const secret of [blue.secret, testSecret]) {
      expect((await info(secret)).response).toMatchObject({ returncode: 'FAILED', messageKey: 'notFound' });
      expect((await t.call('end', [['meetingID', 'maths-101']], { secret })).response.messageKey).toBe('notFound');
      expect((await t.call('isMeetingRunning', [['meetingID', 'maths-101']], { secret })).response.running).toBe('false');
      expect((await t.call('getMeetings', [], { secret })).response.messageKey).toBe('noMeetings');
      const join = await t.call(
        'join',
        [
          ['meetingID', 'maths-101'],
          ['fullName', 'Mallory'],
          ['password', 'mp'],
          ['redirect', 'false'],
        ],
        { secret },
      );
      expect(join.response.messageKey).toBe('invalidMeetingIdentifier');
    }
    expect((await info(green.secret)).response).toMatchObject({ returncode: 'SUCCESS', meetingName: 'Maths 101' });
    const listed = (await t.call('getMeetings', [], { secret: green.secret })).response.meetings as { meeting: { meetingID: string }[] };
    expect(listed.meeting.map((meeting) => meeting.meetingID)).toEqual(['maths-101']);
  });

  it('holds the same meetingID of two organisations and the operator as three meetings in three rooms', async () => {
    const green = await organisationWithSecret(alice, 'green', 'Green School');
    const bob = await signedUpPerson(t.people, 'bob@example.org', 'Bob');
    const blue = await organisationWithSecret(bob, 'blue', 'Blue College');
    const create = (secret: string, name: string) =>
      t.call(
        'create',
        [
          ['meetingID', 'maths-101'],
          ['name', name],
        ],
        { secret },
      );
    const answers = [
      await create(green.secret, 'Green maths'),
      await create(blue.secret, 'Blue maths'),
      await create(testSecret, 'Co-op maths'),
    ];
    expect(answers.map((answer) => [answer.response.returncode, answer.response.messageKey])).toEqual([
      ['SUCCESS', undefined],
      ['SUCCESS', undefined],
      ['SUCCESS', undefined],
    ]);
    expect(new Set(answers.map((answer) => answer.response.internalMeetingID)).size).toBe(3);
    const rooms = await Promise.all([
      t.api.store.findOpen('maths-101', green.organisationId),
      t.api.store.findOpen('maths-101', blue.organisationId),
      t.api.store.findOpen('maths-101'),
    ]);
    expect(new Set(rooms.map((meeting) => meeting?.roomId)).size).toBe(3);
    expect((await info(green.secret)).response.meetingName).toBe('Green maths');
    expect((await info(blue.secret)).response.meetingName).toBe('Blue maths');
    expect((await info(testSecret)).response.meetingName).toBe('Co-op maths');
    // Ending one leaves the others; a join goes to the signer's own meeting.
    expect((await t.call('end', [['meetingID', 'maths-101']], { secret: blue.secret })).response.messageKey).toBe('sentEndMeetingRequest');
    expect((await info(blue.secret)).response.messageKey).toBe('notFound');
    expect((await info(green.secret)).response.returncode).toBe('SUCCESS');
    expect((await info(testSecret)).response.returncode).toBe('SUCCESS');
    const join = await t.call(
      'join',
      [
        ['meetingID', 'maths-101'],
        ['fullName', 'Ada'],
        ['role', 'MODERATOR'],
        ['redirect', 'false'],
      ],
      { secret: green.secret },
    );
    expect(join.response.meeting_id).toBe(answers[0]?.response.internalMeetingID);
  });

  it('refuses a replaced secret at once (checksumError) and takes the new one; the operator secret works throughout', async () => {
    const { secret: old } = await organisationWithSecret(alice, 'green', 'Green School');
    expect((await t.call('getMeetings', [], { secret: old })).response.returncode).toBe('SUCCESS');
    const rotated = await alice.request('POST', '/api/orgs/green/bbb/rotate');
    const fresh = String(rotated.json().secret);
    expect(fresh).not.toBe(old);
    expect((await t.call('getMeetings', [], { secret: old })).response).toMatchObject({
      returncode: 'FAILED',
      messageKey: 'checksumError',
    });
    expect((await t.call('getMeetings', [], { secret: fresh, algorithm: 'sha512' })).response.returncode).toBe('SUCCESS');
    expect((await t.call('getMeetings', [], { secret: testSecret })).response.returncode).toBe('SUCCESS');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${testMetricsToken}` } });
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="getMeetings",returncode="SUCCESS"} 3');
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="getMeetings",returncode="FAILED"} 1');
    expect(metrics.body).not.toMatch(/plenary_bbb_api_calls_total\{[^}]*organisation/);
  });

  it('refuses on another instance a secret replaced here at once, and takes the new one there once its list is read again', async () => {
    const { secret: old, organisationId } = await organisationWithSecret(alice, 'green', 'Green School');
    const other = new BbbApi({
      storage: t.storage,
      clock: t.clock,
      rooms: t.rooms,
      registry: t.registry,
      organisations: t.people.people.organisations,
      settings: { secret: testSecret, checksumAlgorithms },
    });
    const signer = (secret: string) => other.signerOf('getMeetings', '', checksumOf('sha1', 'getMeetings', '', secret));
    expect(await signer(old)).toEqual({ organisationId, secretMadeBy: expect.any(String) });
    const fresh = String((await alice.request('POST', '/api/orgs/green/bbb/rotate')).json().secret);
    expect(await signer(old)).toBeUndefined();
    t.clock.advance(bbbApiLimits.organisationSecretsReloadAfterMs);
    expect((await signer(fresh))?.organisationId).toBe(organisationId);
    expect((await signer(testSecret))?.organisationId).toBeNull();
  });

  it('lets only owners and admins see or replace the secret: members 403, strangers 404, nobody signed in 401, no CSRF token 403', async () => {
    await alice.request('POST', '/api/orgs/green/invitations', { email: 'carol@example.org', role: 'member' });
    const carol = await signedUpPerson(t.people, 'carol@example.org', 'Carol');
    const link = (await t.people.mail.waitFor('carol@example.org', /invites you/)).text.match(/token=([\w-]+)/)?.[1];
    expect((await carol.request('POST', '/api/invitations/accept', { token: link })).statusCode).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/orgs/green/bbb'],
      ['POST', '/api/orgs/green/bbb/rotate'],
    ] as const) {
      const member = await carol.request(method, path);
      expect(member.statusCode).toBe(403);
      expect(member.json().error).toEqual({
        code: 'role_required',
        message: 'Only the owners and admins of Green School can see and replace its BigBlueButton secret.',
      });
    }
    const dan = await signedUpPerson(t.people, 'dan@example.org', 'Dan');
    expect((await dan.request('GET', '/api/orgs/green/bbb')).json().error.code).toBe('organisation_not_found');
    expect((await dan.request('POST', '/api/orgs/green/bbb/rotate')).statusCode).toBe(404);
    expect((await dan.request('GET', '/api/orgs/nowhere/bbb')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/orgs/green/bbb' })).statusCode).toBe(401);
    const forged = await alice.request('POST', '/api/orgs/green/bbb/rotate', undefined, { [csrfHeaderName]: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect((await alice.request('GET', '/api/orgs/green/bbb')).json().secret).toBeNull();
    // An admin may.
    await alice.request('POST', '/api/orgs/green/invitations', { email: 'erin@example.org', role: 'admin' });
    const erin = await signedUpPerson(t.people, 'erin@example.org', 'Erin');
    const erinLink = (await t.people.mail.waitFor('erin@example.org', /invites you/)).text.match(/token=([\w-]+)/)?.[1];
    await erin.request('POST', '/api/invitations/accept', { token: erinLink });
    expect((await erin.request('POST', '/api/orgs/green/bbb/rotate')).json()).toMatchObject({ rotatedBy: 'Erin' });
  });

  it('is off with the API: no routes for an organisation’s secret without BBB_API_SECRET', async () => {
    const off = await startBbbApiTestApp(engine, { secret: undefined });
    try {
      const ada = await signedUpPerson(off.people, 'ada@example.org', 'Ada');
      await ada.request('POST', '/api/orgs', { name: 'Ada Org', slug: 'ada' });
      expect((await ada.request('GET', '/api/orgs/ada/bbb')).statusCode).toBe(404);
      expect((await ada.request('POST', '/api/orgs/ada/bbb/rotate')).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
