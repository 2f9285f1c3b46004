/** The people side inside the whole app (real Janus, storage, app.ts wiring), with mail kept in the outbox. */
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { TestClient } from '../signaling/test-client.js';
import { startTestServer, type TestServer } from '../testing.js';

describe('the people side in the whole app, without SMTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('keeps mail in the outbox, and tells the meetings domain who is signed in and who administers a room', async () => {
    const { app, services } = server;
    const password = 'correct horse battery';
    expect(
      (await app.inject({ method: 'POST', url: '/api/account/signup', payload: { email: 'ada@example.org', password, name: 'Ada' } }))
        .statusCode,
    ).toBe(202);
    const [mail] = await services.people.mailer.listOutbox(10);
    expect(mail).toMatchObject({ to: 'ada@example.org', sentAtMs: null });
    const token = /token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
    expect((await app.inject({ method: 'POST', url: '/api/account/verify', payload: { token } })).statusCode).toBe(200);
    const login = await app.inject({ method: 'POST', url: '/api/account/login', payload: { email: 'ada@example.org', password } });
    const cookie = `plenary_session=${login.cookies.find((candidate) => candidate.name === 'plenary_session')?.value}`;
    const headers = { cookie, 'x-csrf-token': login.json().csrfToken };
    const room = await app.inject({ method: 'POST', url: '/api/me/rooms', headers, payload: { name: 'My room', slug: 'my-room' } });
    expect(room.statusCode).toBe(201);
    const roomId = RoomIdSchema.parse(room.json().roomId);
    // The room is an ordinary meetings-domain room: its unguessable link works for guests.
    expect((await app.inject({ method: 'GET', url: `/api/rooms/${roomId}` })).json().name).toBe('My room');

    // personFromRequest reads only the request's parsed cookies.
    const sessionToken = login.cookies.find((candidate) => candidate.name === 'plenary_session')?.value ?? '';
    const request = (cookies: Record<string, string>) => ({ cookies }) as unknown as FastifyRequest;
    expect(await services.people.identity.personFromRequest(request({ plenary_session: sessionToken }))).toMatchObject({
      name: 'Ada',
      email: 'ada@example.org',
      organisations: [],
    });
    expect(await services.people.identity.personFromRequest(request({}))).toBeUndefined();
    expect(await services.people.identity.personFromRequest(request({ plenary_session: 'forged' }))).toBeUndefined();
    const personId = login.json().person.id;
    expect(await services.people.identity.administersRoom(personId, roomId)).toBe(true);
    const other = await app.inject({ method: 'POST', url: '/api/rooms' });
    expect(await services.people.identity.administersRoom(personId, other.json().roomId)).toBe(false);

    // Over the meeting's WebSocket: the signed-in owner joins as moderator, without any code.
    await server.listen();
    const media = { audioMuted: false, videoMuted: false };
    const owner = await TestClient.connect(server.baseUrl, { headers: { cookie } });
    owner.send({ type: 'join', roomId, displayName: 'Ada', media });
    expect((await owner.next('joined')).self.role).toBe('moderator');
    const guest = await TestClient.connect(server.baseUrl);
    guest.send({ type: 'join', roomId, displayName: 'Guest', media });
    expect((await guest.next('joined')).self.role).toBe('guest');
    const forged = await TestClient.connect(server.baseUrl, { headers: { cookie: 'plenary_session=forged' } });
    forged.send({ type: 'join', roomId, displayName: 'Forger', media });
    expect((await forged.next('joined')).self.role).toBe('guest');
    const elsewhere = await TestClient.connect(server.baseUrl, { headers: { cookie } });
    elsewhere.send({ type: 'join', roomId: other.json().roomId, displayName: 'Ada', media });
    expect((await elsewhere.next('joined')).self.role).toBe('guest');
    for (const client of [owner, guest, forged, elsewhere]) client.close();
  });
});
