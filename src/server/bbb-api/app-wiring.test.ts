/**
 * The BigBlueButton API inside the whole server (real Janus, the app's hooks, `/metrics`), on
 * both engines: mounted with `BBB_API_SECRET`, a POST form from an integration (no Origin) is
 * taken, the join redirect points at `PUBLIC_URL`, and the calls show in `/metrics`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../signaling/test-client.js';
import { bothEngines } from '../storage/testing.js';
import { startTestServer, type TestServer } from '../testing.js';
import { parseResponse, signedQuery } from './testing.js';

const secret = 'wiring-secret-0123456789abcdef';
const metricsToken = 'wiring-metrics-token-0123456789abcdef-0123';

describe.each(bothEngines)('the BigBlueButton API in the whole server (%s)', (engine) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('is mounted with BBB_API_SECRET: create by POST form, join redirects to PUBLIC_URL, counted in /metrics', async () => {
    server = await startTestServer({ engine, bbbApiSecret: secret, metricsToken, publicUrl: 'https://meet.example.coop' });
    const { app } = server;
    const created = await app.inject({
      method: 'POST',
      url: `/bigbluebutton/api/create?${signedQuery('create', [['meetingID', 'wired']], secret)}`,
      payload: 'name=Wired+meeting&attendeePW=ap&moderatorPW=mp',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(created.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(parseResponse(created.body)).toMatchObject({ returncode: 'SUCCESS', meetingID: 'wired', moderatorPW: 'mp' });
    const join = await app.inject({
      method: 'GET',
      url: `/bigbluebutton/api/join?${signedQuery(
        'join',
        [
          ['meetingID', 'wired'],
          ['fullName', 'Ada'],
          ['password', 'mp'],
        ],
        secret,
      )}`,
    });
    expect(join.statusCode).toBe(302);
    expect(String(join.headers.location).startsWith('https://meet.example.coop/bbb/join#ticket=')).toBe(true);
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="create",returncode="SUCCESS"} 1');
    expect(metrics.body).toContain('plenary_bbb_api_calls_total{call="join",returncode="SUCCESS"} 1');
    // Hooks call only public addresses unless BBB_API_PRIVATE_CALLBACKS is on (the next test's server).
    const privateHook = await app.inject({
      method: 'GET',
      url: `/bigbluebutton/api/hooks/create?${signedQuery('hooks/create', [['callbackURL', 'http://10.0.0.7/hooks']], secret)}`,
    });
    expect(parseResponse(privateHook.body)).toMatchObject({ returncode: 'FAILED', messageKey: 'createHookError' });
    // An organisation's own secret is there too, for signed-in owners and admins only.
    expect((await app.inject({ method: 'GET', url: '/api/orgs/any/bbb' })).statusCode).toBe(401);
    const crossSite = await app.inject({ method: 'POST', url: '/api/orgs/any/bbb/rotate', headers: { origin: 'https://evil.example' } });
    expect(crossSite.json().error.code).toBe('cross_origin_refused');
  });

  it('lands a join link: the ticket is used once for a grant, with which signalling joins with the name and role given (and the guest policy)', async () => {
    server = await startTestServer({ engine, bbbApiSecret: secret, bbbPrivateCallbacks: true });
    const { app } = server;
    const call = (name: string, params: [string, string][]) =>
      app.inject({ method: 'GET', url: `/bigbluebutton/api/${name}?${signedQuery(name, params, secret)}` });
    // A private address is accepted with BBB_API_PRIVATE_CALLBACKS on (for a meeting never held, so it is never called).
    const privateHook = await call('hooks/create', [
      ['callbackURL', 'http://10.0.0.7/hooks'],
      ['meetingID', 'never-held'],
    ]);
    expect(parseResponse(privateHook.body)).toMatchObject({ returncode: 'SUCCESS' });
    await call('create', [
      ['meetingID', 'landing'],
      ['name', 'Landing'],
      ['attendeePW', 'ap'],
      ['moderatorPW', 'mp'],
      ['guestPolicy', 'ASK_MODERATOR'],
      ['logoutURL', 'https://moodle.example.edu/course/view.php?id=7'],
    ]);
    const ticketOf = async (params: [string, string][]) => {
      const join = await call('join', [['meetingID', 'landing'], ...params]);
      return String(join.headers.location).split('#ticket=')[1] ?? '';
    };
    const enter = (ticket: string) => app.inject({ method: 'POST', url: '/api/bbb/enter', payload: { ticket } });
    const ticket = await ticketOf([
      ['fullName', 'Ada Teacher'],
      ['password', 'mp'],
      ['userID', 'moodle-user-42'],
      ['userdata-bbb_auto_join_audio', 'true'],
      ['userdata-Course', 'Maths <101>'],
    ]);
    const entered = await enter(ticket);
    expect(entered.statusCode, entered.body).toBe(200);
    const landing = entered.json();
    expect(landing).toMatchObject({
      displayName: 'Ada Teacher',
      role: 'moderator',
      waits: false,
      logoutUrl: 'https://moodle.example.edu/course/view.php?id=7',
    });
    // The link is spent; a made-up or malformed ticket says the same, or is refused as such.
    expect((await enter(ticket)).json().error.code).toBe('join_link_expired');
    expect((await enter('A'.repeat(43))).statusCode).toBe(410);
    expect((await enter('not a ticket')).statusCode).toBe(400);

    await server.listen();
    const media = { audioMuted: true, videoMuted: true };
    const teacher = await TestClient.connect(server.baseUrl);
    teacher.send({ type: 'join', roomId: landing.roomId, displayName: 'Anything typed', media, grant: landing.grant });
    expect((await teacher.next('joined')).self).toMatchObject({ displayName: 'Ada Teacher', role: 'moderator' });
    // getMeetingInfo names her by the integration's userID and shows its userdata back (escaped), as BigBlueButton does.
    const info = await call('getMeetingInfo', [['meetingID', 'landing']]);
    expect(info.body).toContain(
      '<customdata><bbb_auto_join_audio>true</bbb_auto_join_audio><Course>Maths &lt;101&gt;</Course></customdata>',
    );
    expect(parseResponse(info.body)).toMatchObject({
      attendees: { attendee: [{ userID: 'moodle-user-42', fullName: 'Ada Teacher', role: 'MODERATOR' }] },
    });
    // A guest's link (guest=true, the policy asks the moderator) waits; a forged grant is refused.
    const guestLanding = (
      await enter(
        await ticketOf([
          ['fullName', 'Gil Guest'],
          ['role', 'VIEWER'],
          ['guest', 'true'],
        ]),
      )
    ).json();
    expect(guestLanding).toMatchObject({ role: 'viewer', waits: true });
    const guest = await TestClient.connect(server.baseUrl);
    guest.send({ type: 'join', roomId: landing.roomId, displayName: 'Gil', media, grant: guestLanding.grant });
    await guest.next('waiting');
    const forger = await TestClient.connect(server.baseUrl);
    forger.send({ type: 'join', roomId: landing.roomId, displayName: 'Mallory', media, grant: 'B'.repeat(43) });
    expect(await forger.next('error')).toMatchObject({ code: 'join_link_expired', inReplyTo: 'join' });
    for (const client of [teacher, guest, forger]) client.close();
  });

  it('is off without BBB_API_SECRET', async () => {
    server = await startTestServer({ engine });
    const answer = await server.app.inject({ method: 'GET', url: '/bigbluebutton/api' });
    expect(answer.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: '/api/orgs/any/bbb' })).json().error.code).toBe('not_found');
  });
});
