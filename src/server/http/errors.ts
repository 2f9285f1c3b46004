/** Error responses: `{ error: { code, message } }` with a stable code, for every route. */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { PlatformFailureCode } from '../../shared/failure-codes.js';
import type { Failure } from '../platform/outcome.js';

/** Sends an error response with a stable code and a sentence for people. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
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
  return sendError(reply, statuses[result.code], result.code, result.message);
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
export function sendPlatformFailure(reply: FastifyReply, code: PlatformFailureCode, message: string): FastifyReply {
  return sendError(reply, platformFailureStatus[code], code, message);
}

/** Installs the error and not-found handlers that give every failure the same shape. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const where = issue?.instancePath ? `${issue.instancePath.replace(/^\//, '').replaceAll('/', '.')}: ` : '';
      return sendPlatformFailure(reply, 'invalid_request', `The request is not valid: ${where}${issue?.message ?? 'unknown problem'}.`);
    }
    if (error.statusCode === 429) {
      return sendPlatformFailure(reply, 'rate_limited', 'Too many requests; please wait a moment and try again.');
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendPlatformFailure(reply, 'unsupported_media_type', 'Send the request body as application/json.');
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError') {
      return sendPlatformFailure(reply, 'invalid_request', 'The request body is not valid JSON.');
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendPlatformFailure(reply, 'request_too_large', 'The request body is too large.');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'bad_request', 'The request could not be understood.');
    }
    request.log.error({ err: error }, 'request failed');
    return sendPlatformFailure(reply, 'internal_error', 'Something went wrong on our side; please try again.');
  });
}
