import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const french = { 'accept-language': 'fr-FR,fr;q=0.9' };

describe.each(bothEngines)('the operator console speaks the request’s language (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine, { operatorEmails: ['op@example.org'] });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('refuses someone signed out or not an operator in French, with the same codes and statuses', async () => {
    const stranger = new TestBrowser(fixture.app);
    const signedOut = await stranger.request('GET', '/api/operator/people');
    const signedOutInFrench = await stranger.request('GET', '/api/operator/people', undefined, french);
    expect(signedOut.json().error).toEqual({ code: 'not_signed_in', message: 'Log in to do this.' });
    expect(signedOutInFrench.statusCode).toBe(401);
    expect(signedOutInFrench.json().error).toEqual({ code: 'not_signed_in', message: 'Connectez-vous pour faire ceci.' });

    const alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    const refused = await alice.request('GET', '/api/operator/audit');
    const refusedInFrench = await alice.request('GET', '/api/operator/audit', undefined, french);
    expect(refused.json().error).toEqual({ code: 'operator_only', message: 'Only the co-op’s operators can see this.' });
    expect(refusedInFrench.statusCode).toBe(403);
    expect(refusedInFrench.json().error).toEqual({
      code: 'operator_only',
      message: 'Seuls les opérateurs de la coopérative peuvent voir ceci.',
    });
  });
});
