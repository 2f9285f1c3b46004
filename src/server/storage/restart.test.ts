/**
 * PostgreSQL restarting under a running server: every connection is cut and, for a moment, none
 * is accepted (a TCP proxy between the storage and PostgreSQL does it). The process carries on,
 * queries fail while the database is away, and work again once it is back.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../media/index.js';
import { allMigrations } from '../migrations.js';
import { openStorage, type Storage } from './index.js';
import { openTestStorage, type TestStorage, testPostgresUrl } from './testing.js';

/** A TCP proxy to PostgreSQL that can "restart" it: cut every connection and refuse new ones until `start`. */
interface RestartingProxy {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function startRestartingProxy(target: URL): Promise<RestartingProxy> {
  const port = await findFreePort();
  const open = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          open.add(socket);
          socket.on('close', () => open.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  return {
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const socket of open) socket.destroy();
      });
    },
    start: listen,
  };
}

let direct: TestStorage;
let proxy: RestartingProxy;
let storage: Storage;

beforeAll(async () => {
  direct = await openTestStorage('postgres', allMigrations);
  if (direct.location.engine !== 'postgres') throw new Error('PostgreSQL expected');
  const target = new URL(testPostgresUrl);
  proxy = await startRestartingProxy(target);
  const throughProxy = new URL(testPostgresUrl);
  throughProxy.hostname = '127.0.0.1';
  throughProxy.port = String(proxy.port);
  storage = await openStorage(
    { engine: 'postgres', url: throughProxy.toString(), schema: direct.location.schema, poolSize: 3 },
    allMigrations,
  );
});

afterAll(async () => {
  await storage?.close();
  await proxy?.stop();
  await direct?.dispose();
});

describe('PostgreSQL restarting', () => {
  it('leaves the process running: queries fail while it is away and work again once it is back', async () => {
    // Idle connections in the pool, as a running server has.
    await Promise.all([storage.ping(), storage.ping(), storage.ping()]);
    await proxy.stop();
    // A pool's idle connection that dies must not take the process with it (an unhandled 'error').
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(storage.ping()).rejects.toThrow();
    await proxy.start();
    await expect
      .poll(
        () =>
          storage.ping().then(
            () => 'ok',
            () => 'failing',
          ),
        { timeout: 10_000 },
      )
      .toBe('ok');
  });
});
