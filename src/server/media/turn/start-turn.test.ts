import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { startTurn, type TurnConfig } from './start-turn.js';

const base: TurnConfig = {
  TURN: 'off',
  TURN_CREDENTIAL_LIFETIME_S: 3600,
  TURN_PORT: 3478,
  TURN_TLS_PORT: 443,
  TURN_RELAY_PORT_RANGE: '49152-65535',
  TURN_BINARY: 'turnserver',
  JANUS_TURN: 'off',
  DATA_DIR: '/nonexistent',
};
const context = { clock: new ManualClock(), logger: pino({ level: 'silent' }), mediaInterface: undefined };

describe('startTurn', () => {
  it('refuses an external TURN without its URLs or secret, a certificate without its key, and a certificate that is not there', async () => {
    await expect(startTurn({ ...base, TURN: 'external', TURN_SECRET: 'a-secret-of-16-chars' }, context)).rejects.toThrow(
      /TURN_URLS and TURN_SECRET/,
    );
    await expect(startTurn({ ...base, TURN: 'external', TURN_URLS: ['turn:t.example:3478'] }, context)).rejects.toThrow(
      /TURN_URLS and TURN_SECRET/,
    );
    await expect(startTurn({ ...base, TURN_TLS_CERT: '/etc/ssl/turn.pem' }, context)).rejects.toThrow(/TURN_TLS_KEY/);
    const missing = { TURN: 'local', TURN_TLS_CERT: '/nonexistent/turn.pem', TURN_TLS_KEY: '/nonexistent/turn.key' } as const;
    await expect(startTurn({ ...base, ...missing }, context)).rejects.toThrow('TURN_TLS_CERT: /nonexistent/turn.pem does not exist');
  });

  it('gives an external server’s URLs to browsers and, with JANUS_TURN, its first turn: URL to Janus', async () => {
    const urls = ['turns:turn.example.coop:443?transport=tcp', 'turn:turn.example.coop:3478?transport=tcp'];
    const turn = await startTurn(
      { ...base, TURN: 'external', TURN_URLS: urls, TURN_SECRET: 'a-secret-of-16-chars', JANUS_TURN: 'on' },
      context,
    );
    expect(turn.localCoturn).toBeUndefined();
    expect(turn.service.iceServersFor({ host: 'meet.example.coop', id: 'p' })[0]?.urls).toEqual(urls);
    expect(turn.janusTurn).toMatchObject({ server: 'turn.example.coop', port: 3478, type: 'tcp' });
    expect(turn.janusTurn?.user).toMatch(/^\d+:janus$/);
  });

  it('names the local coturn by TURN_HOST, else by PUBLIC_URL’s host, else by the host the browser reached', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'plenary-turn-host-'));
    const local = { ...base, TURN: 'local', TURN_PORT: 0, DATA_DIR: folder } as const;
    const hosts: (string | undefined)[] = [];
    for (const config of [
      { ...local, TURN_HOST: 'turn.example.coop', PUBLIC_URL: 'https://meet.example.coop' },
      { ...local, PUBLIC_URL: 'https://meet.example.coop' },
      local,
    ]) {
      const turn = await startTurn(config, context);
      await turn.localCoturn?.supervisor.stop();
      hosts.push(turn.service.iceServersFor({ host: '10.0.0.5:8080', id: 'p' })[0]?.urls[0]?.split(':')[1]);
    }
    rmSync(folder, { recursive: true, force: true });
    expect(hosts).toEqual(['turn.example.coop', 'meet.example.coop', '10.0.0.5']);
  });

  it('starts nothing and gives nothing when off', async () => {
    const turn = await startTurn({ ...base, JANUS_TURN: 'on' }, context);
    expect(turn.localCoturn).toBeUndefined();
    expect(turn.janusTurn).toBeUndefined();
    expect(turn.service.iceServersFor({ host: 'meet.example.coop', id: 'p' })).toEqual([]);
  });
});
