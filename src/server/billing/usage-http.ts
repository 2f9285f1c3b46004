/**
 * HTTP route of an organisation's usage: `GET /api/orgs/:slug/usage`, for its owners and admins —
 * the last twelve months of participant-minutes, meetings and the largest meeting per room and in
 * total, the plan in force, and the plan that would fit the last three months better.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SlugSchema } from '../../shared/accounts-api.js';
import { UsageViewSchema } from '../../shared/usage-api.js';
import { sendFailure } from '../http/errors.js';
import type { OrganisationsService } from '../organisations/index.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Storage } from '../storage/index.js';
import type { BillingService } from './billing-service.js';
import { billingFailureStatus } from './failures.js';
import { planAdvice, usageReport } from './usage.js';

export interface UsageHttpOptions {
  billing: BillingService;
  /** Lists an organisation's rooms (the report's rows). */
  organisations: Pick<OrganisationsService, 'roomsOfOrganisation'>;
  /** Where the meetings' records are read. */
  storage: Storage;
  /** Where "now" comes from: the current month is the one holding it. Default the system clock. */
  clock?: Clock | undefined;
}

const SlugParamsSchema = z.object({ slug: SlugSchema });

export const usageHttp: FastifyPluginAsyncZod<UsageHttpOptions> = async (app, { billing, organisations, storage, clock = systemClock }) => {
  app.get('/api/orgs/:slug/usage', { schema: { params: SlugParamsSchema, response: { 200: UsageViewSchema } } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const manager = await billing.invoices.managerOf(session.person.id, request.params.slug);
    if (!manager.ok) return sendFailure(reply, billingFailureStatus, manager);
    const organisationId = manager.value.organisationId;
    const rooms = (await organisations.roomsOfOrganisation(organisationId)).map(({ roomId, name }) => ({ roomId, name }));
    const report = await usageReport(storage, clock.nowMs(), rooms);
    const { plan } = await billing.planInForce(organisationId);
    return {
      report,
      currentPlan: { id: plan.id, name: plan.name },
      advice: planAdvice(report, await billing.plans(), plan),
    };
  });
};
