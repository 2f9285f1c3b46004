/** Browsers report on their own connection; the operators see the relayed share, loss and round trip in `/metrics`, nobody else sees them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';
import { TestClient } from './test-client.js';

const metricsToken = 'quality-metrics-token-0123456789abcdef-01';
let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ metricsToken });
  await server.listen();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

const media = { audioMuted: true, videoMuted: true };

async function joined(roomId: string, displayName: string): Promise<TestClient> {
  const client = await TestClient.connect(server.baseUrl);
  clients.push(client);
  client.send({ type: 'join', roomId, displayName, media });
  await client.next('joined');
  return client;
}

async function metric(name: string): Promise<number> {
  const response = await server.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
  const line = response.body.split('\n').find((each) => each.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

describe('connection quality reports', () => {
  it('are kept per participant and summed up in /metrics; a malformed one is refused and changes nothing', async () => {
    const room = await server.services.rooms.create({ name: 'Quality', participantsMax: 10 });
    const ada = await joined(room.id, 'Ada');
    const bo = await joined(room.id, 'Bo');
    expect(await metric('plenary_participants_reporting_network')).toBe(0);
    ada.send({ type: 'connection-quality', quality: { relayed: true, lossRatio: 0.04, roundTripMs: 120 } });
    bo.send({ type: 'connection-quality', quality: { relayed: false, lossRatio: 0.02, roundTripMs: null } });
    await expect.poll(() => metric('plenary_participants_reporting_network')).toBe(2);
    expect(await metric('plenary_participants_relayed')).toBe(1);
    expect(await metric('plenary_participants_loss_ratio_mean')).toBeCloseTo(0.03, 6);
    expect(await metric('plenary_participants_round_trip_ms_mean')).toBe(120);

    for (const quality of [{ relayed: true, lossRatio: 2, roundTripMs: 10 }, { relayed: 'yes', lossRatio: 0, roundTripMs: 10 }, {}]) {
      bo.send({ type: 'connection-quality', quality });
      expect(await bo.next('error')).toMatchObject({ code: 'malformed_message' });
    }
    expect(await metric('plenary_participants_relayed')).toBe(1);
    // Others are never told.
    expect(ada.received.some((message) => JSON.stringify(message).includes('lossRatio'))).toBe(false);
  });
});
