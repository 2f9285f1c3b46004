/** HTTP routes of the accounts domain: `/api/account/*`. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LanguageRequestSchema,
  LogInRequestSchema,
  NewPasswordRequestSchema,
  PasswordResetRequestSchema,
  SignUpRequestSchema,
  TokenRequestSchema,
} from '../../shared/accounts-api.js';
import { accountLimits } from '../../shared/limits.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import type { AccountsService } from './accounts-service.js';
import type { Authenticator } from './authenticator.js';
import { type AccountsFailure, accountsFailureStatus } from './failures.js';
import { type OidcLogin, oidcStateCookieName } from './oidc.js';
import { accountsWords } from './words.js';

export interface AccountsHttpOptions {
  accounts: AccountsService;
  authenticator: Authenticator;
  /** The session view (person with organisations and operator flag) for `GET /api/account/session`. */
  describe: (personId: string) => Promise<unknown>;
  /** Single sign-on, when configured, and the provider's name for the login button. */
  singleSignOn?: { login: OidcLogin; name: string; secureCookies: boolean } | undefined;
}

/** A same-site path to go to after signing in; anything else becomes `/dashboard`. */
function safeNextPath(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next.length <= 200 ? next : '/dashboard';
}

/** Replies with an accounts failure: its code's status, the code and the sentence. */
export function sendAccountsFailure(reply: FastifyReply, result: AccountsFailure): FastifyReply {
  return sendFailure(reply, accountsFailureStatus, result);
}

const accountRateLimit = { rateLimit: { max: accountLimits.accountRequestsPerMinuteMax, timeWindow: 60_000 } };

export const accountsHttp: FastifyPluginAsyncZod<AccountsHttpOptions> = async (
  app,
  { accounts, authenticator, describe, singleSignOn },
) => {
  app.post('/api/account/signup', { schema: { body: SignUpRequestSchema }, config: accountRateLimit }, async (request, reply) => {
    const result = await accounts.signUp({ ...request.body, language: request.language });
    if (!result.ok) return sendAccountsFailure(reply, result);
    if (result.value.kind === 'created') request.log.info({ personId: result.value.person.id }, 'account created');
    else request.log.info('sign-up with an email that has an account; its owner was told');
    // The same answer whether the address was new or already had an account.
    return reply.code(202).send({ sent: true });
  });

  app.post('/api/account/verify', { schema: { body: TokenRequestSchema }, config: accountRateLimit }, async (request, reply) => {
    const result = await accounts.verifyEmail(request.body.token);
    if (!result.ok) return sendAccountsFailure(reply, result);
    return { verified: true };
  });

  app.post('/api/account/login', { schema: { body: LogInRequestSchema }, config: accountRateLimit }, async (request, reply) => {
    const result = await accounts.logIn(request.body.email, request.body.password, {
      address: request.ip,
      deviceToken: authenticator.deviceToken(request),
    });
    if (!result.ok) return sendAccountsFailure(reply, result);
    authenticator.setCookie(reply, result.value.token);
    authenticator.setDeviceCookie(reply, result.value.deviceToken);
    return { person: await describe(result.value.session.person.id), csrfToken: result.value.session.csrfToken };
  });

  app.post('/api/account/logout', async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const token = request.cookies.plenary_session;
    if (token) await accounts.logOut(token);
    authenticator.clearCookie(reply);
    return reply.code(204).send();
  });

  app.get('/api/account/session', async (request) => {
    const session = await request.actor.session();
    if (!session) return { person: null };
    return { person: await describe(session.person.id), csrfToken: session.csrfToken };
  });

  app.put('/api/account/language', { schema: { body: LanguageRequestSchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    await accounts.setLanguage(session.person.id, request.body.language);
    return reply.code(204).send();
  });

  app.post(
    '/api/account/password-reset/request',
    { schema: { body: PasswordResetRequestSchema }, config: accountRateLimit },
    async (request, reply) => {
      await accounts.requestPasswordReset(request.body.email, request.language);
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/api/account/password-reset',
    { schema: { body: NewPasswordRequestSchema }, config: accountRateLimit },
    async (request, reply) => {
      const result = await accounts.resetPassword(request.body.token, request.body.password);
      if (!result.ok) return sendAccountsFailure(reply, result);
      authenticator.clearCookie(reply);
      return { reset: true };
    },
  );

  app.get('/api/account/sso', async () => ({ enabled: singleSignOn !== undefined, name: singleSignOn?.name ?? null }));

  if (!singleSignOn) return;
  const stateCookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: singleSignOn.secureCookies,
    path: '/api/account/sso',
    maxAge: 600,
  };

  app.get(
    '/api/account/sso/start',
    { schema: { querystring: z.object({ next: z.string().max(200).optional() }) }, config: accountRateLimit },
    async (request, reply) => {
      let started: { url: string; state: string };
      try {
        started = await singleSignOn.login.start(safeNextPath(request.query.next));
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on provider unreachable');
        return sendFailure(reply, accountsFailureStatus, failure('sso_unavailable', accountsWords.phrase('sso_unavailable')));
      }
      reply.setCookie(oidcStateCookieName, started.state, stateCookie);
      return reply.redirect(started.url, 302);
    },
  );

  app.get('/api/account/sso/callback', { config: accountRateLimit }, async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const result = await singleSignOn.login.complete(query, request.cookies[oidcStateCookieName]);
    reply.clearCookie(oidcStateCookieName, stateCookie);
    if (!result.ok) return reply.redirect(`/login?error=${result.code}`, 302);
    const { token } = await accounts.openSession(result.value.person);
    authenticator.setCookie(reply, token);
    request.log.info({ personId: result.value.person.id }, 'signed in by single sign-on');
    return reply.redirect(result.value.nextPath, 302);
  });
};
