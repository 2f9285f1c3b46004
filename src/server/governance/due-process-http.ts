/** Due process over HTTP: the log of suspensions (members, and the organisations it names) and appeals. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SlugSchema } from '../../shared/accounts-api.js';
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
  operator_only: 403,
  organisation_not_found: 404,
  member_not_found: 404,
  already_suspended: 409,
  not_suspended: 409,
};

/** `POST /api/governance/sanctions`: an operator suspends an organisation from meetings, or a member from membership, with a reason. */
const SuspensionRequestSchema = z.discriminatedUnion('scope', [
  z
    .object({
      scope: z.literal('meetings'),
      organisation: SlugSchema,
      reason: labelSchema(2_000).pipe(z.string().min(10, 'must say why, in at least 10 characters')),
    })
    .strict(),
  z
    .object({
      scope: z.literal('membership'),
      memberId: z.string().regex(/^member_[A-Za-z0-9_-]{8,40}$/, 'must be a member id'),
      reason: labelSchema(2_000).pipe(z.string().min(10, 'must say why, in at least 10 characters')),
    })
    .strict(),
]);

const SanctionViewSchema = z.object({
  id: z.string(),
  scope: z.enum(['network', 'meetings', 'membership']),
  subject: z.string(),
  action: z.enum(['suspended', 'reinstated']),
  reason: z.string(),
  decidedBy: z.string(),
  atMs: z.number(),
  appealProposalId: z.string().nullable(),
  appealable: z.boolean(),
  inForce: z.boolean(),
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

  app.post(
    '/api/governance/sanctions',
    { schema: { body: SuspensionRequestSchema, response: { 201: SanctionViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const actor = { personId: session.person.id, name: session.person.name, operator: isOperator(session.person) };
      const suspended = await governance.dueProcess.suspend(actor, request.body);
      if (!suspended.ok) request.log.info({ code: suspended.code }, 'suspension refused');
      return suspended.ok ? reply.code(201).send(suspended.value) : sendFailure(reply, sanctionFailureStatus, suspended);
    },
  );

  app.post(
    '/api/governance/sanctions/:id/lift',
    {
      schema: {
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({ reason: labelSchema(2_000) }).strict(),
        response: { 200: SanctionViewSchema },
      },
    },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const actor = { personId: session.person.id, name: session.person.name, operator: isOperator(session.person) };
      const lifted = await governance.dueProcess.lift(actor, request.params.id, request.body.reason);
      if (!lifted.ok) request.log.info({ code: lifted.code }, 'lifting a suspension refused');
      return lifted.ok ? lifted.value : sendFailure(reply, sanctionFailureStatus, lifted);
    },
  );
};
