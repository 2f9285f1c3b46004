/**
 * Test fixture: the real server — real storage (either engine), a real supervised Janus,
 * the real app — for HTTP tests with `app.inject` and WebSocket tests on a real port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp, type PlenaryApp } from './app.js';
import { loadConfig } from './config/index.js';
import { allMigrations } from './migrations.js';
import type { Clock } from './platform/clock.js';
import type { InstanceId } from './platform/instance.js';
import { type Services, startServices } from './services.js';
import type { Storage, StorageEngine } from './storage/index.js';
import { openStorage } from './storage/index.js';
import { openTestStorage, type TestStorage, testPostgresUrl } from './storage/testing.js';

/** The `CLUSTER_SECRET` of test servers that are instances of one installation. */
export const testClusterSecret = 'the-test-installations-cluster-secret';

/** Redis for tests (`TEST_REDIS_URL`, default the local one). */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestServer extends PlenaryApp {
  services: Services;
  /** `http://127.0.0.1:<port>` once `listen()` has been called. */
  baseUrl: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Starts the whole server on `engine`, with its own Janus and data directory. */
export async function startTestServer(
  options: {
    engine?: StorageEngine;
    clock?: Clock;
    /** This server's instance id. Default: from its fresh data directory, so unique per test server. */
    instanceId?: InstanceId;
    reconnectGraceMs?: number;
    ledgerApiToken?: string;
    metricsToken?: string;
    trustedProxies?: string[];
    /** Configured public address (e.g. `https://meet.example.coop`); absent: links use the request's origin. */
    publicUrl?: string;
    /** `BBB_API_SECRET`: the BigBlueButton API is on with it. */
    bbbApiSecret?: string;
    /** `BBB_API_PRIVATE_CALLBACKS=on`: hooks may call loopback and private addresses. */
    bbbPrivateCallbacks?: boolean;
    /** `local`: a supervised coturn on a free port, its credentials in `joined`. Default `off`. */
    turn?: 'local' | 'off';
    /**
     * One of several instances: on PostgreSQL, sharing the schema `schema` if given (another test
     * server's, which drops it when it closes) or a fresh one, and Redis under `redisPrefix`.
     */
    cluster?: { redisPrefix: string; schema?: string };
  } = {},
): Promise<TestServer> {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'plenary-test-server-'));
  const config = loadConfig(
    {
      DATA_DIR: dataDirectory,
      LOG_LEVEL: 'silent',
      RTP_PORT_RANGE: '41000-42000',
      TURN: options.turn ?? 'off',
      TURN_PORT: '0',
      TURN_RELAY_PORT_RANGE: '45000-46000',
      ...(options.bbbApiSecret ? { BBB_API_SECRET: options.bbbApiSecret } : {}),
      ...(options.bbbPrivateCallbacks ? { BBB_API_PRIVATE_CALLBACKS: 'on' } : {}),
      ...(options.cluster ? { REDIS_URL: testRedisUrl, REDIS_PREFIX: options.cluster.redisPrefix, CLUSTER_SECRET: testClusterSecret } : {}),
    },
    dataDirectory,
  );
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const sharedSchema = options.cluster?.schema;
  const storage: Pick<TestStorage, 'dispose'> & Storage = sharedSchema
    ? {
        ...(await openStorage({ engine: 'postgres', url: testPostgresUrl, schema: sharedSchema, poolSize: 5 }, allMigrations)),
        dispose: async () => undefined,
      }
    : await openTestStorage(options.cluster ? 'postgres' : (options.engine ?? 'sqlite'), allMigrations);
  const services = await startServices(config, logger, {
    storage,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    ...(options.reconnectGraceMs ? { reconnectGraceMs: options.reconnectGraceMs } : {}),
  });
  await services.gateway.waitUntilUp(15_000);
  const { app, connections } = await buildApp({
    ...services,
    logger,
    webRoot: path.join(import.meta.dirname, '../../dist/web'),
    ledgerApiToken: options.ledgerApiToken,
    metricsToken: options.metricsToken,
    trustedProxies: options.trustedProxies,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const server: TestServer = {
    app,
    connections,
    services,
    baseUrl: '',
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      server.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      return server.baseUrl;
    },
    async close() {
      connections.shutdownAll();
      await app.close();
      await services.stop();
      await storage.dispose();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
  return server;
}
