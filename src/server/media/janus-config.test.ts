import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseIceInterface, renderJanusConfig, writeJanusConfig } from './janus-config.js';

function fakeJanusLibrary(): string {
  const library = mkdtempSync(path.join(tmpdir(), 'janus-lib-'));
  for (const [kind, files] of Object.entries({
    plugins: ['libjanus_videoroom.so', 'libjanus_sip.so', 'libjanus_echotest.so'],
    transports: ['libjanus_websockets.so', 'libjanus_http.so', 'libjanus_mqtt.so'],
    events: ['libjanus_wsevh.so'],
    loggers: ['libjanus_jsonlog.so'],
  })) {
    mkdirSync(path.join(library, kind));
    for (const file of files) writeFileSync(path.join(library, kind, file), '');
  }
  return library;
}

describe('writeJanusConfig', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'janus-config-'));
  const main = writeJanusConfig({
    folder,
    websocketPort: 18188,
    apiSecret: 'secret-value',
    iceInterface: 'veth0',
    rtpPortRange: '20000-20100',
    libraryFolder: fakeJanusLibrary(),
  });
  const janus = readFileSync(main, 'utf8');
  const websockets = readFileSync(path.join(folder, 'janus.transport.websockets.jcfg'), 'utf8');

  it('keeps only the videoroom plugin and the WebSocket transport', () => {
    expect(janus).toMatch(/plugins: \{\n {2}disable = "libjanus_echotest.so,libjanus_sip.so"/);
    expect(janus).toMatch(/transports: \{\n {2}disable = "libjanus_http.so,libjanus_mqtt.so"/);
    expect(janus).toContain('disable = "libjanus_wsevh.so"');
    expect(janus).toContain('disable = "libjanus_jsonlog.so"');
  });

  it('logs warnings and errors only, with no event handlers or loggers, so no address, SDP or name leaves Janus', () => {
    expect(janus).toMatch(/^ {2}debug_level = 3$/m);
    expect(janus).toMatch(/events: \{\n {2}broadcast = false/);
    expect(janus).not.toMatch(/^ *(log_to_file|event_handlers|admin_secret)/m);
  });

  it('puts the API on loopback only, without TLS or admin API, behind a secret', () => {
    expect(websockets).toContain('ws_ip = "127.0.0.1"');
    expect(websockets).toContain('ws_port = 18188');
    expect(websockets).toContain('admin_ws = false');
    expect(websockets).toContain('wss = false');
    expect(janus).toContain('api_secret = "secret-value"');
  });

  it('puts the admin API beside the API, on the same address, behind its own secret, when asked', () => {
    const withAdmin = mkdtempSync(path.join(tmpdir(), 'janus-config-admin-'));
    const mainFile = writeJanusConfig({
      folder: withAdmin,
      websocketPort: 18188,
      apiSecret: 'secret-value',
      admin: { port: 17188, secret: 'admin-value' },
      iceInterface: 'veth0',
      rtpPortRange: '20000-20100',
      libraryFolder: fakeJanusLibrary(),
    });
    const transport = readFileSync(path.join(withAdmin, 'janus.transport.websockets.jcfg'), 'utf8');
    expect(transport).toMatch(
      /admin: \{\n {2}admin_ws = true\n {2}admin_ws_port = 17188\n {2}admin_ws_ip = "127.0.0.1"\n {2}admin_wss = false\n\}/,
    );
    expect(readFileSync(mainFile, 'utf8')).toMatch(/^ {2}api_secret = "secret-value"\n {2}admin_secret = "admin-value"$/m);
  });

  it('gathers ICE on the chosen interface only, with full trickle and no mDNS', () => {
    expect(janus).toContain('ice_enforce_list = "veth0"');
    expect(janus).toContain('full_trickle = true');
    expect(janus).toContain('ignore_mdns = true');
    expect(janus).toContain('rtp_port_range = "20000-20100"');
    expect(janus).toContain('ipv6 = false');
  });

  it('names no TURN server unless given one, then all of server, port, type and credential', () => {
    expect(janus).not.toContain('turn_server');
    const withTurn = renderJanusConfig({
      folder,
      websocketPort: 18188,
      apiSecret: 'secret-value',
      iceInterface: 'veth0',
      rtpPortRange: '20000-20100',
      turn: { server: '10.254.0.1', port: 3478, type: 'udp', user: '1800000000:janus', password: 'cGFzc3dvcmQ=' },
    });
    expect(withTurn).toContain('turn_server = "10.254.0.1"\n  turn_port = 3478\n  turn_type = "udp"');
    expect(withTurn).toContain('turn_user = "1800000000:janus"\n  turn_pwd = "cGFzc3dvcmQ="');
  });

  it('is readable only by its owner, since it holds the API secret', () => {
    expect(statSync(main).mode & 0o077).toBe(0);
  });
});

describe('chooseIceInterface', () => {
  const address = (family: 'IPv4' | 'IPv6', internal: boolean) => ({
    address: '10.0.0.1',
    netmask: '255.0.0.0',
    family,
    mac: '00:00:00:00:00:00',
    internal,
    cidr: null,
    ...(family === 'IPv6' ? { scopeid: 0 } : {}),
  });

  it('skips loopback and IPv6-only interfaces', () => {
    expect(
      chooseIceInterface({ lo: [address('IPv4', true)], wg0: [address('IPv6', false)], eth1: [address('IPv4', false)] } as never),
    ).toBe('eth1');
  });

  it('returns undefined when only loopback exists', () => {
    expect(chooseIceInterface({ lo: [address('IPv4', true)] } as never)).toBeUndefined();
  });
});
