import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deniedPeerRanges, renderCoturnConfig, writeCoturnConfig } from './coturn-config.js';

const base = {
  secret: 'a-shared-secret',
  realm: 'meet.example.coop',
  port: 3478,
  relayPortRange: '49152-65535',
  relayAddress: '10.254.0.1',
  allowedPeerAddresses: ['10.254.0.1'],
};

describe('the coturn configuration', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'coturn-config-'));
  const file = writeCoturnConfig({ folder, ...base });
  const lines = readFileSync(file, 'utf8').split('\n');

  it('takes only TURN REST API credentials under the shared secret, in its realm', () => {
    expect(lines).toEqual(expect.arrayContaining(['use-auth-secret', 'static-auth-secret=a-shared-secret', 'realm=meet.example.coop']));
    expect(lines).not.toContain('lt-cred-mech');
    expect(lines).not.toContain('no-auth');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('denies loopback and every private and special range, but allows the media server’s own address', () => {
    for (const range of [
      '10.0.0.0-10.255.255.255',
      '172.16.0.0-172.31.255.255',
      '192.168.0.0-192.168.255.255',
      '127.0.0.0-127.255.255.255',
      '169.254.0.0-169.254.255.255',
      '100.64.0.0-100.127.255.255',
      'fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      '::1',
    ])
      expect(lines).toContain(`denied-peer-ip=${range}`);
    expect(lines.filter((line) => line.startsWith('denied-peer-ip='))).toHaveLength(deniedPeerRanges.length);
    expect(lines).toContain('allowed-peer-ip=10.254.0.1');
    expect(lines).toContain('relay-ip=10.254.0.1');
    expect(lines).not.toContain('allow-loopback-peers');
  });

  it('hardens the rest: no multicast peers, no CLI, no TCP relay to peers, fingerprints, its own relay ports', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'no-multicast-peers',
        'no-cli',
        'no-tcp-relay',
        'fingerprint',
        'min-port=49152',
        'max-port=65535',
        'listening-port=3478',
      ]),
    );
  });

  it('listens with TLS only when given a port, a certificate and a key', () => {
    expect(lines).toContain('no-tls');
    const tls = renderCoturnConfig({
      folder,
      ...base,
      tlsPort: 443,
      certificateFile: '/etc/ssl/turn.pem',
      keyFile: '/etc/ssl/turn.key',
    }).split('\n');
    expect(tls).toEqual(expect.arrayContaining(['tls-listening-port=443', 'cert=/etc/ssl/turn.pem', 'pkey=/etc/ssl/turn.key']));
    expect(tls).not.toContain('no-tls');
  });
});
