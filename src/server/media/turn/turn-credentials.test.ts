import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { makeTurnCredential, turnPasswordOf, turnUrlsOf } from './turn-credentials.js';
import { hostNameOf, TurnService } from './turn-service.js';

describe('TURN REST API credentials', () => {
  it('match coturn’s scheme: base64(HMAC-SHA1(secret, username)), as computed by openssl', () => {
    // printf '%s' '1795000000:participant-1' | openssl dgst -sha1 -hmac 'a shared secret' -binary | base64
    expect(turnPasswordOf('a shared secret', '1795000000:participant-1')).toBe('L0qIXN+gk0bRTwYzxXvzzK/9EOw=');
  });

  it('put the expiry, in whole Unix seconds, before the id in the username', () => {
    const made = makeTurnCredential({ secret: 'a shared secret', id: 'participant-1', lifetimeSeconds: 3600, nowMs: 1_794_996_400_999 });
    expect(made.username).toBe('1795000000:participant-1');
    expect(made.credential).toBe('L0qIXN+gk0bRTwYzxXvzzK/9EOw=');
    expect(made.expiresAtMs).toBe(1_795_000_000_000);
  });

  it('refuse an id that could change the username’s meaning, and a lifetime that is not positive', () => {
    expect(() => makeTurnCredential({ secret: 's', id: 'a:b', lifetimeSeconds: 60, nowMs: 0 })).toThrow(/plain token/);
    expect(() => makeTurnCredential({ secret: 's', id: 'p', lifetimeSeconds: 0, nowMs: 0 })).toThrow(/positive/);
  });

  it('name UDP, TCP and, with a TLS port, TLS URLs', () => {
    expect(turnUrlsOf({ host: 'meet.example.coop', port: 3478 })).toEqual([
      'turn:meet.example.coop:3478?transport=udp',
      'turn:meet.example.coop:3478?transport=tcp',
    ]);
    expect(turnUrlsOf({ host: '[2001:db8::1]', port: 3478, tlsPort: 443 })).toContain('turns:[2001:db8::1]:443?transport=tcp');
  });
});

describe('TurnService', () => {
  const clock = new ManualClock(1_794_996_400_000);

  it('gives each browser a fresh credential for the local coturn at the host it reached', () => {
    const turn = new TurnService({ mode: 'local', secret: 'a shared secret', lifetimeSeconds: 3600, port: 3478, tlsPort: 443 }, clock);
    const [server] = turn.iceServersFor({ host: 'meet.example.coop:8443', id: 'participant-1' });
    expect(server).toEqual({
      urls: [
        'turn:meet.example.coop:3478?transport=udp',
        'turn:meet.example.coop:3478?transport=tcp',
        'turns:meet.example.coop:443?transport=tcp',
      ],
      username: '1795000000:participant-1',
      credential: 'L0qIXN+gk0bRTwYzxXvzzK/9EOw=',
    });
    expect(turn.refreshIntervalMs).toBe(2_700_000);
  });

  it('prefers the configured public host, and gives nothing for a Host header that is not a host', () => {
    const local = { mode: 'local', secret: 's', lifetimeSeconds: 60, port: 3478 } as const;
    expect(
      new TurnService({ ...local, publicHost: 'meet.example.coop' }, clock).iceServersFor({ host: '10.0.0.5:8080', id: 'p' })[0]?.urls[0],
    ).toBe('turn:meet.example.coop:3478?transport=udp');
    expect(new TurnService(local, clock).iceServersFor({ host: 'evil.example/?x', id: 'p' })).toEqual([]);
    expect(hostNameOf('[2001:db8::1]:8080')).toBe('[2001:db8::1]');
    expect(hostNameOf('10.0.0.5')).toBe('10.0.0.5');
  });

  it('hands an external server’s URLs as configured, and nothing when TURN is off', () => {
    const external = new TurnService(
      { mode: 'external', secret: 's', lifetimeSeconds: 600, urls: ['turns:turn.example.coop:443?transport=tcp'] },
      clock,
    );
    const [server] = external.iceServersFor({ host: undefined, id: 'p' });
    expect(server?.urls).toEqual(['turns:turn.example.coop:443?transport=tcp']);
    expect(server?.username).toBe(`${1_794_996_400 + 600}:p`);
    const off = new TurnService({ mode: 'off' }, clock);
    expect(off.iceServersFor({ host: 'meet.example.coop', id: 'p' })).toEqual([]);
    expect(off.refreshIntervalMs).toBeUndefined();
  });
});
