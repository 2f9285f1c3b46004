/** A bearer-token guard for machine APIs (the ledger's, Prometheus's `/metrics`). */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import { sendError } from './errors.js';

export interface BearerGuardOptions {
  /** The configured token; `undefined` turns the API off (every request gets 403 `<api>_disabled`). */
  token: string | undefined;
  /** The API's name in codes and sentences, e.g. `ledger_api` / `ledger API`. */
  code: string;
  name: string;
  /** The configuration key that holds the token, named in the messages. */
  setting: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * An `onRequest` hook that lets a request through only with `Authorization: Bearer <token>`.
 * Tokens are compared as SHA-256 digests in constant time, so neither length nor content leaks.
 */
export function bearerTokenGuard(options: BearerGuardOptions): onRequestAsyncHookHandler {
  const expected = options.token === undefined ? undefined : digest(options.token);
  return async (request, reply) => {
    if (!expected) {
      return sendError(reply, 403, `${options.code}_disabled`, `The ${options.name} is turned off: no ${options.setting} is configured.`);
    }
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      return sendError(
        reply,
        401,
        'authentication_required',
        `Send the ${options.name} token as "Authorization: Bearer <${options.setting}>".`,
      );
    }
    if (!timingSafeEqual(digest(match[1]), expected)) return sendError(reply, 403, 'invalid_api_token', 'This API token is not valid.');
  };
}
