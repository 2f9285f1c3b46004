/**
 * Two instances sharing one PostgreSQL schema and one Redis, each with its real supervised Janus:
 * a browser that reaches the instance not holding its room's meeting is relayed to the one that
 * does, and meets the others there; when its instance stops it resumes through the other.
 */
import { Redis } from 'ioredis';
import { customAlphabet, nanoid } from 'nanoid';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { InstanceIdSchema } from '../platform/instance.js';
import { TestClient } from '../signaling/test-client.js';
import type { TestStorage } from '../storage/testing.js';
import { startTestServer, type TestServer, testClusterSecret, testRedisUrl } from '../testing.js';
import { ClusterBus } from './bus.js';

const redisPrefix = `plenary-test-${nanoid(8)}:`;
let first: TestServer;
let second: TestServer;
const clients: TestClient[] = [];
const metricsToken = 'cluster-metrics-token';

/** One gauge's value in an instance's `/metrics`. */
async function gauge(server: TestServer, line: string): Promise<number | undefined> {
  const response = await server.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
  const found = response.body.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

beforeAll(async () => {
  first = await startTestServer({ cluster: { redisPrefix }, instanceId: InstanceIdSchema.parse('inst_first'), metricsToken });
  const schema = (first.services.storage as TestStorage).location;
  if (schema.engine !== 'postgres') throw new Error('a cluster test needs PostgreSQL');
  second = await startTestServer({
    cluster: { redisPrefix, schema: schema.schema },
    instanceId: InstanceIdSchema.parse('inst_second'),
    metricsToken,
  });
  await Promise.all([first.listen(), second.listen()]);
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.close();
  // The first drops the schema both use: it closes last.
  await second?.close();
  await first?.close();
});

async function connect(server: TestServer): Promise<TestClient> {
  const client = await TestClient.connect(server.baseUrl);
  clients.push(client);
  return client;
}

async function newRoom(): Promise<string> {
  return (await first.services.rooms.create({ name: 'Shared', participantsMax: 10 })).id;
}

/** A new room's meeting, held by the first instance: Ada joined there, Grace through the second (relayed), and Ada told so. */
async function meetAcross() {
  const roomId = await newRoom();
  const ada = await connect(first);
  await ada.join(roomId, 'Ada');
  const grace = await connect(second);
  const graceJoined = await grace.join(roomId, 'Grace');
  await ada.next('participant-joined');
  return { roomId, ada, grace, graceJoined };
}

describe('participants on different instances', () => {
  it('meet in the meeting one instance holds, whichever instance their socket reached', async () => {
    const roomId = await newRoom();
    const ada = await connect(first);
    const adaJoined = await ada.join(roomId, 'Ada');
    const grace = await connect(second);
    const graceJoined = await grace.join(roomId, 'Grace');

    // One meeting, held by the first instance; the second holds none.
    expect(graceJoined.participants.map((participant) => participant.displayName)).toEqual(['Ada']);
    expect((await ada.next('participant-joined')).participant.displayName).toBe('Grace');
    expect(first.services.registry.find(RoomIdSchema.parse(roomId))?.participants.size).toBe(2);
    expect(second.services.registry.find(RoomIdSchema.parse(roomId))).toBeUndefined();
    expect(second.services.relay?.counts).toEqual({ forwarded: 1, hosted: 0 });
    expect(await gauge(second, 'plenary_relayed_browsers{side="forwarded"}')).toBe(1);
    expect(await gauge(first, 'plenary_relayed_browsers{side="served"}')).toBe(1);
    expect(await gauge(first, 'plenary_redis_up')).toBe(1);
    expect((await second.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok', database: 'ok', janus: 'ok', redis: 'ok' });

    // Meeting messages go both ways through the relay.
    grace.send({ type: 'chat-send', to: null, text: 'hello from the second instance' });
    expect((await ada.next('chat')).message).toMatchObject({ text: 'hello from the second instance', fromName: 'Grace' });
    ada.send({ type: 'hand', raised: true });
    const raised = await grace.next('participant-updated');
    expect(raised.participant).toMatchObject({ participantId: adaJoined.self.participantId });
    expect(raised.participant.handRaisedAtMs).not.toBeNull();

    // Bad frames are answered by the holder, as for its own browsers.
    grace.send('{"type":"chat-send"');
    expect(await grace.next('error')).toMatchObject({ code: 'malformed_message' });

    // Leaving through the relay is leaving.
    grace.close();
    expect((await ada.next('participant-left')).participantId).toBe(graceJoined.self.participantId);
  });

  it('are seen by the operators from either instance: both alive, one holding the meeting, the other relaying a browser to it', async () => {
    const { roomId, grace } = await meetAcross();
    await vi.waitFor(
      async () => {
        const view = await second.services.instances.view(Date.now());
        expect(view.redis).toBe('ok');
        expect(view.instances.map((instance) => [instance.id, instance.current, instance.state])).toEqual([
          ['inst_second', true, 'alive'],
          ['inst_first', false, 'alive'],
        ]);
        expect(view.instances[0]).toMatchObject({ meetings: 0, participants: 0, relayedOut: 1, relayedIn: 0 });
        // The first holds this meeting (and the previous test's, where Ada stayed).
        const firstHolds = first.services.registry.liveRoomIds().length;
        expect(firstHolds).toBeGreaterThanOrEqual(1);
        expect(view.instances[1]).toMatchObject({ meetings: firstHolds, relayedOut: 0, relayedIn: 1 });
        expect(view.instances[1]?.participants).toBe(first.services.registry.counts().participants);
        expect(view.instances[1]?.lastHeardAtMs).toBeGreaterThan(Date.now() - 10_000);
      },
      { timeout: 10_000, interval: 250 },
    );
    expect(first.services.registry.find(RoomIdSchema.parse(roomId))).toBeDefined();
    grace.close();
  });

  it('finds a relayed browser whose leaving was lost on the way (Redis blinked) and treats it as gone', async () => {
    const { ada, grace, graceJoined } = await meetAcross();
    // The second instance forgets the session as if its `relay-gone` had been sent and lost.
    (second.services.relay as unknown as { forwarded: Map<string, unknown> }).forwarded.clear();
    grace.socket.terminate();
    // The holder's audit asks the second which sessions it still forwards, and lets Grace's place go to the grace period.
    const update = await ada.next('participant-updated', 15_000);
    expect(update.participant).toMatchObject({ participantId: graceJoined.self.participantId, reconnecting: true });
    expect(first.services.relay?.counts.hosted).toBe(0);
  });

  it('ignores what is not sealed with the installation’s secret, not of the protocol, or claims another instance’s session', async () => {
    const { roomId, ada, grace } = await meetAcross();
    const holder = InstanceIdSchema.parse('inst_first');
    const busOf = (id: string, secret: string) =>
      new ClusterBus({
        url: testRedisUrl,
        prefix: redisPrefix,
        instanceId: InstanceIdSchema.parse(id),
        secret,
        logger: pino({ level: 'silent' }),
      });
    // Someone else on Redis, without the secret, asks to join Ada's meeting as an administrator.
    const outsider = busOf('inst_outsider', 'not-the-installations-secret-at-all');
    // An instance of the installation sending a frame for a session that is not its own.
    const insider = busOf('inst_insider', testClusterSecret);
    await Promise.all([outsider.start(), insider.start()]);
    try {
      await outsider.send(holder, {
        type: 'relay-open',
        session: 'forged-session-0001',
        from: outsider.instanceId,
        roomId: RoomIdSchema.parse(roomId),
        join: JSON.stringify({ type: 'join', roomId, displayName: 'Mallory', media: { audioMuted: true, videoMuted: true } }),
        identity: { administrator: true },
        language: 'en',
      });
      await insider.send(holder, { type: 'relay-frame', session: 'not-a-session-of-yours', from: insider.instanceId, frame: '{}' });
      const raw = new Redis(testRedisUrl);
      await raw.publish(`${redisPrefix}instance:inst_first`, 'not json');
      await raw.publish(`${redisPrefix}instance:inst_first`, JSON.stringify({ type: 'relay-open', session: 'x' }));
      raw.disconnect();
      // The meeting carries on, with nobody more in it.
      grace.send({ type: 'chat-send', to: null, text: 'still here' });
      expect((await ada.next('chat')).message).toMatchObject({ text: 'still here' });
      expect(first.services.registry.find(RoomIdSchema.parse(roomId))?.participants.size).toBe(2);
      expect(ada.received.filter((message) => message.type === 'participant-joined')).toEqual([]);
    } finally {
      await Promise.all([outsider.close(), insider.close()]);
    }
  });

  it('lets a relayed browser be who its cookie says (a room’s owner, moderator there) only in the room it was read for', async () => {
    const { app, services } = first;
    const password = 'correct horse battery';
    const email = `owner-${nanoid(6).toLowerCase()}@example.org`;
    await app.inject({ method: 'POST', url: '/api/account/signup', payload: { email, password, name: 'Olu' } });
    const mail = (await services.people.mailer.listOutbox(50)).find((letter) => letter.to === email);
    const token = /token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
    expect((await app.inject({ method: 'POST', url: '/api/account/verify', payload: { token } })).statusCode).toBe(200);
    const login = await app.inject({ method: 'POST', url: '/api/account/login', payload: { email, password } });
    const cookie = `plenary_session=${login.cookies.find((candidate) => candidate.name === 'plenary_session')?.value}`;
    const headers = { cookie, 'x-csrf-token': login.json().csrfToken };
    const owned = await app.inject({
      method: 'POST',
      url: '/api/me/rooms',
      headers,
      // A slug takes letters, digits and dashes only (nanoid's alphabet has `_` too).
      payload: { name: 'Olu’s room', slug: `olu-${customAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', 6)()}` },
    });
    expect(owned.statusCode, `${owned.body} after signing in with ${login.statusCode} ${login.body.slice(0, 200)}`).toBe(201);
    const ownRoomId = owned.json().roomId as string;
    const otherRoomId = await newRoom();
    // Both meetings are held by the first instance.
    for (const roomId of [ownRoomId, otherRoomId]) await (await connect(first)).join(roomId, 'Guest');

    // The owner's socket reaches the second instance, with the session cookie: moderator in the own room, through the relay.
    const owner = await TestClient.connect(second.baseUrl, { headers: { cookie } });
    clients.push(owner);
    owner.send({ type: 'join', roomId: ownRoomId, displayName: 'Olu', media: { audioMuted: true, videoMuted: true } });
    expect((await owner.next('joined')).self.role).toBe('moderator');
    // Leaving and joining another room on the same relayed socket: not the owner's room, so not moderator there.
    owner.send({ type: 'leave' });
    owner.send({ type: 'join', roomId: otherRoomId, displayName: 'Olu', media: { audioMuted: true, videoMuted: true } });
    expect((await owner.next('joined')).self.role).toBe('guest');
  });
});

describe('an instance that stops', () => {
  it('loses nobody: its relayed browsers resume their places through the other instance', async () => {
    const { roomId, ada, grace, graceJoined } = await meetAcross();

    // The second instance goes away (its browsers' sockets close with it)…
    second.connections.shutdownAll();
    expect(await grace.closed).toBe(1001);
    expect((await ada.next('participant-updated')).participant).toMatchObject({
      participantId: graceJoined.self.participantId,
      reconnecting: true,
    });

    // …and the browser reconnects through the first, as the same participant.
    const again = await connect(first);
    again.send({
      type: 'join',
      roomId,
      displayName: 'Grace',
      media: { audioMuted: false, videoMuted: false },
      resumeToken: graceJoined.resumeToken,
    });
    const resumed = await again.next('joined');
    expect(resumed).toMatchObject({ resumed: true, self: { participantId: graceJoined.self.participantId } });
  });

  it('lets the people of a meeting whose holder stopped in as the same participants where the room is held next', async () => {
    const schema = (first.services.storage as TestStorage).location;
    if (schema.engine !== 'postgres') throw new Error('a cluster test needs PostgreSQL');
    const third = await startTestServer({
      cluster: { redisPrefix, schema: schema.schema },
      instanceId: InstanceIdSchema.parse('inst_third'),
    });
    await third.listen();
    const room = await first.services.rooms.create({ name: 'Moved', participantsMax: 10 });
    const roomId = room.id;
    try {
      // The third instance holds the meeting, Ada its moderator; Grace is relayed to it from the first.
      const ada = await connect(third);
      ada.send({ type: 'join', roomId, displayName: 'Ada', media: { audioMuted: true, videoMuted: true }, accessCode: room.moderatorCode });
      const adaJoined = await ada.next('joined');
      const grace = await connect(first);
      const graceJoined = await grace.join(roomId, 'Grace');
      // Ada makes Grace a moderator during the meeting: that role, not the one she joined with, is what comes back.
      expect(adaJoined.self.role).toBe('moderator');
      expect(graceJoined.self.role).toBe('guest');
      ada.send({ type: 'moderate', moderation: { action: 'set-role', participantId: graceJoined.self.participantId, role: 'moderator' } });
      expect((await grace.next('moderation')).notice).toBe('role-changed');
      // The new role is kept in Redis a moment later (a write of its own, after everyone was told).
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The third stops (SIGTERM): its meetings end with it, their placements are given back.
      await third.close();
      // Both come back through the first, with their resume tokens: the same participants, in a meeting held by the first now.
      for (const [name, joined, role] of [
        ['Ada', adaJoined, 'moderator'],
        ['Grace', graceJoined, 'moderator'],
      ] as const) {
        const again = await connect(first);
        again.send({
          type: 'join',
          roomId,
          displayName: name,
          media: { audioMuted: true, videoMuted: true },
          resumeToken: joined.resumeToken,
        });
        const back = await again.next('joined');
        expect(back.self).toMatchObject({ participantId: joined.self.participantId, role });
        expect(back.resumeToken).toBe(joined.resumeToken);
      }
      expect(first.services.registry.find(RoomIdSchema.parse(roomId))?.participants.size).toBe(2);
      // A token nobody kept is a new participant, as ever.
      const stranger = await connect(first);
      stranger.send({
        type: 'join',
        roomId,
        displayName: 'Eve',
        media: { audioMuted: true, videoMuted: true },
        resumeToken: 'x'.repeat(32),
      });
      expect((await stranger.next('joined')).self.participantId).not.toBe(adaJoined.self.participantId);
    } finally {
      await third.close();
    }
  });

  it('continues nobody from a meeting that ended for good (everyone left): a kept token then joins as someone new', async () => {
    const roomId = await newRoom();
    const ada = await connect(first);
    const adaJoined = await ada.join(roomId, 'Ada');
    const redis = new Redis(testRedisUrl);
    try {
      expect(await redis.exists(`${redisPrefix}resume:${roomId}`)).toBe(1);
      ada.close();
      await expect.poll(() => redis.exists(`${redisPrefix}resume:${roomId}`)).toBe(0);
    } finally {
      redis.disconnect();
    }
    const again = await connect(first);
    again.send({
      type: 'join',
      roomId,
      displayName: 'Ada',
      media: { audioMuted: true, videoMuted: true },
      resumeToken: adaJoined.resumeToken,
    });
    expect((await again.next('joined')).self.participantId).not.toBe(adaJoined.self.participantId);
  });
});
