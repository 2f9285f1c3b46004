/**
 * The admin monitor against a real Janus (started here, admin API on loopback), and against
 * servers that answer wrongly: refused secrets, errors, silence, nonsense, an address where
 * nothing listens. Media flowing through a real meeting is read in `e2e/media-pool.e2e.ts`.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ManualClock, systemClock } from '../platform/clock.js';
import { startUnsupervisedJanus, type UnsupervisedJanus } from '../testing-process.js';
import { JanusAdminMonitor, readingLimits, sumHandles } from './janus-admin.js';
import { JanusGateway } from './janus-gateway.js';
import { findFreePort } from './local-janus.js';

const logger = pino({ level: 'silent' });
let janus: UnsupervisedJanus;

const monitorOf = (url: string, secret: string | undefined, timeoutMs = 1_000) =>
  new JanusAdminMonitor({ url, secret, intervalMs: 60_000, timeoutMs, clock: systemClock, logger });

/** Resolves once `read` stops throwing. */
async function eventually<T>(read: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  janus = await startUnsupervisedJanus({ apiSecret: 'admin-test-api-secret', rtpPortRange: '42100-42200' });
}, 30_000);

afterAll(() => janus?.stop());

describe('JanusAdminMonitor against a real Janus', () => {
  it('counts the sessions, handles and rooms a client opened, and no forwarded streams without media', async () => {
    const gateway = new JanusGateway({ url: janus.url, apiSecret: janus.apiSecret, logger, publisherBitrateBitsPerSecondMax: 500_000 });
    const monitor = monitorOf(janus.adminUrl, janus.adminSecret);
    try {
      await eventually(async () => {
        await gateway.start();
        if (!gateway.isUp) throw new Error('not up yet');
      });
      const room = await gateway.createRoom(4);
      const publisher = await gateway.openPublisher(room, 'p_adminTestFeed/camera');
      await monitor.start();
      expect(monitor.failure).toBeUndefined();
      expect(monitor.latest).toMatchObject({
        sessions: 1,
        rooms: 1,
        forwardedStreams: 0,
        bitrateInBps: 0,
        bitrateOutBps: 0,
        cpu: undefined,
      });
      // The gateway's own handle and the publisher's.
      expect(monitor.latest?.handles).toBe(2);

      await publisher.close();
      await gateway.destroyRoom(room);
      await monitor.read();
      expect(monitor.latest).toMatchObject({ sessions: 1, handles: 1, rooms: 0 });
    } finally {
      await monitor.close();
      await gateway.close();
    }
  }, 30_000);

  it('says why when the admin secret is wrong, and keeps no reading', async () => {
    const monitor = monitorOf(janus.adminUrl, 'not the admin secret');
    try {
      await monitor.start();
      expect(monitor.latest).toBeUndefined();
      expect(monitor.failure).toMatch(/^Janus refused: Unauthorized request .*\(403\)$/);
    } finally {
      await monitor.close();
    }
  });

  it('says why when nothing listens there, and reads again once something does', async () => {
    const port = await findFreePort();
    const monitor = monitorOf(`ws://127.0.0.1:${port}`, undefined);
    try {
      await monitor.start();
      expect(monitor.latest).toBeUndefined();
      expect(monitor.failure).toMatch(/ECONNREFUSED/);

      // A "Janus" that answers every request with an empty list.
      const listening = new WebSocketServer({ port, host: '127.0.0.1' });
      listening.on('connection', (socket) =>
        socket.on('message', (data) => {
          const { transaction } = JSON.parse(data.toString()) as { transaction: string };
          socket.send(JSON.stringify({ janus: 'success', transaction, sessions: [] }));
        }),
      );
      await new Promise((resolve) => listening.once('listening', resolve));
      await monitor.read();
      expect(monitor.failure).toBeUndefined();
      expect(monitor.latest).toMatchObject({ sessions: 0, handles: 0, rooms: 0 });
      for (const client of listening.clients) client.terminate();
      await new Promise((resolve) => listening.close(resolve));
    } finally {
      await monitor.close();
    }
  });
});

