import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountLimits } from '../../shared/limits.js';
import { linkIn } from '../email/smtp-sink.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const password = 'correct horse battery';

describe.each(bothEngines)('accounts over HTTP (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
  });
  afterEach(async () => {
    await fixture.close();
  });

  const peopleCount = async () => (await fixture.people.accounts.listPeople(1000)).length;
  const tokenFrom = (text: string, path: string) => new URL(linkIn(text, path)).searchParams.get('token') ?? '';

  it('signs up, verifies by the mailed link, logs in with an httpOnly SameSite cookie, and logs out', async () => {
    const browser = new TestBrowser(fixture.app);
    const signUp = await browser.request('POST', '/api/account/signup', { email: ' Ada@Example.org ', password, name: 'Ada' });
    expect(signUp.statusCode).toBe(202);
    expect(signUp.json()).toEqual({ sent: true });
    expect(await fixture.people.accounts.findByEmail('ada@example.org')).toMatchObject({ name: 'Ada', emailVerified: false });

    expect((await browser.request('POST', '/api/account/login', { email: 'ada@example.org', password })).json().error.code).toBe(
      'email_not_verified',
    );

    const mail = await fixture.mail.waitFor('ada@example.org', /Confirm your email/);
    expect((await browser.request('POST', '/api/account/verify', { token: tokenFrom(mail.text, '/verify') })).statusCode).toBe(200);

    const login = await browser.logIn('ada@example.org', password);
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((candidate) => candidate.name === 'plenary_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(login.json().person).toMatchObject({ email: 'ada@example.org', name: 'Ada', organisations: [] });

    const session = await browser.request('GET', '/api/account/session');
    expect(session.json().person.name).toBe('Ada');
    expect(session.json().csrfToken).toBe(browser.csrfToken);

    expect((await browser.request('POST', '/api/account/logout')).statusCode).toBe(204);
    expect((await browser.request('GET', '/api/account/session')).json()).toEqual({ person: null });
  });

  it('answers a sign-up with a taken email exactly like one with a new email, and mails the owner a notice instead of a link', async () => {
    await signedUpPerson(fixture, 'ada@example.org', 'Ada');
    const before = await peopleCount();
    const stranger = new TestBrowser(fixture.app);
    const taken = await stranger.request('POST', '/api/account/signup', {
      email: 'ADA@example.org',
      password: 'an entirely other secret',
      name: 'Eve',
    });
    const fresh = await stranger.request('POST', '/api/account/signup', { email: 'new@example.org', password, name: 'New' });
    expect({ status: taken.statusCode, body: taken.body }).toEqual({ status: fresh.statusCode, body: fresh.body });
    expect(taken.statusCode).toBe(202);
    expect(await peopleCount()).toBe(before + 1);

    const notice = await fixture.mail.waitFor('ada@example.org', /tried to sign up/);
    expect(notice.text).toContain('Hello Ada,');
    expect(linkIn(notice.text, '/login')).toMatch(/\/login$/);
    expect(linkIn(notice.text, '/forgot-password')).toMatch(/\/forgot-password$/);
    expect(notice.text).not.toMatch(/token=/);
    const confirmations = fixture.mail.messages.filter((mail) => mail.to.includes('ada@example.org') && /Confirm/.test(mail.subject));
    expect(confirmations).toHaveLength(1);
    // The account is as it was: its name and password, not the stranger's.
    expect((await stranger.logIn('ada@example.org', 'an entirely other secret')).json().error.code).toBe('invalid_credentials');
    expect((await stranger.logIn('ada@example.org', password)).statusCode).toBe(200);
    expect((await fixture.people.accounts.findByEmail('ada@example.org'))?.name).toBe('Ada');
  });

  it('refuses weak passwords and malformed requests, and creates nobody', async () => {
    const before = await peopleCount();
    const browser = new TestBrowser(fixture.app);
    const attempts: [unknown, string][] = [
      [{ email: 'new@example.org', password: 'short', name: 'New' }, 'password_too_short'],
      [{ email: 'new@example.org', password: 'password12', name: 'New' }, 'password_too_weak'],
      [{ email: 'new@example.org', password: 'iloveyou12', name: 'New' }, 'password_too_weak'],
      [{ email: 'new@example.org', password: 'new@example.org', name: 'New' }, 'password_too_weak'],
      [{ email: 'not an email', password, name: 'New' }, 'invalid_request'],
      [{ email: 'new@example.org', password, name: '   ' }, 'invalid_request'],
      [{ email: 'new@example.org', password, name: 'New', admin: true }, 'invalid_request'],
    ];
    for (const [body, code] of attempts) {
      const response = await browser.request('POST', '/api/account/signup', body);
      expect(response.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect(await peopleCount()).toBe(before);
    const weak = await browser.request('POST', '/api/account/signup', { email: 'new@example.org', password: 'password12', name: 'New' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toBe(
      'This password is too easy to guess. This is a commonly used password. Add more words that are less common.',
    );
  });

  it('refuses unknown, reused and expired verification links', async () => {
    const browser = new TestBrowser(fixture.app);
    await browser.request('POST', '/api/account/signup', { email: 'bo@example.org', password, name: 'Bo' });
    const token = tokenFrom((await fixture.mail.waitFor('bo@example.org')).text, '/verify');
    expect((await browser.request('POST', '/api/account/verify', { token: 'x'.repeat(43) })).json().error.code).toBe('token_invalid');
    fixture.clock.advance(accountLimits.verificationTokenDurationMs + 1);
    expect((await browser.request('POST', '/api/account/verify', { token })).json().error.code).toBe('token_expired');

    await browser.request('POST', '/api/account/signup', { email: 'cy@example.org', password, name: 'Cy' });
    const second = tokenFrom((await fixture.mail.waitFor('cy@example.org')).text, '/verify');
    expect((await browser.request('POST', '/api/account/verify', { token: second })).statusCode).toBe(200);
    expect((await browser.request('POST', '/api/account/verify', { token: second })).json().error.code).toBe('token_used');
  });

  it('locks an email at an address after repeated failures, with a lock-out that doubles', async () => {
    await signedUpPerson(fixture, 'ada@example.org');
    const browser = new TestBrowser(fixture.app);
    for (let attempt = 0; attempt < accountLimits.loginFailuresBeforeLock; attempt += 1) {
      expect((await browser.logIn('ada@example.org', 'wrong password!')).json().error.code).toBe('invalid_credentials');
    }
    // Locked: even the right password is refused until the lock ends.
    expect((await browser.logIn('ada@example.org', password)).json().error.code).toBe('login_locked');
    fixture.clock.advance(accountLimits.loginLockBaseMs + 1);
    expect((await browser.logIn('ada@example.org', 'wrong again!!')).json().error.code).toBe('invalid_credentials');
    fixture.clock.advance(accountLimits.loginLockBaseMs + 1);
    expect((await browser.logIn('ada@example.org', password)).json().error.code).toBe('login_locked');
    fixture.clock.advance(accountLimits.loginLockBaseMs);
    expect((await browser.logIn('ada@example.org', password)).statusCode).toBe(200);
    // A success clears the count.
    expect((await browser.logIn('ada@example.org', 'wrong password!')).json().error.code).toBe('invalid_credentials');
    expect((await browser.logIn('ada@example.org', password)).statusCode).toBe(200);
  });

  it('treats an unknown email like a wrong password', async () => {
    const response = await new TestBrowser(fixture.app).logIn('nobody@example.org', password);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('invalid_credentials');
  });

  it('refuses state-changing requests without the CSRF token or from another site, and changes nothing', async () => {
    const browser = await signedUpPerson(fixture, 'ada@example.org');
    const body = { name: 'Co-op', slug: 'coop' };
    expect((await browser.request('POST', '/api/orgs', body, { 'x-csrf-token': '' })).json().error.code).toBe('csrf_token_invalid');
    expect((await browser.request('POST', '/api/orgs', body, { 'x-csrf-token': 'not-the-token' })).json().error.code).toBe(
      'csrf_token_invalid',
    );
    expect((await browser.request('POST', '/api/orgs', body, { origin: 'https://evil.example' })).json().error.code).toBe(
      'cross_origin_refused',
    );
    expect((await browser.request('POST', '/api/account/logout', undefined, { 'x-csrf-token': '' })).statusCode).toBe(403);
    expect((await browser.request('GET', '/api/account/session')).statusCode).toBe(200);
    expect(
      await fixture.people.organisations.membershipsOf((await browser.request('GET', '/api/account/session')).json().person.id),
    ).toEqual([]);
    expect((await browser.request('POST', '/api/orgs', body)).statusCode).toBe(201);
  });

  it('resets a password by the mailed link once, ending every session', async () => {
    const browser = await signedUpPerson(fixture, 'ada@example.org');
    const stranger = new TestBrowser(fixture.app);
    expect((await stranger.request('POST', '/api/account/password-reset/request', { email: 'nobody@example.org' })).statusCode).toBe(202);
    expect((await stranger.request('POST', '/api/account/password-reset/request', { email: 'ada@example.org' })).statusCode).toBe(202);
    const token = tokenFrom((await fixture.mail.waitFor('ada@example.org', /Reset/)).text, '/reset-password');

    expect((await stranger.request('POST', '/api/account/password-reset', { token, password: 'short' })).json().error.code).toBe(
      'password_too_short',
    );
    for (const weak of ['iloveyou12', 'ada@example.org', 'Test Person 1']) {
      expect((await stranger.request('POST', '/api/account/password-reset', { token, password: weak })).json().error.code, weak).toBe(
        'password_too_weak',
      );
    }
    expect((await stranger.request('POST', '/api/account/password-reset', { token, password: 'a brand new secret' })).statusCode).toBe(200);
    expect(
      (await stranger.request('POST', '/api/account/password-reset', { token, password: 'another new secret' })).json().error.code,
    ).toBe('token_used');

    expect((await browser.request('GET', '/api/account/session')).json()).toEqual({ person: null });
    expect((await stranger.logIn('ada@example.org', password)).json().error.code).toBe('invalid_credentials');
    expect((await stranger.logIn('ada@example.org', 'a brand new secret')).statusCode).toBe(200);
  });

  it('refuses an expired reset link and expires sessions', async () => {
    const browser = await signedUpPerson(fixture, 'ada@example.org');
    await browser.request('POST', '/api/account/password-reset/request', { email: 'ada@example.org' });
    const token = tokenFrom((await fixture.mail.waitFor('ada@example.org', /Reset/)).text, '/reset-password');
    fixture.clock.advance(accountLimits.passwordResetTokenDurationMs);
    expect(
      (await browser.request('POST', '/api/account/password-reset', { token, password: 'a brand new secret' })).json().error.code,
    ).toBe('token_expired');
    expect((await browser.request('GET', '/api/account/session')).statusCode).toBe(200);
    fixture.clock.advance(accountLimits.sessionDurationMs);
    expect((await browser.request('GET', '/api/account/session')).json()).toEqual({ person: null });
  });
});
