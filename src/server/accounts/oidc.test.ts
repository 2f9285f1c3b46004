/**
 * Single sign-on against a real OpenID Connect provider (`oidc-provider`) run inside the test,
 * with its development login and consent forms driven over HTTP like a browser would.
 */
import { type AddressInfo, createServer } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const redirectUri = 'http://localhost/api/account/sso/callback';
let issuer: string;
let providerServer: ReturnType<Provider['listen']>;
const emailVerifiedOf = new Map<string, boolean>();

beforeAll(async () => {
  // The issuer URL names its port, so find a free one first.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'plenary',
        client_secret: 'plenary-secret',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    findAccount: async (_context, subject) => ({
      accountId: subject,
      claims: async () => ({
        sub: subject,
        email: `${subject}@sso.example.org`,
        email_verified: emailVerifiedOf.get(subject) ?? true,
        name: `SSO ${subject}`,
      }),
    }),
    cookies: { keys: ['test-only-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  providerServer = await new Promise((resolve) => {
    const server = provider.listen(port, '127.0.0.1', () => resolve(server));
  });
});
afterAll(() => {
  providerServer?.close();
});

/** Follows the provider's redirects, filling its login form with `login` and its consent form, until it redirects back to Plenary. */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) cookies.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(redirectUri)) return next;
      url = next;
      init = {};
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at ${url}:\n${html.slice(0, 500)}`);
    const body = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'anything' } : {}) });
    url = new URL(action, url).href;
    init = { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the provider never redirected back');
}

describe.each(bothEngines)('single sign-on by OpenID Connect (%s)', (engine) => {
  let fixture: PeopleTestApp;
  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine, { oidc: { issuer, clientId: 'plenary', clientSecret: 'plenary-secret' } });
  });
  afterEach(async () => {
    await fixture.close();
  });

  /** Starts at Plenary, signs in at the provider, and completes at Plenary; returns the final reply. */
  async function signIn(login: string, options: { next?: string; tamperState?: boolean } = {}) {
    const start = await fixture.app.inject({
      method: 'GET',
      url: `/api/account/sso/start${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`,
    });
    expect(start.statusCode).toBe(302);
    const state = start.cookies.find((cookie) => cookie.name === 'plenary_oidc_state');
    expect(state).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const callback = new URL(await signInAtProvider(start.headers.location as string, login));
    return fixture.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: `plenary_oidc_state=${options.tamperState ? 'someone-elses-state' : state?.value}` },
    });
  }

  it('opens an account for a new person and signs them in', async () => {
    expect((await fixture.app.inject({ method: 'GET', url: '/api/account/sso' })).json()).toEqual({
      enabled: true,
      name: 'single sign-on',
    });
    const done = await signIn('grace', { next: '/orgs/alpha' });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/orgs/alpha');
    const session = done.cookies.find((cookie) => cookie.name === 'plenary_session');
    const me = await fixture.app.inject({
      method: 'GET',
      url: '/api/account/session',
      headers: { cookie: `plenary_session=${session?.value}` },
    });
    expect(me.json().person).toMatchObject({ email: 'grace@sso.example.org', name: 'SSO grace' });
    // The same identity signs in to the same account again.
    await signIn('grace');
    expect((await fixture.people.accounts.listPeople(10)).filter((person) => person.email === 'grace@sso.example.org')).toHaveLength(1);
  });

  it('links to the existing account with the same verified email', async () => {
    await signedUpPerson(fixture, 'linus@sso.example.org', 'Linus');
    const done = await signIn('linus');
    const session = done.cookies.find((cookie) => cookie.name === 'plenary_session');
    const me = await fixture.app.inject({
      method: 'GET',
      url: '/api/account/session',
      headers: { cookie: `plenary_session=${session?.value}` },
    });
    expect(me.json().person.name).toBe('Linus');
    expect(await fixture.people.accounts.listPeople(10)).toHaveLength(1);
  });

  it('refuses a callback from another browser, an unverified email, and an off-site next address', async () => {
    const forged = await signIn('mallory', { tamperState: true });
    expect(forged.headers.location).toBe('/login?error=sso_state_mismatch');
    expect(forged.cookies.find((cookie) => cookie.name === 'plenary_session')).toBeUndefined();

    emailVerifiedOf.set('unverified', false);
    expect((await signIn('unverified')).headers.location).toBe('/login?error=sso_email_not_verified');

    expect((await signIn('offsite', { next: '//evil.example/x' })).headers.location).toBe('/dashboard');
    expect((await fixture.people.accounts.listPeople(10)).map((person) => person.email)).toEqual(['offsite@sso.example.org']);
  });
});
