/**
 * HTTP routes of billing: the plans (public, for the pricing page), an organisation's
 * subscription (its members see it, its owners and admins change it), and the operators' edits.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SlugSchema } from '../../shared/accounts-api.js';
import {
  PlanEditSchema,
  PlanIdSchema,
  PlanViewSchema,
  SubscriptionChangeSchema,
  SubscriptionViewSchema,
} from '../../shared/billing-api.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import type { BillingService } from './billing-service.js';
import { planView } from './billing-service.js';
import { billingFailureStatus } from './failures.js';
import { billingWords } from './words.js';

export interface BillingHttpOptions {
  billing: BillingService;
  /** Whether the signed-in person with this email, verified or not, is one of the co-op's operators. */
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
}

const SlugParamsSchema = z.object({ slug: SlugSchema });

export const billingHttp: FastifyPluginAsyncZod<BillingHttpOptions> = async (app, { billing, isOperator }) => {
  app.get('/api/plans', { schema: { response: { 200: z.object({ plans: z.array(PlanViewSchema) }) } } }, async () => ({
    plans: (await billing.plans()).map(planView),
  }));

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
