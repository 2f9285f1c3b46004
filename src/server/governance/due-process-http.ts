/** Due process over HTTP: the log of suspensions (members, and the organisations it names) and appeals. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SanctionFailureCode } from '../../shared/failure-codes.js';
import { labelSchema } from '../../shared/text.js';
import { sendFailure } from '../http/errors.js';
import type { Governance } from './governance.js';

export interface DueProcessHttpOptions {
  governance: Governance;
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
}

const sanctionFailureStatus: Readonly<Record<SanctionFailureCode, number>> = {
  sanction_not_found: 404,
  appeal_not_allowed: 409,
  members_only: 403,
  not_signed_in: 401,
};

const SanctionViewSchema = z.object({
  id: z.string(),
  scope: z.enum(['network']),
  subject: z.string(),
  action: z.enum(['suspended', 'reinstated']),
  reason: z.string(),
  decidedBy: z.string(),
  atMs: z.number(),
  appealProposalId: z.string().nullable(),
  appealable: z.boolean(),
});

export const dueProcessHttp: FastifyPluginAsyncZod<DueProcessHttpOptions> = async (app, { governance, isOperator }) => {
  app.get(
    '/api/governance/sanctions',
    { schema: { response: { 200: z.object({ sanctions: z.array(SanctionViewSchema) }) } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const log = await governance.dueProcess.log({
        personId: session.person.id,
        name: session.person.name,
        operator: isOperator(session.person),
      });
      return log.ok ? { sanctions: log.value } : sendFailure(reply, sanctionFailureStatus, log);
    },
  );

  app.post(
    '/api/governance/sanctions/:id/appeal',
    {
      schema: {
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({ statement: labelSchema(5_000) }).strict(),
        response: { 201: z.object({ proposalId: z.string() }) },
      },
    },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const actor = { personId: session.person.id, name: session.person.name, operator: isOperator(session.person) };
      const appealed = await governance.dueProcess.appeal(actor, request.params.id, request.body.statement, request.language);
      return appealed.ok ? reply.code(201).send(appealed.value) : sendFailure(reply, sanctionFailureStatus, appealed);
    },
  );
};
