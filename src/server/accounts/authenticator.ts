/**
 * Who is making a request: the session cookie, looked up once per request, and the CSRF check
 * for state-changing requests (the `x-csrf-token` header must carry the session's token); and
 * the device cookie that marks a browser which logged in to an account before.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfHeaderName } from '../../shared/accounts-api.js';
import { accountLimits } from '../../shared/limits.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import type { AccountsService, Session } from './accounts-service.js';
import { accountsFailureStatus } from './failures.js';
import { loginThrottleLimits } from './login-throttle.js';
import { accountsWords } from './words.js';

/** Name of the httpOnly session cookie. */
export const sessionCookieName = 'plenary_session';

/** Name of the httpOnly device cookie: a browser that logged in to an account before (see `login-throttle.ts`). */
export const deviceCookieName = 'plenary_device';

/** The only path the device cookie is sent to. */
const deviceCookiePath = '/api/account/login';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Reads sessions from requests and writes the session cookie. */
export class Authenticator {
  private readonly cache = new WeakMap<FastifyRequest, Promise<Session | undefined>>();

  /** `secureCookies`: set the cookie's `Secure` flag (when PUBLIC_URL is https). */
  constructor(
    private readonly accounts: AccountsService,
    private readonly secureCookies: boolean,
  ) {}

  /** The request's session, or undefined when there is no valid session cookie. */
  session(request: FastifyRequest): Promise<Session | undefined> {
    let cached = this.cache.get(request);
    if (!cached) {
      const token = request.cookies?.[sessionCookieName];
      cached = token && token.length <= 100 ? this.accounts.findSession(token) : Promise.resolve(undefined);
      this.cache.set(request, cached);
    }
    return cached;
  }

  /**
   * The session, or undefined after replying 401 `not_signed_in` — or 403 `csrf_token_invalid`
   * when a state-changing request lacks the session's CSRF token.
   */
  async requireSession(request: FastifyRequest, reply: FastifyReply): Promise<Session | undefined> {
    const session = await this.session(request);
    if (!session) {
      sendFailure(reply, accountsFailureStatus, failure('not_signed_in', accountsWords.phrase('not_signed_in')));
      return undefined;
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const header = request.headers[csrfHeaderName];
      if (typeof header !== 'string' || !sameText(header, session.csrfToken)) {
        sendFailure(reply, accountsFailureStatus, failure('csrf_token_invalid', accountsWords.phrase('csrf_token_invalid')));
        return undefined;
      }
    }
    return session;
  }

  /** Sets the session cookie: httpOnly, SameSite=Lax, Secure on https. */
  setCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      path: '/',
      maxAge: Math.floor(accountLimits.sessionDurationMs / 1000),
    });
  }

  /** Removes the session cookie. */
  clearCookie(reply: FastifyReply): void {
    reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secureCookies });
  }

  /** The device token the request's browser holds, if it looks like one. */
  deviceToken(request: FastifyRequest): string | undefined {
    const token = request.cookies?.[deviceCookieName];
    return token && token.length <= 100 ? token : undefined;
  }

  /** Sets the device cookie: httpOnly, SameSite=Lax, Secure on https, sent only to the login route, kept as long as the token is valid (1 year). */
  setDeviceCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(deviceCookieName, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      path: deviceCookiePath,
      maxAge: Math.floor(loginThrottleLimits.deviceTokenDurationMs / 1000),
    });
  }

  /** Removes the device cookie (the account is deleted). */
  clearDeviceCookie(reply: FastifyReply): void {
    reply.clearCookie(deviceCookieName, { path: deviceCookiePath, httpOnly: true, sameSite: 'lax', secure: this.secureCookies });
  }
}
