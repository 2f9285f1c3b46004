/**
 * The calendar of votes: a member asks for their feed's address (with its secret token, the same
 * each time) and any calendar program reads the feed with it, without a session.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import { governanceFailureStatus } from './failures.js';
import type { Governance } from './governance.js';
import { governanceWords } from './words.js';

export interface GovernanceCalendarHttpOptions {
  governance: Governance;
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
  /** An absolute link to a path of the site. */
  link: (path: string) => string;
}

export const governanceCalendarHttp: FastifyPluginAsyncZod<GovernanceCalendarHttpOptions> = async (
  app,
  { governance, isOperator, link },
) => {
  app.get('/api/governance/calendar', { schema: { response: { 200: z.object({ url: z.string() }) } } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const actor = { personId: session.person.id, name: session.person.name, operator: isOperator(session.person) };
    if (!(await governance.members.isMemberPerson(actor))) {
      return sendFailure(reply, governanceFailureStatus, failure('members_only', governanceWords.phrase('members_only')));
    }
    const token = await governance.notices.feedToken(session.person.id);
    return { url: link(`/api/governance/calendar.ics?token=${encodeURIComponent(token)}`) };
  });

  app.get(
    '/api/governance/calendar.ics',
    { schema: { querystring: z.object({ token: z.string().min(16).max(64) }).strict() } },
    async (request, reply) => {
      const feed = await governance.notices.feed(request.query.token);
      if (feed === undefined) return reply.code(404).send({ error: { code: 'not_found', message: 'There is no such calendar.' } });
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, no-store').send(feed);
    },
  );
};
