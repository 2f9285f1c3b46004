/**
 * The billing API's shapes, shared by server and browser: plans, subscriptions and the requests
 * that change them. Money is bigint minor units on the server; in JSON it is a decimal string of
 * minor units (`"1000"` is €10.00), so no float ever carries it.
 */
import { z } from 'zod';
import { labelSchema } from './text.js';

export const planPeriods = ['month', 'year'] as const;
export type PlanPeriod = (typeof planPeriods)[number];

export const PlanIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'not a plan id')
  .max(40);

/** A plan, as the server keeps it. */
export interface Plan {
  id: string;
  name: string;
  position: number;
  participantsMax: number;
  /** Meetings at once across the subscriber's rooms; null for no limit. */
  meetingsMax: number | null;
  /** How long one meeting may last; null for no limit. */
  meetingMinutesMax: number | null;
  storageMb: number;
  period: PlanPeriod;
  /** The tax rate in hundredths of a percent (2000 is 20 %). */
  taxRateBasisPoints: number;
  /** The operators quote its price; members ask rather than subscribe. */
  quoted: boolean;
  /** The price per period from now on, in euro cents and in the network currency's minor units. */
  moneyPriceMinor: bigint;
  creditPriceMinor: bigint;
}

const MinorUnitsSchema = z.string().regex(/^(0|[1-9][0-9]{0,17})$/, 'must be a whole number of minor units, 0 or more');

/** A plan in JSON. */
export const PlanViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  participantsMax: z.number().int(),
  meetingsMax: z.number().int().nullable(),
  meetingMinutesMax: z.number().int().nullable(),
  storageMb: z.number().int(),
  period: z.enum(planPeriods),
  taxRateBasisPoints: z.number().int(),
  quoted: z.boolean(),
  moneyPriceMinor: MinorUnitsSchema,
  creditPriceMinor: MinorUnitsSchema,
});
export type PlanView = z.infer<typeof PlanViewSchema>;

/** `PUT /api/operator/plans/:id`: an operator's edit. Prices apply from each subscriber's next period. */
export const PlanEditSchema = z
  .object({
    name: labelSchema(60),
    participantsMax: z.number().int().min(2).max(500),
    meetingsMax: z.number().int().min(1).max(1_000).nullable(),
    meetingMinutesMax: z
      .number()
      .int()
      .min(10)
      .max(24 * 60)
      .nullable(),
    storageMb: z.number().int().min(0).max(10_000_000),
    period: z.enum(planPeriods),
    taxRateBasisPoints: z.number().int().min(0).max(10_000),
    quoted: z.boolean(),
    moneyPriceMinor: MinorUnitsSchema,
    creditPriceMinor: MinorUnitsSchema,
  })
  .strict();
export type PlanEdit = z.infer<typeof PlanEditSchema>;

/** `PUT /api/orgs/:slug/subscription`: change to this plan (`free` cancels at the period's end). */
export const SubscriptionChangeSchema = z.object({ planId: PlanIdSchema }).strict();

/** An organisation's subscription in JSON: the plan in force, and what changes at the period's end. */
export const SubscriptionViewSchema = z.object({
  plan: PlanViewSchema,
  /** Null on the Free plan (no period). */
  periodStartMs: z.number().nullable(),
  periodEndMs: z.number().nullable(),
  /** The plan from the period's end (a downgrade, or `free` after a cancellation); null when none. */
  nextPlanId: z.string().nullable(),
  /** An invoice unpaid past the grace period: meetings keep to Free's limits until it is paid. */
  overdue: z.object({ number: z.string(), dueAtMs: z.number() }).nullable(),
});
export type SubscriptionView = z.infer<typeof SubscriptionViewSchema>;

/** `GET /api/me/plans`: the limits of every room a person holds meetings in, before they meet them. */
export const MyPlansViewSchema = z.object({
  organisations: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      /** The plan whose limits apply now (Free's, while an invoice is overdue past the grace period). */
      plan: PlanViewSchema,
      /** The plan subscribed to, when an overdue invoice holds the organisation to Free's limits. */
      subscribedPlan: z.string().nullable(),
      overdue: z.object({ number: z.string(), dueAtMs: z.number() }).nullable(),
      /** Whether this person may change the plan (owners and admins). */
      manages: z.boolean(),
    }),
  ),
  /** The plan of the person's own rooms (Free). */
  personal: PlanViewSchema,
});
export type MyPlansView = z.infer<typeof MyPlansViewSchema>;