describe('JanusAdminMonitor against servers that answer wrongly', () => {
  /** A WebSocket server that answers each request with `answer(request)` (nothing when it returns undefined). */
  async function fakeAdmin(answer: (request: Record<string, unknown>) => string | undefined) {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) =>
      socket.on('message', (data) => {
        const reply = answer(JSON.parse(data.toString()) as Record<string, unknown>);
        if (reply !== undefined) socket.send(reply);
      }),
    );
    return {
      url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  }

  it.each([
    [
      'an error reply',
      (request: Record<string, unknown>) =>
        JSON.stringify({ janus: 'error', transaction: request.transaction, error: { code: 490, reason: 'boom' } }),
      /^Janus refused: boom \(490\)$/,
    ],
    ['silence', () => undefined, /no answer from the admin API within 300 ms/],
    ['nonsense', () => 'this is not JSON', /no answer from the admin API within 300 ms/],
    [
      'a reply of the wrong shape',
      (request: Record<string, unknown>) => JSON.stringify({ janus: 'success', transaction: request.transaction, sessions: 'many' }),
      /expected array/,
    ],
  ])('fails the reading on %s, with the reason', async (_name, answer, reason) => {
    const fake = await fakeAdmin(answer);
    const monitor = monitorOf(fake.url, 'secret', 300);
    try {
      await monitor.start();
      expect(monitor.latest).toBeUndefined();
      expect(monitor.failure).toMatch(reason);
    } finally {
      await monitor.close();
      await fake.close();
    }
  });

  it('skips a session or handle that ended between the list and the question', async () => {
    const fake = await fakeAdmin((request) => {
      const reply = (body: Record<string, unknown>) => JSON.stringify({ janus: 'success', transaction: request.transaction, ...body });
      if (request.janus === 'list_sessions') return reply({ sessions: [1, 2] });
      if (request.janus === 'list_handles' && request.session_id === 2)
        return JSON.stringify({ janus: 'error', transaction: request.transaction, error: { code: 458, reason: 'No such session' } });
      if (request.janus === 'list_handles') return reply({ handles: [10, 11] });
      if (request.handle_id === 11)
        return JSON.stringify({ janus: 'error', transaction: request.transaction, error: { code: 459, reason: 'No such handle' } });
      return reply({ info: { plugin_specific: { type: 'publisher', room: 7 } } });
    });
    const monitor = monitorOf(fake.url, undefined, 1_000);
    try {
      await monitor.start();
      expect(monitor.failure).toBeUndefined();
      expect(monitor.latest).toMatchObject({ sessions: 2, handles: 1, rooms: 1 });
    } finally {
      await monitor.close();
      await fake.close();
    }
  });
});

describe('sumHandles', () => {
  it('adds up rooms, the distinct feeds each subscriber receives, the last second in and out with simulcast layers, losses and NACKs', () => {
    // Shaped as Janus 1.1 answers for a Chromium publishing three simulcast layers (read from a real
    // meeting), a subscriber, another plugin's handle and Plenary's own control handle.
    const measure = sumHandles(
      [
        { plugin_specific: {} },
        {
          plugin_specific: { type: 'publisher', room: 1 },
          webrtc: {
            media: {
              '0': {
                stats: {
                  in: { packets: 363, bytes: 28_768, bytes_lastsec: 4_125 },
                  out: { packets: 0, bytes: 0, bytes_lastsec: 0, nacks: 0 },
                },
                rtcp: { main: { base: 48_000, rtt: 0, lost: 0, 'lost-by-remote': 0 } },
              },
              '1': {
                stats: {
                  in: {
                    packets: 135,
                    bytes: 99_497,
                    bytes_lastsec: 20_118,
                    nacks: 1,
                    retransmissions: 0,
                    'video-simulcast-1': { packets: 225, bytes: 183_170, bytes_lastsec: 35_527, nacks: 2 },
                    'video-simulcast-2': { packets: 295, bytes: 282_876, bytes_lastsec: 52_575, nacks: 0 },
                  },
                  out: { packets: 0, bytes: 0, bytes_lastsec: 0, nacks: 0 },
                },
                rtcp: { main: { base: 90_000, lost: 3, 'lost-by-remote': 1 }, sim1: { lost: 2 }, sim2: { lost: 0, 'lost-by-remote': 4 } },
              },
            },
          },
        },
        {
          plugin_specific: {
            type: 'subscriber',
            room: 1,
            streams: [
              { active: true, send: true, feed_id: 100 },
              { active: true, send: true, feed_id: 100 },
              { active: true, send: true, feed_id: 200 },
              { active: false, feed_id: 300 },
              { active: true, send: false, feed_id: 400 },
            ],
          },
          webrtc: { media: { '0': { stats: { in: { bytes_lastsec: 0 }, out: { bytes_lastsec: 2_500, nacks: 1 } } } } },
        },
        { plugin_specific: { type: 'subscriber', room: 2, streams: [{ active: true, send: true, feed_id: 500 }] } },
        { plugin_specific: { type: 'listener' } },
      ],
      3,
      1_234,
    );
    expect(measure).toEqual({
      atMs: 1_234,
      sessions: 3,
      handles: 5,
      rooms: 2,
      forwardedStreams: 3,
      bitrateInBps: (4_125 + 20_118 + 35_527 + 52_575) * 8,
      bitrateOutBps: 20_000,
      packetsLost: 10,
      nacks: 4,
      cpu: undefined,
    });
  });
});

