import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountLimits } from '../../shared/limits.js';
import { addressKey } from '../http/client-address.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { loginThrottleLimits } from './login-throttle.js';
import type { AccountsTables } from './migrations.js';
import { tokenHash } from './secrets.js';

const password = 'correct horse battery';
const attackerAddress = '203.0.113.66';

describe('the throttling key of a client address', () => {
  it('is an IPv4 address as it is, an IPv6 address by its /64, and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe.each(bothEngines)('login throttling by address and trusted device (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
    // The owner, Ada, signs up and logs in once from her own browser at 127.0.0.1.
    await signedUpPerson(fixture, 'ada@example.org', 'Ada', password);
  });
  afterEach(async () => {
    await fixture.close();
  });

  const db = () => fixture.storage.db.withTables<AccountsTables>();
  const browserAt = (address: string) => new TestBrowser(fixture.app, address);
  const errorCode = async (browser: TestBrowser, email: string, attempt: string) =>
    (await browser.logIn(email, attempt)).json().error?.code;
  /** A browser that has logged in as Ada before, at `address`. */
  const trustedBrowserAt = async (address: string) => {
    const browser = browserAt(address);
    expect((await browser.logIn('ada@example.org', password)).statusCode).toBe(200);
    return browser;
  };
  const failFiveTimes = async (browser: TestBrowser, email = 'ada@example.org') => {
    for (let attempt = 0; attempt < accountLimits.loginFailuresBeforeLock; attempt += 1) {
      expect(await errorCode(browser, email, `wrong guess number ${attempt}`)).toBe('invalid_credentials');
    }
  };

  it('locks a stranger’s address after five failures, but not the owner at another address', async () => {
    const attacker = browserAt(attackerAddress);
    await failFiveTimes(attacker);
    expect(await errorCode(attacker, 'ada@example.org', 'one more guess')).toBe('login_locked');
    // Even the right password is refused at the attacker's address…
    expect(await errorCode(browserAt(attackerAddress), 'ada@example.org', password)).toBe('login_locked');
    // …while Ada, in a new browser elsewhere, gets in.
    expect((await browserAt('198.51.100.2').logIn('ada@example.org', password)).statusCode).toBe(200);
  });

  it('lets no more guesses through when they are sent all at once than when sent one by one', async () => {
    const attempts = Array.from({ length: 25 }, (_, index) => errorCode(browserAt(attackerAddress), 'ada@example.org', `guess ${index}`));
    const codes = await Promise.all(attempts);
    expect(codes.filter((code) => code === 'invalid_credentials')).toHaveLength(accountLimits.loginFailuresBeforeLock);
    expect(codes.filter((code) => code === 'login_locked')).toHaveLength(25 - accountLimits.loginFailuresBeforeLock);
    expect((await browserAt('198.51.100.2').logIn('ada@example.org', password)).statusCode).toBe(200);
  });

  it('lets a browser that logged in before through at the attacker’s very address, while strangers there are throttled', async () => {
    const trusted = await trustedBrowserAt(attackerAddress);
    await failFiveTimes(browserAt(attackerAddress));
    expect(await errorCode(browserAt(attackerAddress), 'ada@example.org', password)).toBe('login_locked');
    expect((await trusted.logIn('ada@example.org', password)).statusCode).toBe(200);
    // The trusted browser's success does not unlock the address for strangers.
    expect(await errorCode(browserAt(attackerAddress), 'ada@example.org', password)).toBe('login_locked');
  });

  it('locks the email for untrusted browsers after failures from many addresses, but never for a trusted browser', async () => {
    const trusted = await trustedBrowserAt('198.51.100.2');
    for (let attempt = 0; attempt < loginThrottleLimits.untrustedFailuresBeforeLock; attempt += 1) {
      expect(await errorCode(browserAt(`203.0.113.${attempt + 1}`), 'ada@example.org', `guess ${attempt}`)).toBe('invalid_credentials');
    }
    // A distributed attack slows down: every untrusted browser is locked out, Ada's new ones too…
    expect(await errorCode(browserAt('198.51.100.99'), 'ada@example.org', password)).toBe('login_locked');
    // …but the browser she logged in with before still gets in.
    expect((await trusted.logIn('ada@example.org', password)).statusCode).toBe(200);
    fixture.clock.advance(accountLimits.loginLockBaseMs);
    expect((await browserAt('198.51.100.99').logIn('ada@example.org', password)).statusCode).toBe(200);
  });

  it('gives no way round the throttle to a browser trusted by another account', async () => {
    await signedUpPerson(fixture, 'mallory@example.org', 'Mallory', 'a passphrase of my own');
    const mallory = browserAt(attackerAddress);
    await failFiveTimes(mallory);
    // Mallory logs in to her own account, so her browser is trusted — for her account only.
    expect((await mallory.logIn('mallory@example.org', 'a passphrase of my own')).statusCode).toBe(200);
    expect(mallory.cookies.has('plenary_device')).toBe(true);
    expect(await errorCode(mallory, 'ada@example.org', password)).toBe('login_locked');
    // Her own account is untouched by all this.
    expect((await mallory.logIn('mallory@example.org', 'a passphrase of my own')).statusCode).toBe(200);
  });

  it('locks a trusted browser that fails too often by itself, without counting against its address', async () => {
    const trusted = await trustedBrowserAt(attackerAddress);
    await failFiveTimes(trusted);
    expect(await errorCode(trusted, 'ada@example.org', password)).toBe('login_locked');
    expect((await browserAt(attackerAddress).logIn('ada@example.org', password)).statusCode).toBe(200);
    fixture.clock.advance(accountLimits.loginLockBaseMs);
    expect((await trusted.logIn('ada@example.org', password)).statusCode).toBe(200);
  });

  it('forgets a trusted browser’s failures a day after its last one, as it does an address’s', async () => {
    const trusted = await trustedBrowserAt('198.51.100.2');
    for (let attempt = 0; attempt < accountLimits.loginFailuresBeforeLock - 1; attempt += 1) {
      expect(await errorCode(trusted, 'ada@example.org', `slip ${attempt}`)).toBe('invalid_credentials');
    }
    fixture.clock.advance(loginThrottleLimits.failureMemoryMs);
    // A day later the four old slips no longer count: four more are still allowed, the fifth locks.
    await failFiveTimes(trusted);
    expect(await errorCode(trusted, 'ada@example.org', password)).toBe('login_locked');
  });

  it('locks an email without an account exactly like one with an account', async () => {
    const stranger = browserAt(attackerAddress);
    await failFiveTimes(stranger, 'nobody@example.org');
    expect(await errorCode(stranger, 'nobody@example.org', password)).toBe('login_locked');
  });

  it('forgets failures a day after the last one, and stops trusting a device a year after its last login', async () => {
    const stranger = browserAt(attackerAddress);
    for (let attempt = 0; attempt < accountLimits.loginFailuresBeforeLock - 1; attempt += 1)
      await stranger.logIn('ada@example.org', 'guess');
    fixture.clock.advance(loginThrottleLimits.failureMemoryMs);
    await failFiveTimes(stranger);
    expect(await errorCode(stranger, 'ada@example.org', password)).toBe('login_locked');

    const trusted = await trustedBrowserAt('198.51.100.2');
    fixture.clock.advance(loginThrottleLimits.deviceTokenDurationMs);
    await failFiveTimes(browserAt('198.51.100.2'));
    expect(await errorCode(trusted, 'ada@example.org', password)).toBe('login_locked');
  });

  it('sets an httpOnly, SameSite, year-long device cookie for the login route only, keeps only its hash, and renews it at each login', async () => {
    const browser = browserAt('198.51.100.2');
    const login = await browser.logIn('ada@example.org', password);
    const cookie = login.cookies.find((candidate) => candidate.name === 'plenary_device');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/account/login', maxAge: 365 * 24 * 60 * 60 });
    expect(cookie?.secure).toBeFalsy();
    const first = cookie?.value ?? '';
    const stored = async () => (await db().selectFrom('trusted_devices').select('token_hash').execute()).map((row) => row.token_hash);
    expect(await stored()).toContain(tokenHash(first));
    expect(await stored()).not.toContain(first);

    await browser.logIn('ada@example.org', password);
    const second = browser.cookies.get('plenary_device') ?? '';
    expect(second).not.toBe(first);
    expect(await stored()).toContain(tokenHash(second));
    expect(await stored()).not.toContain(tokenHash(first));
  });

  it('lifts every lock with a password reset', async () => {
    for (let attempt = 0; attempt < loginThrottleLimits.untrustedFailuresBeforeLock; attempt += 1) {
      await browserAt(`203.0.113.${attempt + 1}`).logIn('ada@example.org', `guess ${attempt}`);
    }
    expect(await errorCode(browserAt('198.51.100.99'), 'ada@example.org', password)).toBe('login_locked');
    await browserAt('198.51.100.99').request('POST', '/api/account/password-reset/request', { email: 'ada@example.org' });
    const mail = await fixture.mail.waitFor('ada@example.org', /Reset/);
    const token = new URL((mail.text.match(/https?:\/\/\S+reset-password\S+/) ?? [''])[0]).searchParams.get('token');
    const reset = await browserAt('198.51.100.99').request('POST', '/api/account/password-reset', {
      token,
      password: 'a brand new secret',
    });
    expect(reset.statusCode).toBe(200);
    expect((await browserAt('198.51.100.99').logIn('ada@example.org', 'a brand new secret')).statusCode).toBe(200);
  });

  it('forgets the trusted devices and the failures of a deleted account, and clears its device cookie', async () => {
    const trusted = await trustedBrowserAt('198.51.100.2');
    await browserAt(attackerAddress).logIn('ada@example.org', 'a wrong guess');
    const person = await fixture.people.accounts.findByEmail('ada@example.org');
    const devices = () =>
      db()
        .selectFrom('trusted_devices')
        .select('token_hash')
        .where('person_id', '=', person?.id ?? '')
        .execute();
    const failures = () => db().selectFrom('login_failures').select('scope').where('email', '=', 'ada@example.org').execute();
    expect(await devices()).toHaveLength(2);
    expect(await failures()).toHaveLength(2);
    expect((await trusted.request('GET', '/api/account/export')).json().account.trusted_devices).toHaveLength(2);

    const deletion = await trusted.request('POST', '/api/account/delete', { password });
    expect(deletion.statusCode).toBe(204);
    expect(deletion.cookies.find((candidate) => candidate.name === 'plenary_device')?.value).toBe('');
    expect(await devices()).toEqual([]);
    expect(await failures()).toEqual([]);
  });
});

describe('the device cookie behind https', () => {
  it('is Secure when PUBLIC_URL is https', async () => {
    const fixture = await startPeopleTestApp('sqlite', { publicUrl: 'https://meet.example.coop' });
    try {
      const browser = await signedUpPerson(fixture, 'ada@example.org', 'Ada', password);
      const login = await browser.logIn('ada@example.org', password);
      expect(login.cookies.find((candidate) => candidate.name === 'plenary_device')?.secure).toBe(true);
      expect(login.cookies.find((candidate) => candidate.name === 'plenary_session')?.secure).toBe(true);
    } finally {
      await fixture.close();
    }
  });
});
