/**
 * The media agent in front of a real Janus's admin API: Plenary's monitor reads the server's load
 * through it as through Janus itself, and the Janus process's CPU besides; the agent's own answer
 * needs the admin secret, and everything else is Janus's to answer or refuse.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JanusAdminClient, JanusAdminMonitor } from '../src/server/media/janus-admin.js';
import { JanusGateway } from '../src/server/media/janus-gateway.js';
import { systemClock } from '../src/server/platform/clock.js';
import { startUnsupervisedJanus, type UnsupervisedJanus } from '../src/server/testing-process.js';
import { startMediaAgent } from './media-agent.js';

const logger = pino({ level: 'silent' });
let janus: UnsupervisedJanus;
let agent: Awaited<ReturnType<typeof startMediaAgent>>;

beforeAll(async () => {
  janus = await startUnsupervisedJanus({ apiSecret: 'agent-test-api-secret', rtpPortRange: '42500-42600' });
  agent = await startMediaAgent({
    host: '127.0.0.1',
    port: 0,
    janusAdminUrl: janus.adminUrl,
    secret: janus.adminSecret,
    pid: () => janus.process.pid,
  });
}, 30_000);

afterAll(async () => {
  await agent?.close();
  janus?.stop();
});

describe('the media agent', () => {
  it('passes the admin API through, and adds the Janus process’s CPU to what the monitor reads', async () => {
    const gateway = new JanusGateway({ url: janus.url, apiSecret: janus.apiSecret, logger, publisherBitrateBitsPerSecondMax: 500_000 });
    const monitor = new JanusAdminMonitor({ url: agent.url, secret: janus.adminSecret, intervalMs: 60_000, clock: systemClock, logger });
    try {
      for (let attempt = 0; !gateway.isUp && attempt < 50; attempt += 1) {
        await gateway.start();
        if (!gateway.isUp) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await gateway.createRoom(4);
      await monitor.start();
      expect(monitor.failure).toBeUndefined();
      expect(monitor.latest).toMatchObject({ sessions: 1, handles: 1 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await monitor.read();
      expect(monitor.latest?.cpu).toEqual(expect.any(Number));
      expect(monitor.latest?.cpu).toBeGreaterThanOrEqual(0);
    } finally {
      await monitor.close();
      await gateway.close();
    }
  }, 30_000);

  it('answers its own question only with the admin secret, and leaves Janus to refuse a wrong one', async () => {
    const client = await JanusAdminClient.connect(agent.url, 'not the admin secret', 2_000);
    try {
      await expect(client.request({ janus: 'plenary_cpu' })).rejects.toMatchObject({ code: 403 });
      await expect(client.request({ janus: 'list_sessions' })).rejects.toMatchObject({ code: 403 });
    } finally {
      client.close();
    }
  });

  it('reads the load of a plain Janus as before, without asking it again for a CPU it does not know', async () => {
    const monitor = new JanusAdminMonitor({
      url: janus.adminUrl,
      secret: janus.adminSecret,
      intervalMs: 60_000,
      clock: systemClock,
      logger,
    });
    try {
      await monitor.start();
      await monitor.read();
      expect(monitor.failure).toBeUndefined();
      expect(monitor.latest).toMatchObject({ cpu: undefined });
    } finally {
      await monitor.close();
    }
  });
});
