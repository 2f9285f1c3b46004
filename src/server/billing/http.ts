/**
 * HTTP routes of billing: the plans (public, for the pricing page), an organisation's
 * subscription (its members see it, its owners and admins change it), and the operators' edits.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SlugSchema } from '../../shared/accounts-api.js';
import {
  MyPlansViewSchema,
  PlanEditSchema,
  PlanIdSchema,
  PlanViewSchema,
  SubscriptionChangeSchema,
  SubscriptionViewSchema,
} from '../../shared/billing-api.js';
import {
  BillingProfileSchema,
  BillingProfileViewSchema,
  CreditPaymentRequestSchema,
  InvoiceNumberSchema,
  InvoiceSummarySchema,
  InvoiceViewSchema,
} from '../../shared/invoices-api.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import type { BillingService } from './billing-service.js';
import { planView } from './billing-service.js';
import { billingFailureStatus } from './failures.js';
import type { InvoicesService } from './invoices-service.js';
import { billingWords } from './words.js';

export interface BillingHttpOptions {
  billing: BillingService;
  invoices: InvoicesService;
  /** Whether the signed-in person with this email, verified or not, is one of the co-op's operators. */
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
}

const SlugParamsSchema = z.object({ slug: SlugSchema });
const InvoiceParamsSchema = z.object({ slug: SlugSchema, number: InvoiceNumberSchema });

export const billingHttp: FastifyPluginAsyncZod<BillingHttpOptions> = async (app, { billing, invoices, isOperator }) => {
  app.get('/api/plans', { schema: { response: { 200: z.object({ plans: z.array(PlanViewSchema) }) } } }, async () => ({
    plans: (await billing.plans()).map(planView),
  }));

  app.get('/api/me/plans', { schema: { response: { 200: MyPlansViewSchema } } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    return billing.plansOf(session.person.id);
  });

  app.get(
    '/api/orgs/:slug/subscription',
    { schema: { params: SlugParamsSchema, response: { 200: SubscriptionViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await billing.subscriptionFor(session.person.id, request.params.slug);
      return result.ok ? result.value : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.put(
    '/api/orgs/:slug/subscription',
    { schema: { params: SlugParamsSchema, body: SubscriptionChangeSchema, response: { 200: SubscriptionViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await billing.changePlan(session.person.id, request.params.slug, request.body.planId);
      return result.ok ? result.value : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.get(
    '/api/orgs/:slug/billing-profile',
    { schema: { params: SlugParamsSchema, response: { 200: BillingProfileViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await invoices.profile(session.person.id, request.params.slug);
      return result.ok ? result.value : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.put(
    '/api/orgs/:slug/billing-profile',
    { schema: { params: SlugParamsSchema, body: BillingProfileSchema, response: { 200: BillingProfileViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await invoices.setProfile(session.person.id, request.params.slug, request.body);
      return result.ok ? result.value : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.get(
    '/api/orgs/:slug/invoices',
    { schema: { params: SlugParamsSchema, response: { 200: z.object({ invoices: z.array(InvoiceSummarySchema) }) } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await invoices.list(session.person.id, request.params.slug);
      return result.ok ? { invoices: result.value } : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.get(
    '/api/orgs/:slug/invoices/:number',
    { schema: { params: InvoiceParamsSchema, response: { 200: InvoiceViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const result = await invoices.invoice(session.person.id, request.params.slug, request.params.number);
      return result.ok ? result.value : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.post(
    '/api/orgs/:slug/invoices/:number/credit-payment',
    { schema: { params: InvoiceParamsSchema, body: CreditPaymentRequestSchema, response: { 200: InvoiceViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const { amountMinor, idempotencyKey } = request.body;
      const result = await invoices.payInCredits(
        session.person.id,
        request.params.slug,
        request.params.number,
        amountMinor === undefined ? undefined : BigInt(amountMinor),
        idempotencyKey,
      );
      return result.ok ? result.value : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.get('/api/orgs/:slug/invoices/:number/pdf', { schema: { params: InvoiceParamsSchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const result = await invoices.pdf(session.person.id, request.params.slug, request.params.number);
    if (!result.ok) return sendFailure(reply, billingFailureStatus, result);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${result.value.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(result.value.content);
  });

  app.put(
    '/api/operator/plans/:planId',
    { schema: { params: z.object({ planId: PlanIdSchema }), body: PlanEditSchema, response: { 200: PlanViewSchema } } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      if (!isOperator(session.person))
        return sendFailure(reply, billingFailureStatus, failure('operator_only', billingWords.phrase('operators_only')));
      const result = await billing.editPlan(request.params.planId, request.body);
      return result.ok ? planView(result.value) : sendFailure(reply, billingFailureStatus, result);
    },
  );
};
