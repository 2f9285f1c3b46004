import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseIceInterface } from '../janus-config.js';
import { keptTurnSecret, type LocalCoturn, startLocalCoturn } from './local-coturn.js';
import { makeTurnCredential } from './turn-credentials.js';
import { TurnTestClient } from './turn-test-client.js';

// A real coturn (Debian's turnserver, installed by scripts/setup.mjs) spoken to over UDP by a hand-written TURN client.
describe('the supervised coturn', () => {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'plenary-coturn-'));
  let coturn: LocalCoturn;
  const clients: TurnTestClient[] = [];
  const client = () => {
    const made = new TurnTestClient('127.0.0.1', coturn.port);
    clients.push(made);
    return made;
  };
  const credential = (lifetimeSeconds: number, nowMs = Date.now()) =>
    makeTurnCredential({ secret: coturn.secret, id: 'participant-1', lifetimeSeconds, nowMs });

  beforeAll(async () => {
    coturn = await startLocalCoturn({
      dataDirectory,
      binary: 'turnserver',
      port: 0,
      relayPortRange: '44000-44100',
      mediaInterface: chooseIceInterface(),
      realm: 'plenary.test',
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    });
    expect(await client().waitUntilAnswering(10_000)).toBe(true);
  }, 15_000);

  afterAll(async () => {
    for (const made of clients) made.close();
    await coturn?.supervisor.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('relays for a credential made with its secret', async () => {
    const { username, credential: password } = credential(600);
    const response = await client().allocate(username, password);
    if (response?.kind !== 'success') throw new Error(`allocation refused: ${response?.errorCode}`);
    // A relayed address in the range given, its ends included (44100 is one: the pattern once said 440dd, failing 1 run in 101).
    const relayed = TurnTestClient.relayedAddressOf(response);
    expect(relayed).toMatch(/^\d+\.\d+\.\d+\.\d+:\d+$/);
    const port = Number(relayed?.split(':')[1]);
    expect(port).toBeGreaterThanOrEqual(44_000);
    expect(port).toBeLessThanOrEqual(44_100);
  });

  it('refuses a credential whose expiry has passed, although its password is right', async () => {
    const { username, credential: password } = credential(60, Date.now() - 120_000);
    const response = await client().allocate(username, password);
    expect(response?.kind).toBe('error');
    expect(response?.errorCode).toBe(401);
  });

  it('keeps an allocation made before its credential expired: a long meeting’s relay outlives the credential', async () => {
    const made = makeTurnCredential({ secret: coturn.secret, id: 'participant-1', lifetimeSeconds: 1, nowMs: Date.now() });
    const turn = client();
    expect((await turn.allocate(made.username, made.credential))?.kind).toBe('success');
    await new Promise((resolve) => setTimeout(resolve, made.expiresAtMs + 1_100 - Date.now()));
    expect((await turn.refresh(600))?.kind).toBe('success');
    expect((await client().allocate(made.username, made.credential))?.errorCode).toBe(401);
  });

  it('refuses a forged credential: a later expiry on an earlier password, or another secret', async () => {
    const genuine = credential(600);
    const later = `${Number(genuine.username.split(':')[0]) + 86_400}:participant-1`;
    expect((await client().allocate(later, genuine.credential))?.errorCode).toBe(401);
    const other = makeTurnCredential({ secret: 'not-the-secret', id: 'participant-1', lifetimeSeconds: 600, nowMs: Date.now() });
    expect((await client().allocate(other.username, other.credential))?.errorCode).toBe(401);
  });

  it('never relays to private or loopback peers, except the media server’s own address', async () => {
    const { username, credential: password } = credential(600);
    const turn = client();
    const allocated = await turn.allocate(username, password);
    expect(allocated?.kind).toBe('success');
    for (const peer of ['127.0.0.1', '10.1.2.3', '192.168.1.1', '172.16.0.5', '169.254.1.1', '100.64.0.1']) {
      if (peer === coturn.relayAddress) continue;
      expect((await turn.createPermission(peer))?.errorCode, peer).toBe(403);
    }
    expect((await turn.createPermission('198.51.100.7'))?.errorCode).toBe(403);
    if (coturn.relayAddress) expect((await turn.createPermission(coturn.relayAddress))?.kind).toBe('success');
    const outside = await turn.createPermission('8.8.8.8');
    expect(outside?.errorCode).toBeUndefined();
    expect(outside?.kind).toBe('success');
  });

  it('is started again when it dies, with the same secret', async () => {
    const killedPid = coturn.supervisor.pid;
    const respawned = new Promise<number>((resolve) => coturn.supervisor.once('spawned', resolve));
    process.kill(killedPid ?? 0, 'SIGKILL');
    expect(await respawned).not.toBe(killedPid);
    expect(await client().waitUntilAnswering(10_000)).toBe(true);
    const { username, credential: password } = credential(600);
    expect((await client().allocate(username, password))?.kind).toBe('success');
  });

  it('keeps its generated secret in the data directory for the next start', () => {
    expect(keptTurnSecret(path.join(dataDirectory, 'turn'))).toBe(coturn.secret);
    expect(statSync(path.join(dataDirectory, 'turn', 'secret')).mode & 0o077).toBe(0);
  });
});
