/**
 * Optional single sign-on by OpenID Connect (e.g. the co-op's Keycloak): authorization code flow
 * with PKCE, state and nonce (openid-client). The pending login is kept in the database and bound
 * to the browser by a short-lived cookie holding its state.
 */
import * as client from 'openid-client';
import { accountLimits } from '../../shared/limits.js';
import type { Clock } from '../platform/clock.js';
import { failure, success } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import type { AccountsService, Person } from './accounts-service.js';
import type { AccountsResult } from './failures.js';
import type { AccountsTables } from './migrations.js';
import { tokenHash } from './secrets.js';
import { accountsWords } from './words.js';

/** How to reach the provider. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Name of the cookie that binds a pending sign-in to its browser. */
export const oidcStateCookieName = 'plenary_oidc_state';

const pendingLoginDurationMs = 10 * 60 * 1000;

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** Starts and completes single sign-on. */
export class OidcLogin {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly options: {
      settings: OidcSettings;
      accounts: AccountsService;
      storage: Storage;
      clock: Clock;
      /** The absolute callback URL registered with the provider. */
      redirectUri: () => string;
    },
  ) {}

  private get db() {
    return this.options.storage.db.withTables<AccountsTables>();
  }

  private discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.options.settings.issuer);
      // Plain http is allowed only for a provider on this machine (development, tests).
      const execute = issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [];
      this.configuration = client.discovery(issuer, this.options.settings.clientId, this.options.settings.clientSecret, undefined, {
        execute,
      });
      this.configuration.catch(() => {
        this.configuration = undefined;
      });
    }
    return this.configuration;
  }

  /** The provider's authorization URL and the state to put in the browser's cookie. */
  async start(nextPath: string): Promise<{ url: string; state: string }> {
    const configuration = await this.discover();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await this.db
      .insertInto('oidc_pending_logins')
      .values({
        state_hash: tokenHash(state),
        code_verifier: codeVerifier,
        nonce,
        next_path: nextPath,
        expires_at_ms: this.options.clock.nowMs() + pendingLoginDurationMs,
      })
      .execute();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.options.redirectUri(),
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  /** Completes a sign-in from the provider's redirect; `cookieState` is the browser's state cookie. */
  async complete(callbackQuery: string, cookieState: string | undefined): Promise<AccountsResult<{ person: Person; nextPath: string }>> {
    const state = new URLSearchParams(callbackQuery).get('state') ?? '';
    if (!cookieState || cookieState !== state) return failure('sso_state_mismatch', accountsWords.phrase('sso_other_browser'));
    const pending = await this.db
      .selectFrom('oidc_pending_logins')
      .selectAll()
      .where('state_hash', '=', tokenHash(state))
      .executeTakeFirst();
    await this.db.deleteFrom('oidc_pending_logins').where('state_hash', '=', tokenHash(state)).execute();
    await this.db.deleteFrom('oidc_pending_logins').where('expires_at_ms', '<', this.options.clock.nowMs()).execute();
    if (!pending || Number(pending.expires_at_ms) <= this.options.clock.nowMs())
      return failure('sso_state_mismatch', accountsWords.phrase('sso_expired'));
    const configuration = await this.discover();
    let claims: Record<string, unknown> & { iss: string; sub: string };
    try {
      const tokens = await client.authorizationCodeGrant(configuration, new URL(`${this.options.redirectUri()}?${callbackQuery}`), {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) return failure('sso_failed', accountsWords.phrase('sso_failed'));
      // Many providers put email and name only in the userinfo response (the ID token's subject must match).
      const userInfo = typeof idToken.email === 'string' ? {} : await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      claims = { ...userInfo, ...idToken };
    } catch {
      return failure('sso_failed', accountsWords.phrase('sso_failed'));
    }
    const email = typeof claims.email === 'string' && claims.email.length <= accountLimits.emailCharactersMax ? claims.email : undefined;
    const person = await this.options.accounts.personFromSingleSignOn({
      issuer: claims.iss,
      subject: claims.sub,
      email,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name : undefined,
    });
    return person.ok ? success({ person: person.value, nextPath: pending.next_path }) : person;
  }
}
