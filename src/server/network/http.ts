/** HTTP routes of the network domain, under `/api/network`. Every route needs a session (and its CSRF token to change anything). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { networkLimits } from '../../shared/limits.js';
import {
  AccountViewSchema,
  ApplicationRequestSchema,
  AutoAcceptInputSchema,
  AutoAcceptParamsSchema,
  AutoAcceptViewSchema,
  CreditLimitRequestSchema,
  DirectoryQuerySchema,
  DirectoryViewSchema,
  EmptyRequestSchema,
  InvoiceListViewSchema,
  InvoiceRequestSchema,
  InvoiceViewSchema,
  LimitChangesViewSchema,
  ListingInputSchema,
  ListingParamsSchema,
  ListingViewSchema,
  MemberChoicesViewSchema,
  MemberParamsSchema,
  MemberViewSchema,
  NetworkHomeViewSchema,
  NetworkOverviewSchema,
  PaymentRequestSchema,
  PaymentViewSchema,
  ProfileInputSchema,
  ReasonRequestSchema,
  RequestParamsSchema,
  StatementQuerySchema,
} from '../../shared/network-api.js';
import { sendFailure } from '../http/errors.js';
import type { Leases } from '../platform/leases.js';
import { repeatEvery } from '../platform/sweep.js';
import type { Actor } from './context.js';
import { type NetworkResult, networkFailureStatus } from './failures.js';
import type { NetworkServices } from './network-services.js';

export interface NetworkHttpOptions {
  network: NetworkServices;
  /**
   * How often to tell requesters about requests that expired unpaid, on the network's clock; 0 turns
   * it off. Default `networkLimits.requestExpirySweepIntervalMs`.
   */
  expirySweepIntervalMs?: number;
  /** With several instances on one database: expired requests are told by one at a time (`network-request-expiry`). */
  leases?: Leases | undefined;
}

/** Payments and requests per client address per minute. */
const tradingRateLimit = { rateLimit: { max: networkLimits.paymentRequestsPerMinuteMax, timeWindow: 60_000 } };

