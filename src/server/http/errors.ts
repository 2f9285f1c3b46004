/** Error responses: `{ error: { code, message } }` with a stable code, for every route. */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { PlatformFailureCode } from '../../shared/failure-codes.js';
import type { Failure } from '../platform/outcome.js';
import type { Phrase } from '../platform/words.js';
import { installRequestLanguage } from './language.js';
import { httpWords } from './words.js';

/**
 * Sends an error response with a stable code and a sentence for people, in the request's
 * language (`request.language`) when the words are a catalogue's `Phrase`.
 */
export function sendError(reply: FastifyReply, status: number, code: string, words: Phrase | string): FastifyReply {
  const message = typeof words === 'string' ? words : words.in(reply.request.language);
  return reply.code(status).send({ error: { code, message } });
}

/**
 * Sends a domain's failure with the status its HTTP edge gives the code (`statuses`, one
 * `Record` per domain): a service's failure carries no status of its own.
 */
export function sendFailure<Code extends string>(
  reply: FastifyReply,
  statuses: Readonly<Record<Code, number>>,
  result: Failure<Code>,
): FastifyReply {
  return sendError(reply, statuses[result.code], result.code, result.phrase ?? result.message);
}

/** The HTTP status of each code every route may answer (`bad_request` takes Fastify's own 4xx). */
export const platformFailureStatus: Readonly<Record<PlatformFailureCode, number>> = {
  invalid_request: 400,
  bad_request: 400,
  not_found: 404,
  unsupported_media_type: 415,
  request_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  cross_origin_refused: 403,
  invalid_api_token: 403,
};

/** Sends a failure that any route may answer, with its status from `platformFailureStatus`. */
export function sendPlatformFailure(reply: FastifyReply, code: PlatformFailureCode, words: Phrase): FastifyReply {
  return sendError(reply, platformFailureStatus[code], code, words);
}

/**
 * Installs the error handler that gives every failure the same shape, and `request.language`
 * (`http/language.ts`), which every error answer is written in.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  installRequestLanguage(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const where = issue?.instancePath ? `${issue.instancePath.replace(/^\//, '').replaceAll('/', '.')}: ` : '';
      const problem = issue?.message ?? 'unknown problem';
      return sendPlatformFailure(reply, 'invalid_request', httpWords.phrase('invalid_request_at', { where, problem }));
    }
    if (error.statusCode === 429) {
      return sendPlatformFailure(reply, 'rate_limited', httpWords.phrase('rate_limited'));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendPlatformFailure(reply, 'unsupported_media_type', httpWords.phrase('unsupported_media_type'));
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError') {
      return sendPlatformFailure(reply, 'invalid_request', httpWords.phrase('invalid_json'));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendPlatformFailure(reply, 'request_too_large', httpWords.phrase('request_too_large'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'bad_request', httpWords.phrase('bad_request'));
    }
    request.log.error({ err: error }, 'request failed');
    return sendPlatformFailure(reply, 'internal_error', httpWords.phrase('internal_error'));
  });
}
