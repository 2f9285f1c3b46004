import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { privateLogOptions, withoutAddressesInText, withoutClientAddresses } from './log-privacy.js';

const visitor = '203.0.113.77';
const visitorV6 = '2001:db8:5:6::77';
const proxy = '198.51.100.9';

/** A logger writing every line into `lines`. */
function capturedLogger(options: pino.LoggerOptions = {}): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', ...options }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** An app behind a trusted proxy with Fastify's own request logging on (Plenary turns it off; the worst case). */
async function appLoggingTo(logger: pino.Logger): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, trustProxy: [proxy] });
  app.get('/hello', async (request) => {
    request.log.info({ req: request }, 'a handler logs its request');
    request.log.info({ ip: request.ip, ips: request.ips, remoteAddress: request.socket.remoteAddress }, 'a handler names the address');
    request.log.info({ client: { ip: request.ip, headers: request.headers } }, 'a handler logs what it knows of the client');
    return { ok: true };
  });
  app.get('/broken', async () => {
    throw new Error('broken on purpose');
  });
  await app.ready();
  return app;
}

const headers = { 'x-forwarded-for': `${visitor}, ${visitorV6}`, 'x-real-ip': visitor, forwarded: `for=${visitor}` };

describe('logs without client addresses', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it("leaves no client address in any line of a request, through Fastify's request logs and a handler's own", async () => {
    const { logger, lines } = capturedLogger();
    app = await appLoggingTo(withoutClientAddresses(logger));
    expect((await app.inject({ method: 'GET', url: '/hello?x=1', headers, remoteAddress: proxy })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/broken', headers, remoteAddress: proxy })).statusCode).toBe(500);
    const text = lines.join('');
    // The lines were written — incoming, the handler's three, completed, the error — but carry no address.
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(text).toContain('"path":"/hello"');
    expect(text).toContain('broken on purpose');
    for (const address of [visitor, visitorV6, proxy, '127.0.0.1']) expect(text).not.toContain(address);
    expect(text).not.toMatch(/remoteAddress|remotePort|"ip"|"ips"|x-forwarded-for|x-real-ip/);
  });

  it('holds for a root logger made with privateLogOptions, as main.ts makes it', async () => {
    const { logger, lines } = capturedLogger(privateLogOptions);
    app = await appLoggingTo(logger);
    await app.inject({ method: 'GET', url: '/hello', headers, remoteAddress: proxy });
    const text = lines.join('');
    expect(text).toContain('a handler logs its request');
    for (const address of [visitor, visitorV6, proxy]) expect(text).not.toContain(address);
  });

  it('shows that without it Fastify would log the address (the test can see one)', async () => {
    const { logger, lines } = capturedLogger();
    app = await appLoggingTo(logger);
    await app.inject({ method: 'GET', url: '/hello', headers, remoteAddress: proxy });
    expect(lines.join('')).toContain(visitor);
  });
});

describe('addresses in a child process’s lines', () => {
  it('are replaced, IPv4 and IPv6, full and compressed, with or without a port', () => {
    const lines = [
      '[WARN] [1234] Remote candidate: 203.0.113.77:50123 (udp)',
      'session 001000000000000001: realm <plenary> user <1700000000:p_x>: incoming packet ALLOCATE processed, remote 203.0.113.77:3478',
      'peer [2001:db8:5:6::77]:40000 and 2001:0db8:0000:0000:0000:ff00:0042:8329 and ::ffff:198.51.100.9',
    ];
    const cleaned = lines.map(withoutAddressesInText).join('\n');
    for (const address of ['203.0.113.77', '2001:db8:5:6::77', '2001:0db8', '198.51.100.9']) expect(cleaned).not.toContain(address);
    expect(cleaned).toContain('Remote candidate: <address>:50123 (udp)');
  });

  it('leave times, versions and ids alone', () => {
    const line = '[Fri Nov 27 15:16:49 2026] Janus version 1.1.2, std::string session 001000000000000001';
    expect(withoutAddressesInText(line)).toBe(line);
  });
});