export const networkHttp: FastifyPluginAsyncZod<NetworkHttpOptions> = async (app, options) => {
  const { network } = options;
  const { membership, directory, payments, requests, accounts } = network;

  const intervalMs = options.expirySweepIntervalMs ?? networkLimits.requestExpirySweepIntervalMs;
  if (intervalMs > 0) {
    const sweep = repeatEvery(
      intervalMs,
      () => requests.notifyExpired(),
      (error) => app.log.error({ err: error }, 'telling requesters about expired payment requests failed'),
      network.context.dependencies.clock,
      options.leases && { leases: options.leases, name: 'network-request-expiry' },
    );
    app.addHook('onClose', async () => sweep.stop());
  }

  /** The acting person, or undefined once a 401/403 has been sent. */
  const actorOf = async (request: FastifyRequest, reply: FastifyReply): Promise<Actor | undefined> => {
    const session = await request.actor.requireSession(reply);
    return session && network.context.actor(session.person, request.language);
  };
  const answer = <T>(reply: FastifyReply, result: NetworkResult<T>, status = 200) =>
    result.ok ? reply.code(status).send(result.value) : sendFailure(reply, networkFailureStatus, result);

  app.get('/api/network', { schema: { response: { 200: NetworkHomeViewSchema } } }, async (request, reply) => {
    const actor = await actorOf(request, reply);
    return actor ? membership.home(actor) : reply;
  });

  app.post('/api/network/applications', { schema: { body: ApplicationRequestSchema } }, async (request, reply) => {
    const actor = await actorOf(request, reply);
    if (!actor) return reply;
    const applied = await membership.apply(actor, request.body);
    if (!applied.ok) return sendFailure(reply, networkFailureStatus, applied);
    return answer(reply, await directory.memberView(actor, applied.value.slug), 201);
  });

  app.get(
    '/api/network/directory',
    { schema: { querystring: DirectoryQuerySchema, response: { 200: DirectoryViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      return actor ? answer(reply, await directory.search(actor, request.query)) : reply;
    },
  );

  app.get('/api/network/members', { schema: { response: { 200: MemberChoicesViewSchema } } }, async (request, reply) => {
    const actor = await actorOf(request, reply);
    return actor ? answer(reply, await directory.approvedMembers(actor)) : reply;
  });

  app.get(
    '/api/network/members/:member',
    { schema: { params: MemberParamsSchema, response: { 200: MemberViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      return actor ? answer(reply, await directory.memberView(actor, request.params.member)) : reply;
    },
  );

  app.put(
    '/api/network/members/:member/profile',
    { schema: { params: MemberParamsSchema, body: ProfileInputSchema, response: { 200: MemberViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      return actor ? answer(reply, await directory.updateProfile(actor, request.params.member, request.body)) : reply;
    },
  );

  app.post(
    '/api/network/members/:member/listings',
    { schema: { params: MemberParamsSchema, body: ListingInputSchema, response: { 201: ListingViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      return actor ? answer(reply, await directory.addListing(actor, request.params.member, request.body), 201) : reply;
    },
  );

  app.delete('/api/network/members/:member/listings/:listing', { schema: { params: ListingParamsSchema } }, async (request, reply) => {
    const actor = await actorOf(request, reply);
    if (!actor) return reply;
    const removed = await directory.removeListing(actor, request.params.member, request.params.listing);
    return removed.ok ? reply.code(204).send() : sendFailure(reply, networkFailureStatus, removed);
  });

  app.get(
    '/api/network/members/:member/account',
    { schema: { params: MemberParamsSchema, querystring: StatementQuerySchema, response: { 200: AccountViewSchema } } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      return actor ? answer(reply, await accounts.account(actor, request.params.member, request.query)) : reply;
    },
  );

  app.get(
    '/api/network/members/:member/statement.csv',
    { schema: { params: MemberParamsSchema, querystring: StatementQuerySchema.omit({ cursor: true }) } },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const statement = await accounts.statementCsv(actor, request.params.member, request.query);
      if (!statement.ok) return sendFailure(reply, networkFailureStatus, statement);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${statement.value.filename}"`)
        .send(statement.value.csv);
    },
  );

  app.post(
    '/api/network/members/:member/payments',
    {
      schema: { params: MemberParamsSchema, body: PaymentRequestSchema, response: { 200: PaymentViewSchema, 201: PaymentViewSchema } },
      config: tradingRateLimit,
    },
    async (request, reply) => {
      const actor = await actorOf(request, reply);
      if (!actor) return reply;
      const paid = await payments.pay(actor, request.params.member, request.body);
      return answer(reply, paid, paid.ok && paid.value.replayed ? 200 : 201);
    },
  );

  registerRequestRoutes();
  registerAutoAcceptRoutes();
  registerAdministrationRoutes();

  function registerRequestRoutes() {
    app.get(
      '/api/network/members/:member/requests',
      { schema: { params: MemberParamsSchema, response: { 200: InvoiceListViewSchema } } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        return actor ? answer(reply, await requests.list(actor, request.params.member)) : reply;
      },
    );

    app.post(
      '/api/network/members/:member/requests',
      {
        schema: { params: MemberParamsSchema, body: InvoiceRequestSchema, response: { 200: InvoiceViewSchema, 201: InvoiceViewSchema } },
        config: tradingRateLimit,
      },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        if (!actor) return reply;
        const created = await requests.create(actor, request.params.member, request.body);
        if (!created.ok) return sendFailure(reply, networkFailureStatus, created);
        return reply.code(created.value.created ? 201 : 200).send(created.value.request);
      },
    );

    const resolutions = {
      accept: { body: EmptyRequestSchema, run: (actor: Actor, member: string, id: string) => requests.accept(actor, member, id) },
      cancel: { body: EmptyRequestSchema, run: (actor: Actor, member: string, id: string) => requests.cancel(actor, member, id) },
    };
    for (const [action, { body, run }] of Object.entries(resolutions)) {
      app.post(
        `/api/network/members/:member/requests/:request/${action}`,
        { schema: { params: RequestParamsSchema, body, response: { 200: InvoiceViewSchema } }, config: tradingRateLimit },
        async (request, reply) => {
          const actor = await actorOf(request, reply);
          return actor ? answer(reply, await run(actor, request.params.member, request.params.request)) : reply;
        },
      );
    }
    app.post(
      '/api/network/members/:member/requests/:request/reject',
      { schema: { params: RequestParamsSchema, body: ReasonRequestSchema, response: { 200: InvoiceViewSchema } } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        if (!actor) return reply;
        return answer(reply, await requests.reject(actor, request.params.member, request.params.request, request.body.reason));
      },
    );
  }

  function registerAutoAcceptRoutes() {
    app.get(
      '/api/network/members/:member/auto-accept',
      { schema: { params: MemberParamsSchema, response: { 200: AutoAcceptViewSchema } } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        return actor ? answer(reply, await payments.autoAcceptRules(actor, request.params.member)) : reply;
      },
    );
    app.put(
      '/api/network/members/:member/auto-accept/:payee',
      { schema: { params: AutoAcceptParamsSchema, body: AutoAcceptInputSchema, response: { 200: AutoAcceptViewSchema } } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        if (!actor) return reply;
        const { member, payee } = request.params;
        return answer(reply, await payments.setAutoAccept(actor, member, payee, request.body.maxAmount));
      },
    );
    app.delete(
      '/api/network/members/:member/auto-accept/:payee',
      { schema: { params: AutoAcceptParamsSchema, response: { 200: AutoAcceptViewSchema } } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        return actor ? answer(reply, await payments.removeAutoAccept(actor, request.params.member, request.params.payee)) : reply;
      },
    );
  }

  function registerAdministrationRoutes() {
    app.get('/api/network/admin', { schema: { response: { 200: NetworkOverviewSchema } } }, async (request, reply) => {
      const actor = await actorOf(request, reply);
      return actor ? answer(reply, await accounts.overview(actor)) : reply;
    });
    const adminView = async (actor: Actor, result: NetworkResult<{ slug: string }>, reply: FastifyReply) =>
      result.ok ? answer(reply, await directory.memberView(actor, result.value.slug)) : sendFailure(reply, networkFailureStatus, result);

    app.post(
      '/api/network/admin/members/:member/approve',
      { schema: { params: MemberParamsSchema, body: EmptyRequestSchema } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        return actor ? adminView(actor, await membership.approve(actor, request.params.member), reply) : reply;
      },
    );
    app.post(
      '/api/network/admin/members/:member/decline',
      { schema: { params: MemberParamsSchema, body: ReasonRequestSchema } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        return actor ? adminView(actor, await membership.decline(actor, request.params.member, request.body.reason), reply) : reply;
      },
    );
    for (const [action, suspended] of [
      ['suspend', true],
      ['reinstate', false],
    ] as const) {
      app.post(
        `/api/network/admin/members/:member/${action}`,
        { schema: { params: MemberParamsSchema, body: ReasonRequestSchema } },
        async (request, reply) => {
          const actor = await actorOf(request, reply);
          if (!actor) return reply;
          return adminView(actor, await membership.setSuspended(actor, request.params.member, suspended, request.body.reason), reply);
        },
      );
    }
    app.put(
      '/api/network/admin/members/:member/credit-limit',
      { schema: { params: MemberParamsSchema, body: CreditLimitRequestSchema } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        if (!actor) return reply;
        const { creditLimit, reason } = request.body;
        return adminView(actor, await membership.changeCreditLimit(actor, request.params.member, creditLimit, reason), reply);
      },
    );
    app.get(
      '/api/network/admin/members/:member/limit-changes',
      { schema: { params: MemberParamsSchema, response: { 200: LimitChangesViewSchema } } },
      async (request, reply) => {
        const actor = await actorOf(request, reply);
        if (!actor) return reply;
        const changes = await membership.limitChanges(actor, request.params.member);
        return changes.ok ? { changes: changes.value } : sendFailure(reply, networkFailureStatus, changes);
      },
    );
  }
};
