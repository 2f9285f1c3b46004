import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const emptyFolder = () => mkdtempSync(path.join(tmpdir(), 'plenary-config-'));

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const folder = emptyFolder();
    const config = loadConfig({}, folder);
    expect(config.PORT).toBe(8080);
    expect(config.DATA_DIR).toBe(path.join(folder, 'data'));
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.JANUS_WS_URL).toBeUndefined();
  });

  it('reads environment variables and treats empty ones as unset', () => {
    const config = loadConfig(
      { PORT: '9000', DATABASE_URL: 'postgres://db/plenary', JANUS_WS_URL: 'ws://10.0.0.5:8188', LOG_LEVEL: 'debug', PUBLIC_URL: '' },
      emptyFolder(),
    );
    expect(config.PORT).toBe(9000);
    expect(config.DATABASE_URL).toBe('postgres://db/plenary');
    expect(config.JANUS_WS_URL).toBe('ws://10.0.0.5:8188');
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.PUBLIC_URL).toBeUndefined();
  });

  it('takes an INSTANCE_ID of letters, digits, dots, dashes and underscores, and refuses anything else', () => {
    expect(loadConfig({ INSTANCE_ID: 'meet-1.eu_west' }, emptyFolder()).INSTANCE_ID).toBe('meet-1.eu_west');
    expect(loadConfig({}, emptyFolder()).INSTANCE_ID).toBeUndefined();
    expect(() => loadConfig({ INSTANCE_ID: 'two words' }, emptyFolder())).toThrow(/INSTANCE_ID="two words": must be 1–64 letters/);
  });

  it('takes Redis as redis:// or rediss:// with a cluster secret of at least 32 characters, and refuses anything else', () => {
    const secret = 'a-cluster-secret-of-32-characters';
    const config = loadConfig({ REDIS_URL: 'redis://10.0.0.5:6379', CLUSTER_SECRET: secret }, emptyFolder());
    expect(config).toMatchObject({ REDIS_URL: 'redis://10.0.0.5:6379', CLUSTER_SECRET: secret, REDIS_PREFIX: 'plenary:' });
    expect(() => loadConfig({ REDIS_URL: 'http://10.0.0.5:6379' }, emptyFolder())).toThrow(
      /REDIS_URL="http:\/\/10.0.0.5:6379": must start with redis:\/\//,
    );
    expect(() => loadConfig({ CLUSTER_SECRET: 'short' }, emptyFolder())).toThrow(
      /CLUSTER_SECRET \(hidden\): must be at least 32 characters/,
    );
    // Secrets, even wrong ones, are never repeated in the error.
    expect(() => loadConfig({ TURN_SECRET: 'tooshort' }, emptyFolder())).toThrow(/^(?![\s\S]*tooshort)/);
    expect(() => loadConfig({ REDIS_PREFIX: 'has spaces' }, emptyFolder())).toThrow(/REDIS_PREFIX/);
  });

  it('reads TRUST_PROXY as a list of addresses and CIDR ranges, and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,2001:db8::/32' }, emptyFolder()).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      '2001:db8::/32',
    ]);
    expect(loadConfig({}, emptyFolder()).TRUST_PROXY).toBeUndefined();
    for (const bad of ['proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/8', ' , ']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }, emptyFolder()), bad).toThrow(/TRUST_PROXY=/);
    }
  });

  it('keeps BigBlueButton callbacks to public addresses unless BBB_API_PRIVATE_CALLBACKS is on', () => {
    expect(loadConfig({}, emptyFolder()).BBB_API_PRIVATE_CALLBACKS).toBe('off');
    expect(loadConfig({ BBB_API_PRIVATE_CALLBACKS: 'on' }, emptyFolder()).BBB_API_PRIVATE_CALLBACKS).toBe('on');
    expect(() => loadConfig({ BBB_API_PRIVATE_CALLBACKS: 'yes' }, emptyFolder())).toThrow(
      /BBB_API_PRIVATE_CALLBACKS="yes": must be on or off/,
    );
  });

  it('keeps client addresses 7 days by default, and takes 1 to 90 days of PRIVACY_ADDRESS_RETENTION_DAYS', () => {
    expect(loadConfig({}, emptyFolder()).PRIVACY_ADDRESS_RETENTION_DAYS).toBe(7);
    expect(loadConfig({ PRIVACY_ADDRESS_RETENTION_DAYS: '1' }, emptyFolder()).PRIVACY_ADDRESS_RETENTION_DAYS).toBe(1);
    for (const bad of ['0', '91', 'a week', '2.5']) {
      expect(() => loadConfig({ PRIVACY_ADDRESS_RETENTION_DAYS: bad }, emptyFolder()), bad).toThrow(/PRIVACY_ADDRESS_RETENTION_DAYS=/);
    }
  });

  it('keeps sent letters 7 days by default, and takes 1 to 90 days of PRIVACY_SENT_MAIL_RETENTION_DAYS', () => {
    expect(loadConfig({}, emptyFolder()).PRIVACY_SENT_MAIL_RETENTION_DAYS).toBe(7);
    expect(loadConfig({ PRIVACY_SENT_MAIL_RETENTION_DAYS: '30' }, emptyFolder()).PRIVACY_SENT_MAIL_RETENTION_DAYS).toBe(30);
    for (const bad of ['0', '91', 'forever', '1.5']) {
      expect(() => loadConfig({ PRIVACY_SENT_MAIL_RETENTION_DAYS: bad }, emptyFolder()), bad).toThrow(/PRIVACY_SENT_MAIL_RETENTION_DAYS=/);
    }
  });

  it('strips the trailing slash of PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://meet.example.coop/' }, emptyFolder()).PUBLIC_URL).toBe('https://meet.example.coop');
  });

  it('reports every bad value at once, each with its name and a reason', () => {
    let error: unknown;
    try {
      loadConfig(
        { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x', RTP_PORT_RANGE: '5000-1000' },
        emptyFolder(),
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT="eighty": must be a number/);
    expect(problems).toMatch(/DATABASE_URL="mysql:\/\/x": must start with postgres:\/\//);
    expect(problems).toMatch(/LOG_LEVEL="loud": must be one of/);
    expect(problems).toMatch(/PUBLIC_URL="ftp:\/\/x"/);
    expect(problems).toMatch(/RTP_PORT_RANGE="5000-1000": must be an increasing range/);
  });

  it('runs a local TURN by default and reads an external one’s URLs, refusing anything but turn: and turns:', () => {
    const defaults = loadConfig({}, emptyFolder());
    expect(defaults).toMatchObject({ TURN: 'local', TURN_PORT: 3478, TURN_TLS_PORT: 443, TURN_CREDENTIAL_LIFETIME_S: 3600 });
    expect(defaults.TURN_RELAY_PORT_RANGE).toBe('49152-65535');
    const external = loadConfig(
      {
        TURN: 'external',
        TURN_URLS: 'turn:turn.example.coop:3478?transport=udp, turns:turn.example.coop:443?transport=tcp',
        TURN_SECRET: 'sixteen-chars-ok',
      },
      emptyFolder(),
    );
    expect(external.TURN_URLS).toEqual(['turn:turn.example.coop:3478?transport=udp', 'turns:turn.example.coop:443?transport=tcp']);
    for (const [key, bad] of [
      ['TURN', 'coturn'],
      ['TURN_URLS', 'stun:stun.example.coop:3478'],
      ['TURN_URLS', 'turn:turn.example.coop:3478?transport=sctp'],
      ['TURN_SECRET', 'short'],
      ['TURN_CREDENTIAL_LIFETIME_S', '10'],
      ['TURN_RELAY_PORT_RANGE', '100-200'],
    ]) {
      expect(() => loadConfig({ [key as string]: bad }, emptyFolder()), `${key}=${bad}`).toThrow(new RegExp(`${key}(=| \\(hidden\\))`));
    }
  });

  it('reads plenary.config.json, with the environment winning', () => {
    const folder = emptyFolder();
    writeFileSync(path.join(folder, 'plenary.config.json'), JSON.stringify({ PORT: 7000, LOG_LEVEL: 'warn' }));
    const config = loadConfig({ LOG_LEVEL: 'error' }, folder);
    expect(config.PORT).toBe(7000);
    expect(config.LOG_LEVEL).toBe('error');
  });

  it('rejects unknown settings and unreadable files in the config file', () => {
    const folder = emptyFolder();
    writeFileSync(path.join(folder, 'typo.json'), JSON.stringify({ PROT: 7000 }));
    expect(() => loadConfig({ CONFIG_FILE: 'typo.json' }, folder)).toThrow(/unknown settings PROT/);
    writeFileSync(path.join(folder, 'broken.json'), '{ not json');
    expect(() => loadConfig({ CONFIG_FILE: 'broken.json' }, folder)).toThrow(/cannot be read as JSON/);
    writeFileSync(path.join(folder, 'array.json'), '[]');
    expect(() => loadConfig({ CONFIG_FILE: 'array.json' }, folder)).toThrow(/must hold a JSON object/);
  });
});