describe('a reading that hangs', () => {
  it('leaves no current reading after three intervals, and closing does not wait for it', async () => {
    let answering = true;
    const fake = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => fake.once('listening', resolve));
    fake.on('connection', (socket) =>
      socket.on('message', (data) => {
        const { transaction } = JSON.parse(data.toString()) as { transaction: string };
        if (answering) socket.send(JSON.stringify({ janus: 'success', transaction, sessions: [] }));
      }),
    );
    const clock = new ManualClock(1_000_000);
    const monitor = new JanusAdminMonitor({
      url: `ws://127.0.0.1:${(fake.address() as AddressInfo).port}`,
      secret: undefined,
      intervalMs: 5_000,
      timeoutMs: 60_000,
      clock,
      logger,
    });
    try {
      await monitor.start();
      expect(monitor.latest?.atMs).toBe(1_000_000);
      // The server stops answering: the next reading waits (up to its 60 s deadline) while time goes on.
      answering = false;
      clock.advance(5_000);
      clock.advance(10_001);
      expect(monitor.latest).toBeUndefined();
      const closing = Date.now();
      await monitor.close();
      expect(Date.now() - closing).toBeLessThan(5_000);
    } finally {
      await monitor.close();
      for (const client of fake.clients) client.terminate();
      await new Promise((resolve) => fake.close(resolve));
    }
  });
});

describe('measureJanus’s limits', () => {
  it('skips a handle of a shape it does not know (another plugin’s, string room ids), and gives up on a server listing too much', async () => {
    let sessions = [1];
    const fake = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => fake.once('listening', resolve));
    fake.on('connection', (socket) =>
      socket.on('message', (data) => {
        const request = JSON.parse(data.toString()) as Record<string, unknown>;
        const reply = (body: Record<string, unknown>) =>
          socket.send(JSON.stringify({ janus: 'success', transaction: request.transaction, ...body }));
        if (request.janus === 'list_sessions') return reply({ sessions });
        if (request.janus === 'list_handles') return reply({ handles: [10, 11] });
        if (request.handle_id === 10) return reply({ info: { plugin_specific: { type: 'publisher', room: 'a-string-room' } } });
        return reply({ info: { plugin_specific: { type: 'publisher', room: 7 } } });
      }),
    );
    const monitor = monitorOf(`ws://127.0.0.1:${(fake.address() as AddressInfo).port}`, undefined);
    try {
      await monitor.start();
      expect(monitor.failure).toBeUndefined();
      expect(monitor.latest).toMatchObject({ sessions: 1, handles: 2, rooms: 1 });
      sessions = Array.from({ length: readingLimits.sessionsMax + 1 }, (_, index) => index + 1);
      await monitor.read();
      expect(monitor.latest).toBeUndefined();
      expect(monitor.failure).toBe(`the server lists ${readingLimits.sessionsMax + 1} sessions, more than ${readingLimits.sessionsMax}`);
    } finally {
      await monitor.close();
      for (const client of fake.clients) client.terminate();
      await new Promise((resolve) => fake.close(resolve));
    }
  });
});
