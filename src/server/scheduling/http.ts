/** HTTP routes of the scheduling domain: schedule, update, cancel, and each room's calendar feed. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RoomIdParamsSchema,
  ScheduledMeetingParamsSchema,
  ScheduledMeetingViewSchema,
  ScheduleMeetingRequestSchema,
} from '../../shared/accounts-api.js';
import { accountLimits } from '../../shared/limits.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import { schedulingFailureStatus } from './failures.js';
import type { SchedulingService } from './scheduling-service.js';
import { schedulingWords } from './words.js';

export interface SchedulingHttpOptions {
  scheduling: SchedulingService;
}

/** Requests that send email to addresses someone typed in, per client address per minute. */
const mailingRateLimit = { rateLimit: { max: accountLimits.mailingRequestsPerMinuteMax, timeWindow: 60_000 } };

export const schedulingHttp: FastifyPluginAsyncZod<SchedulingHttpOptions> = async (app, { scheduling }) => {
  app.post(
    '/api/rooms/:roomId/scheduled-meetings',
    {
      schema: { params: RoomIdParamsSchema, body: ScheduleMeetingRequestSchema, response: { 201: ScheduledMeetingViewSchema } },
      config: mailingRateLimit,
    },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await scheduling.schedule(session.person, request.params.roomId, request.body, request.language);
      return result.ok ? reply.code(201).send(result.value) : sendFailure(reply, schedulingFailureStatus, result);
    },
  );

  app.put(
    '/api/scheduled-meetings/:meetingId',
    {
      schema: { params: ScheduledMeetingParamsSchema, body: ScheduleMeetingRequestSchema, response: { 200: ScheduledMeetingViewSchema } },
      config: mailingRateLimit,
    },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await scheduling.update(session.person, request.params.meetingId, request.body, request.language);
      return result.ok ? result.value : sendFailure(reply, schedulingFailureStatus, result);
    },
  );

  app.delete('/api/scheduled-meetings/:meetingId', { schema: { params: ScheduledMeetingParamsSchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const result = await scheduling.cancel(session.person, request.params.meetingId, request.language);
    return result.ok ? result.value : sendFailure(reply, schedulingFailureStatus, result);
  });

  // The feed URL is the credential (calendar programs cannot log in); it is shown to the room's administrators only.
  app.get('/api/calendar/:feed', { schema: { params: z.object({ feed: z.string().max(120) }) } }, async (request, reply) => {
    const token = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(request.params.feed)?.[1];
    const document = token ? await scheduling.feed(token) : undefined;
    if (!document)
      return sendFailure(reply, schedulingFailureStatus, failure('calendar_not_found', schedulingWords.phrase('calendar_not_found')));
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(document);
  });
};
