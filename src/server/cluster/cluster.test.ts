/**
 * Two instances sharing one PostgreSQL schema and one Redis, each with its real supervised Janus:
 * a browser that reaches the instance not holding its room's meeting is relayed to the one that
 * does, and meets the others there; when its instance stops it resumes through the other.
 */
import { Redis } from 'ioredis';
import { nanoid } from 'nanoid';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { InstanceIdSchema } from '../platform/instance.js';
import { TestClient } from '../signaling/test-client.js';
import type { TestStorage } from '../storage/testing.js';
import { startTestServer, type TestServer, testRedisUrl } from '../testing.js';
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

  it('ignores messages on an instance channel that are not of the protocol, or that claim another instance’s session', async () => {
    const roomId = await newRoom();
    const ada = await connect(first);
    await ada.join(roomId, 'Ada');
    const grace = await connect(second);
    await grace.join(roomId, 'Grace');
    await ada.next('participant-joined');

    const intruder = new ClusterBus({
      url: testRedisUrl,
      prefix: redisPrefix,
      instanceId: InstanceIdSchema.parse('inst_intruder'),
      logger: pino({ level: 'silent' }),
    });
    await intruder.start();
    try {
      const holder = InstanceIdSchema.parse('inst_first');
      // Not JSON, not the protocol, and a frame for a session the intruder does not own.
      await intruder.send(holder, { type: 'relay-frame', session: 'not-a-session-of-yours', from: intruder.instanceId, frame: '{}' });
      const raw = new Redis(testRedisUrl);
      await raw.publish(`${redisPrefix}instance:inst_first`, 'not json');
      await raw.publish(`${redisPrefix}instance:inst_first`, JSON.stringify({ type: 'relay-open', session: 'x' }));
      raw.disconnect();
      // The meeting carries on.
      grace.send({ type: 'chat-send', to: null, text: 'still here' });
      expect((await ada.next('chat')).message).toMatchObject({ text: 'still here' });
    } finally {
      await intruder.close();
    }
  });
});

describe('an instance that stops', () => {
  it('loses nobody: its relayed browsers resume their places through the other instance', async () => {
    const roomId = await newRoom();
    const ada = await connect(first);
    await ada.join(roomId, 'Ada');
    const grace = await connect(second);
    const graceJoined = await grace.join(roomId, 'Grace');
    await ada.next('participant-joined');

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
});
