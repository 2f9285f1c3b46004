/** A bearer-token guard for machine APIs (the ledger's, Prometheus's `/metrics`). */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import type { BearerFailureCode } from '../../shared/failure-codes.js';
import { sendError } from './errors.js';
import { httpWords } from './words.js';

export interface BearerGuardOptions {
  /** The configured token; `undefined` turns the API off (every request gets 403 `disabledCode`). */
  token: string | undefined;
  /** The code of the 403 answered while no token is configured, e.g. `ledger_api_disabled`. */
  disabledCode: Extract<BearerFailureCode, `${string}_disabled`>;
  /** The API's name in sentences, e.g. `ledger API`. */
  name: string;
  /** The configuration key that holds the token, named in the messages. */
  setting: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

/** The HTTP status of each code the guard answers. */
const bearerFailureStatus: Readonly<Record<BearerFailureCode, number>> = {
  authentication_required: 401,
  invalid_api_token: 403,
  ledger_api_disabled: 403,
  metrics_disabled: 403,
};

/**
 * An `onRequest` hook that lets a request through only with `Authorization: Bearer <token>`.
 * Tokens are compared as SHA-256 digests in constant time, so neither length nor content leaks.
 */
export function bearerTokenGuard(options: BearerGuardOptions): onRequestAsyncHookHandler {
  const expected = options.token === undefined ? undefined : digest(options.token);
  return async (request, reply) => {
    if (!expected) {
      return sendError(
        reply,
        bearerFailureStatus[options.disabledCode],
        options.disabledCode,
        httpWords.phrase('api_turned_off', { name: options.name, setting: options.setting }),
      );
    }
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      return sendError(
        reply,
        bearerFailureStatus.authentication_required,
        'authentication_required',
        httpWords.phrase('authentication_required', { name: options.name, setting: options.setting }),
      );
    }
    if (!timingSafeEqual(digest(match[1]), expected))
      return sendError(reply, bearerFailureStatus.invalid_api_token, 'invalid_api_token', httpWords.phrase('invalid_api_token'));
  };
}
