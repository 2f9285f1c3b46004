/**
 * The BigBlueButton API inside the whole server (real Janus, the app's hooks, `/metrics`), on
 * both engines: mounted with `BBB_API_SECRET`, a POST form from an integration (no Origin) is
 * taken, the join redirect points at `PUBLIC_URL`, and the calls show in `/metrics`.
 */
import { afterEach, describe, expect, it } from 'vitest';
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
  });

  it('is off without BBB_API_SECRET', async () => {
    server = await startTestServer({ engine });
    const answer = await server.app.inject({ method: 'GET', url: '/bigbluebutton/api' });
    expect(answer.statusCode).toBe(404);
  });
});
