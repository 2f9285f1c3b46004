/** Plenary against an external Janus (JANUS_WS_URL), with and without its API secret. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/index.js';
import { chooseIceInterface, type LocalJanus, startLocalJanus } from './media/index.js';
import { startServices } from './services.js';

const logger = pino({ level: 'silent' });
let external: LocalJanus;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'plenary-external-janus-'));
  external = await startLocalJanus({
    dataDirectory: folder,
    binary: 'janus',
    iceInterface: chooseIceInterface() ?? 'lo',
    rtpPortRange: '43000-43100',
    logger,
  });
});
afterAll(async () => {
  await external?.supervisor.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function servicesWith(environment: Record<string, string>) {
  const dataDirectory = mkdtempSync(path.join(folder, 'plenary-'));
  return startServices(loadConfig({ DATA_DIR: dataDirectory, TURN: 'off', ...environment }, dataDirectory), logger);
}

describe('an external Janus', () => {
  it('is used instead of a supervised one when JANUS_WS_URL and JANUS_API_SECRET are set', async () => {
    const services = await servicesWith({ JANUS_WS_URL: external.url, JANUS_API_SECRET: external.apiSecret });
    try {
      await services.gateway.waitUntilUp(10_000);
      expect(services.localJanus).toBeUndefined();
      expect(services.gateway.isUp).toBe(true);
    } finally {
      await services.stop();
    }
  });

  it('stays unreachable (and healthz would say so) with a wrong secret', async () => {
    const services = await servicesWith({ JANUS_WS_URL: external.url, JANUS_API_SECRET: 'not-the-secret' });
    try {
      await expect(services.gateway.waitUntilUp(2_000)).rejects.toThrow(/did not come up/);
    } finally {
      await services.stop();
    }
  });
});
