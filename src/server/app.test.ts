/** HTTP API, in memory with `app.inject`, against real storage and a real Janus. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomSchema } from '../shared/api.js';
import { limits } from '../shared/limits.js';
import { bothEngines } from './storage/testing.js';
import { startTestServer, type TestServer } from './testing.js';

const ledgerApiToken = 'test-ledger-token-0123456789abcdef0123';
const metricsToken = 'test-metrics-token-0123456789abcdef012345';

describe.each(bothEngines)('the HTTP API on %s', (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ engine, ledgerApiToken, metricsToken });
  });
  afterAll(async () => server?.close());

  async function countRooms(): Promise<number> {
    const row = await server.services.storage.db
      .selectFrom('rooms')
      .select((builder) => builder.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  const json = { 'content-type': 'application/json' };

  describe('rooms API', () => {
    it('creates a room with an unguessable id and a shareable link, and reads it back', async () => {
      const created = await server.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: { ...json, host: 'meet.test' },
        payload: { name: 'Board' },
      });
      expect(created.statusCode).toBe(201);
      const room = RoomSchema.parse(created.json());
      expect(room.name).toBe('Board');
      expect(room.url).toBe(`http://meet.test/r/${room.roomId}`);
      const read = await server.app.inject({ method: 'GET', url: `/api/rooms/${room.roomId}` });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ roomId: room.roomId, name: 'Board', participantsNow: 0 });
    });

    it('gives a default name when none is sent', async () => {
      const created = await server.app.inject({ method: 'POST', url: '/api/rooms', headers: json, payload: {} });
      expect(created.json()).toMatchObject({ name: 'Meeting' });
    });

    it.each([
      ['an overlong name', { name: 'x'.repeat(limits.roomNameCharactersMax + 1) }, 'invalid_request'],
      ['an empty name', { name: '   ' }, 'invalid_request'],
      ['a name with control characters', { name: 'Board\u0000' }, 'invalid_request'],
      ['an unknown field', { name: 'Board', owner: 'me' }, 'invalid_request'],
      ['a name of the wrong type', { name: 42 }, 'invalid_request'],
    ])('refuses %s and creates nothing', async (_name, payload, code) => {
      const before = await countRooms();
      const response = await server.app.inject({ method: 'POST', url: '/api/rooms', headers: json, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code } });
      expect(response.json().error.message).toMatch(/^The request is not valid/);
      expect(await countRooms()).toBe(before);
    });

    it('refuses a body that is not JSON, or an empty JSON body', async () => {
      for (const payload of ['{"name": ', '']) {
        const response = await server.app.inject({ method: 'POST', url: '/api/rooms', headers: json, payload });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ error: { code: 'invalid_request', message: 'The request body is not valid JSON.' } });
      }
    });

    it('accepts a POST with no body at all', async () => {
      const response = await server.app.inject({ method: 'POST', url: '/api/rooms' });
      expect(response.statusCode).toBe(201);
    });

    it('refuses a cross-site POST (CSRF) and creates nothing', async () => {
      const before = await countRooms();
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: { ...json, origin: 'https://evil.example', host: 'meet.test' },
        payload: {},
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'cross_origin_refused' } });
      expect(await countRooms()).toBe(before);
    });

    it('accepts a same-origin POST from a browser', async () => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: { ...json, origin: 'http://meet.test', host: 'meet.test' },
        payload: {},
      });
      expect(response.statusCode).toBe(201);
    });

    it('answers room_not_found for unknown and malformed ids', async () => {
      for (const id of ['aaaa-bbbb-cccc', 'not-a-room', "x'%20OR%20'1'='1", 'ABCD-EFGH-JKMN']) {
        const response = await server.app.inject({ method: 'GET', url: `/api/rooms/${id}` });
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ error: { code: 'room_not_found' } });
      }
    });

    it('rate-limits room creation per address', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < limits.roomCreationsPerMinuteMax + 1; index += 1) {
        const response = await server.app.inject({
          method: 'POST',
          url: '/api/rooms',
          headers: json,
          payload: {},
          remoteAddress: '192.0.2.77',
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.at(-1)).toBe(429);
      const limited = await server.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: json,
        payload: {},
        remoteAddress: '192.0.2.77',
      });
      expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
      const other = await server.app.inject({ method: 'POST', url: '/api/rooms', headers: json, payload: {}, remoteAddress: '192.0.2.78' });
      expect(other.statusCode).toBe(201);
      // Without TRUST_PROXY nobody can dodge the limit by claiming to be someone else.
      const forged = await server.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: { ...json, 'x-forwarded-for': '198.51.100.99' },
        payload: {},
        remoteAddress: '192.0.2.77',
      });
      expect(forged.statusCode).toBe(429);
    });

    it('rate-limits an IPv6 subscriber by its /64, not by each of its addresses', async () => {
      const statuses: number[] = [];
      for (let index = 0; index <= limits.roomCreationsPerMinuteMax; index += 1) {
        const remoteAddress = `2001:db8:77:1:${(index + 1).toString(16)}::1`;
        statuses.push(
          (await server.app.inject({ method: 'POST', url: '/api/rooms', headers: json, payload: {}, remoteAddress })).statusCode,
        );
      }
      expect(statuses.at(-1)).toBe(429);
      const neighbour = await server.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: json,
        payload: {},
        remoteAddress: '2001:db8:77:2::1',
      });
      expect(neighbour.statusCode).toBe(201);
    });
  });

  describe('operations', () => {
    it('reports healthy when the database and Janus answer', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', database: 'ok', janus: 'ok' });
    });

    it('exposes Prometheus metrics for rooms, participants, streams and Janus, to the metrics token only', async () => {
      const anonymous = await server.app.inject({ method: 'GET', url: '/metrics' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer');
      expect(anonymous.body).not.toMatch(/plenary_/);
      const wrong = await server.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${ledgerApiToken}` } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ error: { code: 'invalid_api_token' } });
      const response = await server.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toMatch(/^plenary_janus_up 1$/m);
      expect(response.body).toMatch(/^plenary_rooms_live 0$/m);
      expect(response.body).toMatch(/^plenary_participants 0$/m);
      expect(response.body).toMatch(/^plenary_published_streams 0$/m);
      // The supervised Janus's own account, through its admin API: the gateway's session, no room, and its CPU.
      expect(response.body).toMatch(/^plenary_media_server_admin_up\{server="janus-local",name="local"\} 1$/m);
      expect(response.body).toMatch(/^plenary_media_server_handles\{server="janus-local",name="local"\} [1-9]\d*$/m);
      expect(response.body).toMatch(/^plenary_media_server_measured_rooms\{server="janus-local",name="local"\} 0$/m);
      expect(response.body).toMatch(/^plenary_media_server_cpu_ratio\{server="janus-local",name="local"\} \d/m);
    });
  });

  describe('pages and headers', () => {
    it('sends no HSTS header when the public address is not https', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/healthz' });
      expect(response.headers['strict-transport-security']).toBeUndefined();
    });

    it('sends a strict Content-Security-Policy with no third-party origin', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/' });
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/https?:\/\/|\*|unsafe-inline|unsafe-eval/);
    });

    it('serves the web client for a room link, and JSON 404s for unknown API paths', async () => {
      const page = await server.app.inject({ method: 'GET', url: '/r/abcd-efgh-jkmn', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<div id="app">');
      expect(page.body).not.toMatch(/<script(?![^>]*src=)/);
      const api = await server.app.inject({ method: 'GET', url: '/api/nothing-here' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
    });
  });

  describe('the ledger, as wired into the app', () => {
    it('answers only with the API token, and keeps money in the journal', async () => {
      const anonymous = await server.app.inject({ method: 'GET', url: '/api/ledger/currencies' });
      expect(anonymous.statusCode).toBe(401);
      const headers = { authorization: `Bearer ${ledgerApiToken}`, 'content-type': 'application/json' };
      const created = await server.app.inject({
        method: 'POST',
        url: '/api/ledger/currencies',
        headers,
        payload: { code: 'CRD', name: 'Credit', scale: 2 },
      });
      expect(created.statusCode).toBeLessThan(300);
      const listed = await server.app.inject({ method: 'GET', url: '/api/ledger/currencies', headers });
      expect(listed.json().currencies).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'CRD', scale: 2 })]));
      expect((await server.services.ledger.verify()).ok).toBe(true);
    });
  });
});

describe('a server at an https address behind a reverse proxy, without a metrics token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ publicUrl: 'https://meet.example.coop', trustedProxies: ['10.0.0.0/8'] });
  });

  it('rate-limits each visitor the proxy names, not the proxy itself', async () => {
    const create = (visitor: string, proxy = '10.1.2.3') =>
      server.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': visitor },
        payload: {},
        remoteAddress: proxy,
      });
    const statuses: number[] = [];
    for (let index = 0; index <= limits.roomCreationsPerMinuteMax; index += 1) statuses.push((await create('198.51.100.1')).statusCode);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 201)).toBe(true);
    expect((await create('198.51.100.2')).statusCode).toBe(201);
    // Someone outside the trusted range cannot pose as a proxy.
    const direct = await create('198.51.100.3', '192.0.2.200');
    expect(direct.statusCode).toBe(201);
    for (let index = 0; index < limits.roomCreationsPerMinuteMax; index += 1) await create('198.51.100.4', '192.0.2.200');
    expect((await create('198.51.100.5', '192.0.2.200')).statusCode).toBe(429);
  });
  afterAll(async () => server?.close());

  it('tells browsers to keep to https for a year (HSTS), on pages and API answers alike', async () => {
    for (const url of ['/', '/healthz', '/api/nothing-here']) {
      const response = await server.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
    }
  });

  it('keeps /metrics closed to everyone', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'metrics_disabled', message: expect.stringContaining('METRICS_TOKEN') } });
  });
});
