/**
 * `POST /api/bbb/enter`: the browser that followed a `join` link hands over the link's one-time
 * ticket and gets the join it grants (see `landing.ts`). Rate-limited like joins; a ticket that is
 * unknown, used, expired or of an ended meeting is `join_link_expired`, and nothing is said about
 * which. Registered only when the BigBlueButton API is on.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BbbEnterRequestSchema, BbbEnterResponseSchema } from '../../shared/bbb-landing-api.js';
import type { BbbLandingFailureCode } from '../../shared/failure-codes.js';
import { limits } from '../../shared/limits.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import type { BbbApi } from './bbb-api.js';
import { landingWords } from './landing-words.js';

export interface BbbLandingHttpOptions {
  api: BbbApi;
}

const statuses: Readonly<Record<BbbLandingFailureCode, number>> = { join_link_expired: 410 };

export const bbbLandingHttp: FastifyPluginAsyncZod<BbbLandingHttpOptions> = async (app, { api }) => {
  if (!api.settings.secret) return;
  app.post(
    '/api/bbb/enter',
    {
      config: { rateLimit: { max: limits.joinsPerMinuteMax, timeWindow: 60_000 } },
      schema: { body: BbbEnterRequestSchema, response: { 200: BbbEnterResponseSchema } },
    },
    async (request, reply) => {
      const entered = await api.landing.enter(request.body.ticket);
      if (entered) return entered;
      request.log.info('a join link was refused: unknown, used, expired, or its meeting ended');
      return sendFailure(reply, statuses, failure('join_link_expired', landingWords.phrase('join_link_expired')));
    },
  );
};
