/**
 * The API's HTTP edge on both engines: checksums with each algorithm (and one turned off), GET
 * and POST forms, the version root, unknown calls and methods, nasty input (huge, unicode,
 * duplicated, control characters, bodies too large), `/metrics`, and the API off without a secret.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bothEngines } from '../storage/testing.js';
import { checksumAlgorithms, checksumOf } from './checksum.js';
import { formEncode } from './request.js';
import { type BbbApiTestApp, signedQuery, startBbbApiTestApp, testMetricsToken, testSecret } from './testing.js';

describe.each(bothEngines)('BigBlueButton API over HTTP (%s)', (engine) => {
  let t: BbbApiTestApp;
  beforeEach(async () => {
    t = await startBbbApiTestApp(engine);
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers the API root with the version, without a checksum', async () => {
    for (const url of ['/bigbluebutton/api', '/bigbluebutton/api/']) {
      const answer = await t.send({ method: 'GET', url });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(answer.response).toMatchObject({ returncode: 'SUCCESS', version: '2.0', apiVersion: '2.0' });
    }
  });

  it.each(checksumAlgorithms)('accepts a right %s checksum and refuses a wrong one', async (algorithm) => {
    expect((await t.call('getMeetings', [], { algorithm })).response.returncode).toBe('SUCCESS');
    const wrong = await t.call('getMeetings', [], { algorithm, secret: 'another-secret-0123456789' });
    expect(wrong.status).toBe(200);
    expect(wrong.response).toMatchObject({ returncode: 'FAILED', messageKey: 'checksumError' });
  });

  it('refuses a missing checksum, one of no known length, and one over other parameters', async () => {
    expect((await t.call('getMeetings', [], { unsigned: true })).response.messageKey).toBe('checksumError');
    expect((await t.send({ method: 'GET', url: '/bigbluebutton/api/getMeetings?checksum=abc123' })).response.messageKey).toBe(
      'checksumError',
    );
    const signed = signedQuery('isMeetingRunning', [['meetingID', 'a']], testSecret);
    const tampered = signed.replace('meetingID=a', 'meetingID=b');
    expect((await t.send({ method: 'GET', url: `/bigbluebutton/api/isMeetingRunning?${tampered}` })).response.messageKey).toBe(
      'checksumError',
    );
    // The checksum is over this call's name: the same query signed for another call does not pass.
    const forOther = signedQuery('getMeetingInfo', [['meetingID', 'a']], testSecret);
    expect((await t.send({ method: 'GET', url: `/bigbluebutton/api/isMeetingRunning?${forOther}` })).response.messageKey).toBe(
      'checksumError',
    );
  });

  it('refuses an algorithm the operator turned off', async () => {
    const strict = await startBbbApiTestApp(engine, { checksumAlgorithms: ['sha256', 'sha512'] });
    try {
      expect((await strict.call('getMeetings', [], { algorithm: 'sha1' })).response.messageKey).toBe('checksumError');
      expect((await strict.call('getMeetings', [], { algorithm: 'sha256' })).response.returncode).toBe('SUCCESS');
    } finally {
      await strict.close();
    }
  });

  it('takes POST forms: signed over the query string, or over the sorted body when the query string is empty', async () => {
    const query = signedQuery('create', [['meetingID', 'post-1']], testSecret);
    const inQuery = await t.send({
      method: 'POST',
      url: `/bigbluebutton/api/create?${query}`,
      payload: 'name=Posted+meeting',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(inQuery.response).toMatchObject({ returncode: 'SUCCESS', meetingID: 'post-1' });

    const body: [string, string][] = [
      ['name', 'Réunion ✓'],
      ['meetingID', 'post-2'],
    ];
    const signedBody = `meetingID=post-2&name=${formEncode('Réunion ✓')}`;
    const checksum = checksumOf('sha256', 'create', signedBody, testSecret);
    const inBody = await t.send({
      method: 'POST',
      url: '/bigbluebutton/api/create',
      payload: `${new URLSearchParams(body).toString()}&checksum=${checksum}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(inBody.response).toMatchObject({ returncode: 'SUCCESS', meetingID: 'post-2' });
    expect((await t.call('getMeetingInfo', [['meetingID', 'post-2']])).response.meetingName).toBe('Réunion ✓');

    const twice = await t.send({
      method: 'POST',
      url: `/bigbluebutton/api/create?${query}`,
      payload: 'meetingID=post-1&name=Again',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(twice.response.messageKey).toBe('checksumError');
  });

  it('answers an unknown call or a method a call does not take in XML, with 404 and 405', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const answer = await t.call(name);
      expect(answer.status).toBe(404);
      expect(answer.response).toMatchObject({ returncode: 'FAILED', messageKey: 'unsupportedRequest' });
    }
    const post = await t.call(
      'join',
      [
        ['meetingID', 'm'],
        ['fullName', 'A'],
        ['password', 'p'],
      ],
      { method: 'POST' },
    );
    expect(post.status).toBe(405);
    expect(post.response.messageKey).toBe('unsupportedRequest');
  });

  it('survives nasty input: huge query strings and bodies, unicode, duplicates, control characters, bad metadata', async () => {
    const huge = await t.send({ method: 'GET', url: `/bigbluebutton/api/create?name=${'x'.repeat(40_000)}&checksum=abc` });
    expect([huge.status, huge.response.messageKey]).toEqual([200, 'validationError']);
    const bigBody = await t.send({
      method: 'POST',
      url: `/bigbluebutton/api/create?${signedQuery('create', [['meetingID', 'big']], testSecret)}`,
      payload: `name=${'y'.repeat(200_000)}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect([bigBody.status, bigBody.response.messageKey]).toEqual([200, 'validationError']);

    const unicode = await t.call('create', [
      ['name', 'Café 会議 🎉 <b>&amp;</b>'],
      ['meetingID', 'réunion-会議-🎉'],
      ['meetingID', 'ignored-second'],
      ['meta_note', 'a "quoted" <tag> & more'],
    ]);
    expect(unicode.response).toMatchObject({ returncode: 'SUCCESS', meetingID: 'réunion-会議-🎉' });
    const info = (await t.call('getMeetingInfo', [['meetingID', 'réunion-会議-🎉']])).response;
    expect(info).toMatchObject({ meetingName: 'Café 会議 🎉 <b>&amp;</b>', metadata: { note: 'a "quoted" <tag> & more' } });

    const control = await t.call('create', [
      ['name', 'Bell\u0007 and\u202e bidi'],
      ['meetingID', 'ctrl'],
    ]);
    expect(control.response.returncode).toBe('SUCCESS');
    expect((await t.call('getMeetingInfo', [['meetingID', 'ctrl']])).response.meetingName).toBe('Bell and bidi');
    const refused: [string, string][][] = [
      [
        ['name', 'Ctrl id'],
        ['meetingID', 'a\u0000b'],
      ],
      [
        ['name', 'Meta'],
        ['meetingID', 'meta'],
        ['meta_a b', 'x'],
      ],
      [
        ['name', 'Meta'],
        ['meetingID', 'meta'],
        ['meta___proto__', 'x'],
      ],
    ];
    for (const params of refused) expect((await t.call('create', params)).response.messageKey).toBe('validationError');
    const many = Array.from({ length: 300 }, (_, index) => [`p${index}`, 'v'] as [string, string]);
    expect((await t.call('getMeetings', many)).response.messageKey).toBe('validationError');
  });

  it('answers a fault of the server (the database gone) with 500 in XML, not an HTML or JSON page', async () => {
    await t.storage.close();
    const answer = await t.call('getMeetingInfo', [['meetingID', 'any']]);
    expect(answer.status).toBe(500);
    expect(answer.response).toMatchObject({ returncode: 'FAILED', messageKey: 'internalError' });
  });

  it('counts every call in /metrics by call and returncode', async () => {
    await t.call('create', [
      ['name', 'Counted'],
      ['meetingID', 'counted'],
    ]);
    await t.call('create', [
      ['name', 'Counted'],
      ['meetingID', 'counted'],
    ]);
    await t.call('getMeetingInfo', [['meetingID', 'absent']]);
    await t.call('getMeetings', [], { unsigned: true });
    await t.call('nope');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${testMetricsToken}` } });
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="create",returncode="SUCCESS"} 2');
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="getMeetingInfo",returncode="FAILED"} 1');
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="getMeetings",returncode="FAILED"} 1');
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="other",returncode="FAILED"} 1');
  });

  it('is off without a secret: every path is not found', async () => {
    const off = await startBbbApiTestApp(engine, { secret: undefined });
    try {
      for (const url of ['/bigbluebutton/api', '/bigbluebutton/api/getMeetings?checksum=x']) {
        expect((await off.send({ method: 'GET', url })).status).toBe(404);
      }
    } finally {
      await off.close();
    }
  });
});
