/** The configuration of a media server of the pool: arguments checked in words, files as the supervised Janus's but listening where told. */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArguments, writeMediaServerConfig } from './media-server-config.js';

describe('media-server-config', () => {
  it('refuses missing, malformed and unknown options, naming each', () => {
    const refused = parseArguments([
      '--listen',
      '10.0.0.5',
      '--ice-interface',
      'lo',
      '--rtp-ports',
      '40000-20000',
      '--admin-port',
      'x7188',
      '--colour',
      'blue',
    ]);
    expect(refused.ok).toBe(false);
    const problems = refused.ok ? [] : refused.problems.join('\n');
    expect(problems).toContain('--colour: unknown option');
    expect(problems).toContain('--folder is required');
    expect(problems).toContain('--listen must be an address and a port');
    expect(problems).toContain('--ice-interface must not be loopback');
    expect(problems).toContain('--rtp-ports must go up');
    expect(problems).toContain('--admin-port must be a port number');
    expect(parseArguments(['--folder']).ok).toBe(false);
    const clash = parseArguments(['--folder', '/tmp/x', '--listen', '10.0.0.5:8188', '--ice-interface', 'eth0', '--admin-port', '8188']);
    expect(clash).toEqual({ ok: false, problems: ['--admin-port must differ from the API’s port'] });
  });

  it('writes the supervised Janus’s configuration with the API on the given address, and the secret for the owner alone', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'media-server-config-'));
    const parsed = parseArguments(['--folder', folder, '--listen', '10.0.0.5:8188', '--ice-interface', 'eth0']);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const written = writeMediaServerConfig(parsed.value);
    expect(written.url).toBe('ws://10.0.0.5:8188');
    const websockets = readFileSync(path.join(folder, 'janus.transport.websockets.jcfg'), 'utf8');
    expect(websockets).toContain('ws_ip = "10.0.0.5"');
    expect(websockets).toContain('ws_port = 8188');
    expect(websockets).toContain('admin_ws = false');
    const janus = readFileSync(written.mainFile, 'utf8');
    expect(janus).toContain(`api_secret = "${written.apiSecret}"`);
    expect(janus).toContain('ice_enforce_list = "eth0"');
    expect(janus).toContain('rtp_port_range = "20000-40000"');
    expect(janus).toMatch(/^# Written by Plenary's scripts\/media-server-config\.ts/);
    expect(readFileSync(path.join(folder, 'api-secret'), 'utf8').trim()).toBe(written.apiSecret);
    expect(statSync(path.join(folder, 'api-secret')).mode & 0o777).toBe(0o600);
    expect(written.admin).toBeUndefined();
  });

  it('puts the admin API beside the API on the same address, behind a secret of its own, when asked', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'media-server-config-admin-'));
    const parsed = parseArguments(['--folder', folder, '--listen', '10.0.0.5:8188', '--ice-interface', 'eth0', '--admin-port', '7188']);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const written = writeMediaServerConfig(parsed.value);
    expect(written.admin?.url).toBe('ws://10.0.0.5:7188');
    expect(written.admin?.secret).not.toBe(written.apiSecret);
    const websockets = readFileSync(path.join(folder, 'janus.transport.websockets.jcfg'), 'utf8');
    expect(websockets).toContain('admin_ws = true');
    expect(websockets).toContain('admin_ws_port = 7188');
    expect(websockets).toContain('admin_ws_ip = "10.0.0.5"');
    expect(readFileSync(written.mainFile, 'utf8')).toContain(`admin_secret = "${written.admin?.secret}"`);
    expect(readFileSync(path.join(folder, 'admin-secret'), 'utf8').trim()).toBe(written.admin?.secret);
    expect(statSync(path.join(folder, 'admin-secret')).mode & 0o777).toBe(0o600);
  });
});
