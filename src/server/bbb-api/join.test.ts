/**
 * `join` on both engines: roles and passwords, one-time tickets in a redirect or the session XML,
 * the documented refusals, where a refused browser is sent, and the guest policy.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bbbApiLimits } from '../../shared/limits.js';
import { bothEngines } from '../storage/testing.js';
import { ticketHash } from './join.js';
import { type BbbApiTestApp, mathsCreateParams, startBbbApiTestApp, testSiteUrl } from './testing.js';

describe.each(bothEngines)('the join call (%s)', (engine) => {
  let t: BbbApiTestApp;
  beforeEach(async () => {
    t = await startBbbApiTestApp(engine);
  });
  afterEach(async () => {
    await t.close();
  });

  it('joins with a password or a role: a one-time ticket in the redirect, or the session XML', async () => {
    await t.call('create', mathsCreateParams);
    const redirected = await t.call('join', [
      ['meetingID', 'maths-101'],
      ['fullName', 'Ada'],
      ['password', 'mp'],
    ]);
    expect(redirected.status).toBe(302);
    const location = String(redirected.headers.location);
    expect(location.startsWith(`${testSiteUrl}/bbb/join#ticket=`)).toBe(true);
    const ticket = location.slice(location.indexOf('=') + 1);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const redeemed = await t.api.store.redeemTicket(ticketHash(ticket), t.clock.nowMs());
    expect(redeemed).toMatchObject({ fullName: 'Ada', role: 'moderator', guest: false, guestStatus: 'allow', logoutUrl: null });
    expect(await t.api.store.redeemTicket(ticketHash(ticket), t.clock.nowMs())).toBeUndefined();

    const xml = await t.call('join', [
      ['meetingID', 'maths-101'],
      ['fullName', 'Bo'],
      ['role', 'viewer'],
      ['userID', 'moodle-42'],
      ['redirect', 'false'],
    ]);
    expect(xml.response).toMatchObject({ returncode: 'SUCCESS', messageKey: 'successfullyJoined', guestStatus: 'ALLOW' });
    const withCreateTime = await t.call('join', [
      ['meetingID', 'maths-101'],
      ['fullName', 'Cy'],
      ['password', 'ap'],
      ['createTime', `0${t.clock.nowMs()}`],
      ['redirect', 'false'],
    ]);
    expect(withCreateTime.response.returncode).toBe('SUCCESS');
    expect(String(xml.response.user_id)).toMatch(/^w_[a-z0-9]{12}$/);
    const session = String(xml.response.session_token);
    expect(xml.response.url).toBe(`${testSiteUrl}/bbb/join#ticket=${session}`);
    t.clock.advance(bbbApiLimits.joinTicketLifetimeMs);
    expect(await t.api.store.redeemTicket(ticketHash(session), t.clock.nowMs())).toBeUndefined();
  });

  it('keeps userdata-* with the ticket, names as given, and refuses names that cannot be XML elements or too many', async () => {
    await t.call('create', mathsCreateParams);
    const join = (params: [string, string][]) =>
      t.call('join', [['meetingID', 'maths-101'], ['fullName', 'Ada'], ['password', 'ap'], ['redirect', 'false'], ...params]);
    const kept = await join([
      ['userdata-bbb_skip_check_audio', 'true'],
      ['userdata-Colour', ' blue\u0007 '],
    ]);
    const stored = await t.api.store.redeemTicket(ticketHash(String(kept.response.session_token)), t.clock.nowMs());
    expect(stored?.userData).toEqual({ bbb_skip_check_audio: 'true', Colour: 'blue' });
    for (const name of ['userdata-1st', 'userdata-a:b', 'userdata-', `userdata-${'x'.repeat(65)}`]) {
      expect((await join([[name, 'v']])).response.messageKey, name).toBe('validationError');
    }
    const many = Array.from({ length: bbbApiLimits.metadataEntriesMax + 1 }, (_, index): [string, string] => [`userdata-k${index}`, 'v']);
    expect((await join(many)).response.messageKey).toBe('validationError');
  });

  it('refuses joins with the documented keys: wrong password, unknown meeting, missing name, old createTime', async () => {
    const created = (await t.call('create', mathsCreateParams)).response;
    const base: [string, string][] = [
      ['meetingID', 'maths-101'],
      ['fullName', 'Ada'],
      ['redirect', 'false'],
    ];
    const answers = await Promise.all([
      t.call('join', [...base, ['password', 'wrong']]),
      t.call('join', [...base, ['password', 'MP']]),
      t.call('join', base),
      t.call('join', [
        ['meetingID', 'nope'],
        ['fullName', 'Ada'],
        ['password', 'mp'],
        ['redirect', 'false'],
      ]),
      t.call('join', [
        ['meetingID', 'maths-101'],
        ['fullName', '  '],
        ['password', 'mp'],
        ['redirect', 'false'],
      ]),
      t.call('join', [...base, ['password', 'mp'], ['createTime', String(Number(created.createTime) - 1)]]),
    ]);
    expect(answers.map((answer) => answer.response.messageKey)).toEqual([
      'invalidPassword',
      'invalidPassword',
      'invalidPassword',
      'invalidMeetingIdentifier',
      'missingParamFullName',
      'mismatchCreateTimeParam',
    ]);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });

  it('sends a browser whose join is refused to the error URL, the logout URL or this site, with the errors', async () => {
    await t.call('create', [...mathsCreateParams, ['logoutURL', 'https://lms.test/course?id=7']]);
    const errorsOf = (location: string) => JSON.parse(new URL(location).searchParams.get('errors') ?? '[]');
    const toLogout = await t.call('join', [
      ['meetingID', 'maths-101'],
      ['fullName', 'Ada'],
      ['password', 'wrong'],
    ]);
    expect(toLogout.status).toBe(302);
    const logout = new URL(String(toLogout.headers.location));
    expect([logout.origin, logout.pathname, logout.searchParams.get('id')]).toEqual(['https://lms.test', '/course', '7']);
    expect(errorsOf(logout.href)).toEqual([{ key: 'invalidPassword', message: expect.any(String) }]);
    const toErrorUrl = await t.call('join', [
      ['meetingID', 'maths-101'],
      ['fullName', 'Ada'],
      ['password', 'wrong'],
      ['errorRedirectUrl', 'https://lms.test/join-failed'],
    ]);
    expect(String(toErrorUrl.headers.location).startsWith('https://lms.test/join-failed?errors=')).toBe(true);
    const toSite = await t.call('join', [
      ['meetingID', 'unknown'],
      ['fullName', 'Ada'],
      ['password', 'ap'],
    ]);
    expect(String(toSite.headers.location).startsWith(`${testSiteUrl}/?errors=`)).toBe(true);
    expect(errorsOf(String(toSite.headers.location))[0].key).toBe('invalidMeetingIdentifier');
    // A join whose checksum fails is not trusted with any URL: it is answered in XML.
    const unsigned = await t.call(
      'join',
      [
        ['meetingID', 'maths-101'],
        ['fullName', 'Ada'],
        ['password', 'mp'],
      ],
      { unsigned: true },
    );
    expect([unsigned.status, unsigned.response.messageKey]).toEqual([200, 'checksumError']);
  });

  it('follows the guest policy: ALWAYS_DENY refuses guests, ASK_MODERATOR makes them wait', async () => {
    await t.call('create', [
      ['name', 'Deny'],
      ['meetingID', 'deny'],
      ['guestPolicy', 'ALWAYS_DENY'],
    ]);
    await t.call('create', [
      ['name', 'Ask'],
      ['meetingID', 'ask'],
      ['guestPolicy', 'ASK_MODERATOR'],
    ]);
    const guest = (meetingID: string) =>
      t.call('join', [
        ['meetingID', meetingID],
        ['fullName', 'Guest'],
        ['role', 'VIEWER'],
        ['guest', 'true'],
        ['redirect', 'false'],
      ]);
    expect((await guest('deny')).response.messageKey).toBe('guestDeniedAccess');
    expect((await guest('ask')).response).toMatchObject({ returncode: 'SUCCESS', messageKey: 'guestWait', guestStatus: 'WAIT' });
    const room = await t.rooms.find((await t.api.store.findOpen('ask'))?.roomId ?? ('' as never));
    expect(room?.waitingRoom).toBe(true);
  });
});
