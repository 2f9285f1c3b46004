/** The signalling WebSocket against a real server and a real supervised Janus. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../shared/limits.js';
import { ManualClock } from '../platform/clock.js';
import { startTestServer, type TestServer } from '../testing.js';
import { TestClient } from './test-client.js';

let server: TestServer;
const clients: TestClient[] = [];
/** The server's clock: the reconnect grace period passes when a test moves it. */
const clock = new ManualClock();
const reconnectGraceMs = 1_500;

beforeAll(async () => {
  server = await startTestServer({ clock, reconnectGraceMs });
  await server.listen();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

async function connect(options = {}): Promise<TestClient> {
  const client = await TestClient.connect(server.baseUrl, options);
  clients.push(client);
  return client;
}

/** Waits for a ping's pong: whatever the server sent this client before it has arrived. */
async function roundTrip(client: TestClient): Promise<void> {
  client.send({ type: 'ping' });
  await client.next('pong');
}

async function newRoom(participantsMax: number = limits.participantsPerRoomMax): Promise<string> {
  return (await server.services.rooms.create({ name: 'Test', participantsMax })).id;
}

describe('joining', () => {
  it('tells the joiner who is there and tells the others who came', async () => {
    const roomId = await newRoom();
    const ada = await connect();
    const adaJoined = await ada.join(roomId, 'Ada');
    expect(adaJoined.participants).toEqual([]);
    expect(adaJoined.self).toMatchObject({ displayName: 'Ada', publishing: false });

    const grace = await connect();
    const graceJoined = await grace.join(roomId, 'Grace');
    expect(graceJoined.participants.map((participant) => participant.displayName)).toEqual(['Ada']);
    const arrival = await ada.next('participant-joined');
    expect(arrival.participant).toMatchObject({ participantId: graceJoined.self.participantId, displayName: 'Grace' });
  });

  it('answers room_not_found for an unknown room', async () => {
    const client = await connect();
    client.send({ type: 'join', roomId: 'aaaa-bbbb-cccc', displayName: 'Ada', media: { audioMuted: false, videoMuted: false } });
    expect(await client.next('error')).toMatchObject({ code: 'room_not_found', inReplyTo: 'join' });
  });

  it('answers room_is_full past the room limit, and lets the others carry on', async () => {
    const roomId = await newRoom(2);
    const first = await connect();
    await first.join(roomId, 'One');
    const second = await connect();
    await second.join(roomId, 'Two');
    const third = await connect();
    third.send({ type: 'join', roomId, displayName: 'Three', media: { audioMuted: false, videoMuted: false } });
    expect(await third.next('error')).toMatchObject({ code: 'room_is_full' });
    expect(server.services.registry.find(roomId as never)?.participants.size).toBe(2);
    second.send({ type: 'leave' });
    expect(await first.next('participant-left')).toBeDefined();
  });

  it('refuses a second join on the same connection', async () => {
    const roomId = await newRoom();
    const client = await connect();
    await client.join(roomId, 'Ada');
    client.send({ type: 'join', roomId, displayName: 'Ada again', media: { audioMuted: false, videoMuted: false } });
    expect(await client.next('error')).toMatchObject({ code: 'already_joined' });
  });

  it('writes its error sentences in the page’s language: the upgrade’s Accept-Language, then the one the join names', async () => {
    const roomId = await newRoom(1);
    await (await connect()).join(roomId, 'One');
    const french = await connect({ headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    french.send('{"type":');
    expect(await french.next('error')).toEqual({
      type: 'error',
      code: 'malformed_message',
      message: 'Le message n’est pas du JSON valide.',
    });
    // An English page in a French browser: the join's language wins from then on.
    french.send({ type: 'join', roomId, displayName: 'Two', media: { audioMuted: false, videoMuted: false }, language: 'en' });
    expect(await french.next('error')).toMatchObject({ code: 'room_is_full', message: 'This room is full: it holds at most 1 person.' });
    const english = await connect();
    english.send({ type: 'join', roomId, displayName: 'Three', media: { audioMuted: false, videoMuted: false }, language: 'fr' });
    expect(await english.next('error')).toMatchObject({
      code: 'room_is_full',
      message: 'Cette salle est pleine : elle accueille au plus 1 personne.',
    });
    english.send({ type: 'join', roomId, displayName: 'Four', media: { audioMuted: false, videoMuted: false }, language: 'de' });
    expect(await english.next('error')).toMatchObject({
      code: 'malformed_message',
      message: expect.stringMatching(/^Le message n’est pas valide : language/),
    });
  });

  it('refuses a WebSocket opened from another site', async () => {
    await expect(TestClient.connect(server.baseUrl, { headers: { origin: 'https://evil.example' } })).rejects.toThrow(/403/);
  });
});

describe('bad messages', () => {
  it('get a typed error and change nothing for anyone else', async () => {
    const roomId = await newRoom();
    const watcher = await connect();
    await watcher.join(roomId, 'Watcher');
    const sender = await connect();
    await sender.join(roomId, 'Sender');
    await watcher.next('participant-joined');

    const badMessages: unknown[] = [
      '{ not json',
      { type: 'become-moderator' },
      { type: 'media-state', media: { audioMuted: 'yes' } },
      { type: 'subscribe', participantId: 'not-an-id' },
      { type: 'publish', offer: { type: 'offer', sdp: 'x'.repeat(limits.sdpCharactersMax + 1) } },
      'x'.repeat(limits.signalingMessageBytesMax + 10),
    ];
    for (const message of badMessages) sender.send(message);
    const codes: string[] = [];
    for (const _ of badMessages) codes.push((await sender.next('error')).code);
    expect(codes).toEqual([
      'malformed_message',
      'malformed_message',
      'malformed_message',
      'malformed_message',
      'malformed_message',
      'message_too_large',
    ]);

    sender.send({ type: 'media-state', media: { audioMuted: true, videoMuted: false } });
    const update = await watcher.next('participant-updated');
    expect(update.participant).toMatchObject({ displayName: 'Sender', media: { audioMuted: true } });
    expect(watcher.received.filter((message) => message.type === 'error')).toEqual([]);
  });

  it('answers not_joined to meeting messages before a join', async () => {
    const client = await connect();
    client.send({ type: 'media-state', media: { audioMuted: true, videoMuted: true } });
    expect(await client.next('error')).toMatchObject({ code: 'not_joined', inReplyTo: 'media-state' });
  });

  it('answers participant_not_found or not_publishing to subscriptions that cannot be made', async () => {
    const roomId = await newRoom();
    const ada = await connect();
    const adaJoined = await ada.join(roomId, 'Ada');
    const grace = await connect();
    await grace.join(roomId, 'Grace');
    grace.send({ type: 'subscribe', participantId: 'p_AAAAAAAAAAAAAAAA' });
    expect(await grace.next('error')).toMatchObject({ code: 'participant_not_found' });
    grace.send({ type: 'subscribe', participantId: adaJoined.self.participantId });
    expect(await grace.next('error')).toMatchObject({ code: 'not_publishing' });
  });

  it('answers media_negotiation_failed to an offer Janus cannot use', async () => {
    const roomId = await newRoom();
    const client = await connect();
    await client.join(roomId, 'Ada');
    client.send({ type: 'publish', offer: { type: 'offer', sdp: 'v=0\r\nthis is not sdp\r\n' } });
    expect(await client.next('error', 10_000)).toMatchObject({ code: 'media_negotiation_failed', inReplyTo: 'publish' });
  });

  it('rate-limits a flooding participant without affecting others', async () => {
    const roomId = await newRoom();
    const calm = await connect();
    await calm.join(roomId, 'Calm');
    const flooder = await connect();
    await flooder.join(roomId, 'Flooder');
    await calm.next('participant-joined');
    for (let index = 0; index < limits.signalingBurstMessages + 50; index += 1)
      flooder.send({ type: 'trickle', target: { kind: 'publisher' }, candidate: null });
    expect(await flooder.next('error')).toMatchObject({ code: 'rate_limited' });
    calm.send({ type: 'media-state', media: { audioMuted: true, videoMuted: true } });
    expect(await flooder.next('participant-updated')).toBeDefined();
    // One error for the whole excess, not one per dropped message; and the socket stays open.
    expect(flooder.received.filter((message) => message.type === 'error')).toEqual([]);
    expect(flooder.socket.readyState).toBe(flooder.socket.OPEN);
    expect(calm.received.filter((message) => message.type === 'error')).toEqual([]);
  });

  it('closes a socket that keeps flooding with 1008 too_many_messages, after one error frame, and the others see it leave', async () => {
    const roomId = await newRoom();
    const calm = await connect();
    await calm.join(roomId, 'Calm');
    const flooder = await connect();
    const joined = await flooder.join(roomId, 'Flooder');
    await calm.next('participant-joined');
    for (let index = 0; index < 5_000; index += 1) flooder.send({ type: 'ping' });
    const closedIn5Seconds = new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 5_000));
    expect(await Promise.race([flooder.closedWith, closedIn5Seconds])).toEqual({ code: 1008, reason: 'too_many_messages' });
    const errors = flooder.received.filter((message) => message.type === 'error');
    expect(errors.map((error) => error.code)).toEqual(['rate_limited']);
    expect(await flooder.next('closing')).toMatchObject({ reason: 'too_many_messages' });
    expect(flooder.received.filter((message) => message.type === 'pong').length).toBeGreaterThanOrEqual(limits.signalingBurstMessages);
    expect((await calm.next('participant-left')).participantId).toBe(joined.self.participantId);
  });

  it('never closes or scolds a socket that sends a full burst and then keeps to the rate', async () => {
    const client = await connect();
    for (let index = 0; index < limits.signalingBurstMessages; index += 1) client.send({ type: 'ping' });
    await expect.poll(() => client.received.filter((message) => message.type === 'pong').length).toBe(limits.signalingBurstMessages);
    const intervalMs = 1_000 / limits.signalingMessagesPerSecondMax + 5;
    for (let index = 0; index < 10; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      client.send({ type: 'ping' });
    }
    await expect.poll(() => client.received.filter((message) => message.type === 'pong').length).toBe(limits.signalingBurstMessages + 10);
    expect(client.received.filter((message) => message.type === 'error')).toEqual([]);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });
});

describe('leaving', () => {
  it('shows a participant whose connection stops answering as reconnecting within 10 s, then drops them after the grace', async () => {
    const roomId = await newRoom();
    const stays = await connect();
    await stays.join(roomId, 'Stays');
    const vanishes = await connect({ autoPong: false });
    const joined = await vanishes.join(roomId, 'Vanishes');
    await stays.next('participant-joined');
    const reconnecting = await stays.next('participant-updated', 10_000);
    expect(reconnecting.participant).toMatchObject({ participantId: joined.self.participantId, reconnecting: true });
    clock.advance(reconnectGraceMs - 1);
    await roundTrip(stays);
    expect(stays.received.some((message) => message.type === 'participant-left')).toBe(false);
    clock.advance(1);
    const left = await stays.next('participant-left');
    expect(left.participantId).toBe(joined.self.participantId);
  }, 20_000);

  it('removes a participant whose socket closes at once (tab closed or crashed)', async () => {
    const roomId = await newRoom();
    const stays = await connect();
    await stays.join(roomId, 'Stays');
    const crashes = await connect();
    const joined = await crashes.join(roomId, 'Crashes');
    crashes.socket.terminate();
    expect((await stays.next('participant-left', 2_000)).participantId).toBe(joined.self.participantId);
  });

  it('lets a participant whose connection dropped come back as the same person with the resume token', async () => {
    const roomId = await newRoom();
    const stays = await connect();
    await stays.join(roomId, 'Stays');
    const flaky = await connect({ autoPong: false });
    const first = await flaky.join(roomId, 'Flaky');
    await stays.next('participant-joined');
    await stays.next('participant-updated', 10_000);
    const back = await connect();
    back.send({
      type: 'join',
      roomId,
      displayName: 'Flaky',
      media: { audioMuted: false, videoMuted: false },
      resumeToken: first.resumeToken,
    });
    const resumed = await back.next('joined');
    expect(resumed).toMatchObject({
      resumed: true,
      self: { participantId: first.self.participantId, role: first.self.role, reconnecting: false },
    });
    const update = await stays.next('participant-updated');
    expect(update.participant).toMatchObject({ participantId: first.self.participantId, reconnecting: false });
    clock.advance(reconnectGraceMs * 2);
    await roundTrip(stays);
    expect(stays.received.some((message) => message.type === 'participant-left')).toBe(false);
  }, 20_000);

  it('ends the meeting record when the last participant leaves', async () => {
    const roomId = await newRoom();
    const client = await connect();
    await client.join(roomId, 'Alone');
    client.send({ type: 'leave' });
    await expect.poll(() => server.services.registry.find(roomId as never)).toBeUndefined();
    await expect.poll(async () => (await server.services.rooms.listMeetings(roomId as never))[0]?.endedAtMs ?? null).not.toBeNull();
    expect((await server.services.rooms.listMeetings(roomId as never))[0]?.participantsPeak).toBe(1);
  });
});

describe('when Janus dies', () => {
  it('tells participants to wait, restarts Janus, and tells them it is back', async () => {
    const roomId = await newRoom();
    const client = await connect();
    await client.join(roomId, 'Ada');
    const pid = server.services.localJanus?.supervisor.pid;
    expect(pid).toBeDefined();
    process.kill(pid as number, 'SIGKILL');
    await client.next('media-interrupted', 10_000);
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(503);
    await client.next('media-restored', 20_000);
    expect(server.services.localJanus?.supervisor.pid).not.toBe(pid);
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  }, 30_000);
});
