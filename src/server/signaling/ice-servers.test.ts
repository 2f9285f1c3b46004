/** TURN credentials through signalling: a real server with its supervised coturn, a real allocation with what `joined` gave. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnTestClient } from '../media/turn/turn-test-client.js';
import { ManualClock } from '../platform/clock.js';
import { startTestServer, type TestServer } from '../testing.js';
import { TestClient } from './test-client.js';

let server: TestServer;
const clients: TestClient[] = [];
const turnClients: TurnTestClient[] = [];
/** Starts at the real time: coturn checks expiries against its own clock. */
const clock = new ManualClock(Date.now());

beforeAll(async () => {
  server = await startTestServer({ clock, turn: 'local' });
  await server.listen();
}, 30_000);
afterAll(async () => {
  for (const client of clients) client.close();
  for (const client of turnClients) client.close();
  await server?.close();
});

async function joinedParticipant() {
  const roomId = (await server.services.rooms.create({ name: 'Relay', participantsMax: 10 })).id;
  const client = await TestClient.connect(server.baseUrl);
  clients.push(client);
  return { client, joined: await client.join(roomId, 'Ada') };
}

function turnClient(): TurnTestClient {
  const coturn = server.services.turn.localCoturn;
  if (!coturn) throw new Error('no local coturn');
  const client = new TurnTestClient('127.0.0.1', coturn.port);
  turnClients.push(client);
  return client;
}

describe('ICE servers at join', () => {
  it('give each participant a TURN credential of their own, for the host they reached, that the local coturn accepts', async () => {
    const { joined } = await joinedParticipant();
    const port = server.services.turn.localCoturn?.port;
    const [turn] = joined.iceServers;
    expect(turn?.urls).toEqual([`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`]);
    const expirySeconds = Math.floor(clock.nowMs() / 1000) + 3600;
    expect(turn?.username).toBe(`${expirySeconds}:${joined.self.participantId}`);
    expect(await turnClient().waitUntilAnswering(10_000)).toBe(true);
    const allocated = await turnClient().allocate(turn?.username ?? '', turn?.credential ?? '');
    expect(allocated?.kind).toBe('success');
  });

  it('are renewed at three quarters of their lifetime, with a later expiry', async () => {
    const { client, joined } = await joinedParticipant();
    const firstExpiry = Number(joined.iceServers[0]?.username?.split(':')[0]);
    clock.advance(2_700_000);
    const renewed = await client.next('ice-servers');
    const [turn] = renewed.iceServers;
    expect(turn?.username).toBe(`${firstExpiry + 2_700}:${joined.self.participantId}`);
    expect(turn?.credential).not.toBe(joined.iceServers[0]?.credential);
  });
});
