import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkIn } from '../email/smtp-sink.js';
import { acceptedLanguage } from '../http/language.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const password = 'correct horse battery';
const french = { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' };

describe('the language of a request', () => {
  it('is the best of Accept-Language that Plenary speaks, else English', () => {
    expect(acceptedLanguage('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(acceptedLanguage('en-US,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(acceptedLanguage('de, fr;q=0.1')).toBe('fr');
    expect(acceptedLanguage('de-DE')).toBe('en');
    expect(acceptedLanguage('')).toBe('en');
    expect(acceptedLanguage(undefined)).toBe('en');
    expect(acceptedLanguage(';;;q=x,,')).toBe('en');
  });
});

describe.each(bothEngines)('the server speaks each person’s language (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('answers errors in the request’s language, with the same stable codes', async () => {
    const browser = new TestBrowser(fixture.app);
    const english = await browser.request('POST', '/api/account/login', { email: 'nobody@example.org', password });
    const inFrench = await browser.request('POST', '/api/account/login', { email: 'nobody@example.org', password }, french);
    expect(english.json().error).toEqual({ code: 'invalid_credentials', message: 'The email or the password is not right.' });
    expect(inFrench.statusCode).toBe(english.statusCode);
    expect(inFrench.json().error).toEqual({ code: 'invalid_credentials', message: 'L’adresse e-mail ou le mot de passe est incorrect.' });

    const malformed = await browser.request('POST', '/api/account/login', { email: 'nobody@example.org' }, french);
    expect(malformed.json().error.code).toBe('invalid_request');
    expect(malformed.json().error.message).toMatch(/^La requête n’est pas valide/);
  });

  it('refuses a guessable password with zxcvbn’s own advice in French', async () => {
    const browser = new TestBrowser(fixture.app);
    const refused = await browser.request(
      'POST',
      '/api/account/signup',
      { email: 'a@example.org', password: 'password123', name: 'A' },
      french,
    );
    expect(refused.json().error.code).toBe('password_too_weak');
    const message: string = refused.json().error.message;
    expect(message).toMatch(/^Ce mot de passe est trop facile à deviner\. \S/);
    expect(message).not.toMatch(/\b(the|is|a|common)\b/i);
  });

  it('keeps the language a person signed up in, writes their emails in it, and follows a later choice', async () => {
    const browser = new TestBrowser(fixture.app);
    const signUp = await browser.request('POST', '/api/account/signup', { email: 'zoe@example.org', password, name: 'Zoé' }, french);
    expect(signUp.statusCode).toBe(202);
    const confirm = await fixture.mail.waitFor('zoe@example.org', /Confirmez votre adresse/);
    expect(confirm.text).toContain('Bonjour Zoé,');
    expect(confirm.text).toContain('Le lien est valable 48 heures.');
    const token = new URL(linkIn(confirm.text, '/verify')).searchParams.get('token');
    expect((await browser.request('POST', '/api/account/verify', { token })).statusCode).toBe(200);
    expect((await browser.logIn('zoe@example.org', password)).json().person.language).toBe('fr');

    // A reset asked from an English page is still written in the person's own language.
    await browser.request('POST', '/api/account/password-reset/request', { email: 'zoe@example.org' });
    expect((await fixture.mail.waitFor('zoe@example.org', /Réinitialisez/)).text).toContain('valable une heure');

    // They choose English in the pages: from now on, English.
    expect((await browser.request('PUT', '/api/account/language', { language: 'en' })).statusCode).toBe(204);
    expect((await browser.request('GET', '/api/account/session')).json().person.language).toBe('en');
    await browser.request('POST', '/api/account/password-reset/request', { email: 'zoe@example.org' }, french);
    expect((await fixture.mail.waitFor('zoe@example.org', /Reset your Plenary password/)).text).toContain('Hello Zoé,');
  });

  it('mails a taken address’s owner in their language, not the stranger’s', async () => {
    await signedUpPerson(fixture, 'ada@example.org', 'Ada');
    const stranger = new TestBrowser(fixture.app);
    await stranger.request('POST', '/api/account/signup', { email: 'ada@example.org', password, name: 'Eve' }, french);
    const notice = await fixture.mail.waitFor('ada@example.org', /tried to sign up/);
    expect(notice.text).toContain('Hello Ada,');
  });

  it('refuses an unknown language or a choice made signed out, and changes nothing', async () => {
    const ada = await signedUpPerson(fixture, 'ada@example.org', 'Ada');
    for (const body of [{ language: 'de' }, { language: 'FR' }, { language: '' }, {}, { language: 'fr', extra: 1 }, { language: ['fr'] }]) {
      const refused = await ada.request('PUT', '/api/account/language', body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('invalid_request');
    }
    expect((await ada.request('PUT', '/api/account/language', { language: 'fr' }, { 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    const signedOut = await new TestBrowser(fixture.app).request('PUT', '/api/account/language', { language: 'fr' });
    expect(signedOut.json().error.code).toBe('not_signed_in');
    expect((await fixture.people.accounts.findByEmail('ada@example.org'))?.language).toBe('en');
  });
});
