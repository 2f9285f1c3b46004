/**
 * Governance over HTTP, every route behind a session (and its CSRF token to change anything):
 * classes, applications, the register (JSON and CSV), shares and decisions (operators), proposals,
 * votes, closing a vote early, discussion and corrections.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CloseEarlyRequestSchema,
  CommentRequestSchema,
  CorrectionRequestSchema,
  MemberClassViewSchema,
  MembershipApplicationSchema,
  MemberViewSchema,
  MyMembershipsViewSchema,
  ProposalRequestSchema,
  ProposalViewSchema,
  ReasonSchema,
  RegisterViewSchema,
  ShareMovementSchema,
  VoteRequestSchema,
  VoteResponseSchema,
  VoterSchema,
} from '../../shared/governance-api.js';
import { sendFailure } from '../http/errors.js';
import type { Result } from '../platform/outcome.js';
import { type GovernanceFailureCode, governanceFailureStatus } from './failures.js';
import type { Governance } from './governance.js';
import type { Actor } from './members-service.js';

export interface GovernanceHttpOptions {
  governance: Governance;
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
}

const IdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const governanceHttp: FastifyPluginAsyncZod<GovernanceHttpOptions> = async (app, { governance, isOperator }) => {
  const { members, proposals } = governance;

  /** The signed-in person as governance sees them, or undefined after replying 401. */
  const actorOf = async (request: FastifyRequest, reply: FastifyReply): Promise<Actor | undefined> => {
    const session = await request.actor.requireSession(reply);
    if (!session) return undefined;
    return { personId: session.person.id, name: session.person.name, operator: isOperator(session.person) };
  };
  const answer = <T>(reply: FastifyReply, result: Result<T, GovernanceFailureCode>, status = 200) =>
    result.ok ? reply.code(status).send(result.value) : sendFailure(reply, governanceFailureStatus, result);

  app.get(
    '/api/governance/classes',
    { schema: { response: { 200: z.object({ classes: z.array(MemberClassViewSchema) }) } } },
    async (request, reply) => {
      if (!(await actorOf(request, reply))) return reply;
      return { classes: await members.classes() };
    },
  );

  app.post(
    '/api/governance/applications',
    { schema: { body: MembershipApplicationSchema, response: { 201: MemberViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      return answer(reply, await members.apply(actor, request.body), 201);
    },
  );

  app.get('/api/governance/memberships', { schema: { response: { 200: MyMembershipsViewSchema } } }, async (request, reply) => {
    const actor = await actorOf(request, reply);
    if (!actor) return reply;
    return { members: await members.memberships(actor) };
  });

  app.get('/api/governance/register', { schema: { response: { 200: RegisterViewSchema } } }, async (request, reply) => {
    const actor = await actorOf(request, reply);
    if (!actor) return reply;
    return answer(reply, await members.register(actor));
  });

  app.get('/api/governance/register.csv', async (request, reply) => {
    const actor = await actorOf(request, reply);
    if (!actor) return reply;
    const csv = await members.registerCsv(actor);
    if (!csv.ok) return sendFailure(reply, governanceFailureStatus, csv);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="register-of-members.csv"')
      .header('cache-control', 'private, no-store')
      .send(csv.value);
  });

  for (const [action, admitted] of [
    ['admit', true],
    ['decline', false],
  ] as const) {
    app.post(
      `/api/governance/members/:id/${action}`,
      { schema: { params: IdParamsSchema, body: admitted ? z.object({}).strict() : ReasonSchema, response: { 200: MemberViewSchema } } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        if (!actor) return reply;
        const reason = 'reason' in request.body ? String(request.body.reason) : null;
        return answer(reply, await members.decide(actor, request.params.id, admitted, reason));
      },
    );
  }

  app.post(
    '/api/governance/members/:id/resign',
    { schema: { params: IdParamsSchema, response: { 200: MemberViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      return answer(reply, await members.resign(actor, request.params.id));
    },
  );

  app.put(
    '/api/governance/members/:id/voter',
    { schema: { params: IdParamsSchema, body: VoterSchema, response: { 200: MemberViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      return answer(reply, await members.nameVoter(actor, request.params.id, request.body.email));
    },
  );

  app.post(
    '/api/governance/members/:id/shares',
    { schema: { params: IdParamsSchema, body: ShareMovementSchema, response: { 200: MemberViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const { amountMinor, ...movement } = request.body;
      return answer(reply, await members.recordShares(actor, request.params.id, { ...movement, amountMinor: BigInt(amountMinor) }));
    },
  );

  app.get(
    '/api/governance/proposals',
    { schema: { response: { 200: z.object({ proposals: z.array(ProposalViewSchema) }) } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const listed = await proposals.list(actor);
      return listed.ok ? { proposals: listed.value } : sendFailure(reply, governanceFailureStatus, listed);
    },
  );

  app.post(
    '/api/governance/proposals',
    { schema: { body: ProposalRequestSchema, response: { 201: ProposalViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      return answer(reply, await proposals.create(actor, request.body), 201);
    },
  );

  app.get(
    '/api/governance/proposals/:id',
    { schema: { params: IdParamsSchema, response: { 200: ProposalViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      return answer(reply, await proposals.view(actor, request.params.id));
    },
  );

  app.put(
    '/api/governance/proposals/:id/vote',
    { schema: { params: IdParamsSchema, body: VoteRequestSchema, response: { 200: VoteResponseSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const { memberId, ballot, ballotToken } = request.body;
      return answer(reply, await proposals.vote(actor, request.params.id, memberId, ballot, ballotToken));
    },
  );

  app.post(
    '/api/governance/proposals/:id/close',
    { schema: { params: IdParamsSchema, body: CloseEarlyRequestSchema, response: { 200: ProposalViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const proposalId = request.params.id;
      const closed = await proposals.closeEarly(actor, proposalId);
      if (closed.ok) request.log.info({ proposalId, personId: actor.personId }, 'proposal closed early');
      else request.log.warn({ proposalId, personId: actor.personId, code: closed.code }, 'closing a proposal early refused');
      return answer(reply, closed);
    },
  );

  app.post(
    '/api/governance/proposals/:id/comments',
    { schema: { params: IdParamsSchema, body: CommentRequestSchema, response: { 201: ProposalViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      return answer(reply, await proposals.comment(actor, request.params.id, request.body.body), 201);
    },
  );

  app.post(
    '/api/governance/proposals/:id/corrections',
    { schema: { params: IdParamsSchema, body: CorrectionRequestSchema, response: { 201: ProposalViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      return answer(reply, await proposals.correct(actor, request.params.id, request.body.statement), 201);
    },
  );
};
