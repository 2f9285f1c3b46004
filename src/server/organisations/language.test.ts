import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const french = { 'accept-language': 'fr-FR,fr;q=0.9' };

describe.each(bothEngines)('the organisations domain speaks each person’s language (%s)', (engine) => {
  let fixture: PeopleTestApp;
  let alice: TestBrowser;

  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    expect((await alice.request('POST', '/api/orgs', { name: 'Alpha Co-op', slug: 'alpha' })).statusCode).toBe(201);
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('answers a refusal in the request’s language, with the same code and status', async () => {
    const bob = await signedUpPerson(fixture, 'bob@example.org', 'Bob');
    const english = await bob.request('GET', '/api/orgs/alpha');
    const inFrench = await bob.request('GET', '/api/orgs/alpha', undefined, french);
    expect(english.json().error).toEqual({
      code: 'organisation_not_found',
      message: 'There is no organisation with this name that you belong to.',
    });
    expect(inFrench.statusCode).toBe(english.statusCode);
    expect(inFrench.json().error).toEqual({
      code: 'organisation_not_found',
      message: 'Vous n’appartenez à aucune organisation de ce nom.',
    });

    const taken = await alice.request('POST', '/api/orgs/alpha/rooms', { name: 'Main', slug: 'main' }, french);
    expect(taken.statusCode).toBe(201);
    const again = await alice.request('POST', '/api/orgs/alpha/rooms', { name: 'Main', slug: 'main' }, french);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({ code: 'slug_taken', message: 'Une salle porte déjà ce nom court ; choisissez-en un autre.' });
  });

  it('writes an invitation to someone without an account in the inviter’s language', async () => {
    await alice.request('POST', '/api/orgs/alpha/invitations', { email: 'carol@example.org', role: 'admin' }, french);
    const inFrench = await fixture.mail.waitFor('carol@example.org', /vous invite/);
    expect(inFrench.subject).toBe('Alice vous invite à rejoindre Alpha Co-op sur Plenary');
    expect(inFrench.text).toContain('sur Plenary comme administrateur.');
    expect(inFrench.text).toContain('Le lien est valable 14 jours.');

    await alice.request('POST', '/api/orgs/alpha/invitations', { email: 'dan@example.org', role: 'member' });
    const inEnglish = await fixture.mail.waitFor('dan@example.org', /invites you/);
    expect(inEnglish.subject).toBe('Alice invites you to Alpha Co-op on Plenary');
    expect(inEnglish.text).toContain('Alice invites you to join Alpha Co-op on Plenary as member.');
  });

  it('writes an invitation to someone with an account in their saved language, whatever the inviter’s', async () => {
    const zoe = await signedUpPerson(fixture, 'zoe@example.org', 'Zoé');
    expect((await zoe.request('PUT', '/api/account/language', { language: 'fr' })).statusCode).toBe(204);
    await alice.request('POST', '/api/orgs/alpha/invitations', { email: 'zoe@example.org', role: 'member' });
    const inFrench = await fixture.mail.waitFor('zoe@example.org', /vous invite/);
    expect(inFrench.text).toContain('Alice vous invite à rejoindre Alpha Co-op sur Plenary comme membre.');

    await signedUpPerson(fixture, 'eve@example.org', 'Eve');
    await alice.request('POST', '/api/orgs/alpha/invitations', { email: 'eve@example.org', role: 'member' }, french);
    expect((await fixture.mail.waitFor('eve@example.org', /invites you/)).subject).toBe('Alice invites you to Alpha Co-op on Plenary');
  });
});
