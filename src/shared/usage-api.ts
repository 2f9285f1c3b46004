/**
 * An organisation's usage, shared by server and browser: participant-minutes, meetings and the
 * largest meeting per UTC calendar month, per room and in total, and the plan that would fit it
 * better. Numbers only: no person, name of a participant or content is ever in it.
 */
import { z } from 'zod';

/** How many UTC calendar months a usage report covers (the current one included). */
export const usageMonthsCount = 12;
/** How many of the latest months plan advice looks at (the current one included). */
export const adviceMonthsCount = 3;

/** A month, `YYYY-MM`, UTC. */
export const UsageMonthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'not a month (YYYY-MM)');

/** What meetings held in one room (or all of them) in one month came to. */
export const UsageFiguresSchema = z.object({
  /** Every participant's time added up, in whole minutes (rounded down from milliseconds). */
  participantMinutes: z.number().int().nonnegative(),
  /** Meetings started in the month. */
  meetings: z.number().int().nonnegative(),
  /** The most people in one meeting at once (0 when no meeting was held). */
  largestMeeting: z.number().int().nonnegative(),
  /** The longest meeting, in whole minutes (a meeting still open counts until now). */
  longestMeetingMinutes: z.number().int().nonnegative(),
});
export type UsageFigures = z.infer<typeof UsageFiguresSchema>;

/** One room's figures in one month. The name is the room's, as its organisation named it. */
export const RoomUsageSchema = UsageFiguresSchema.extend({ roomId: z.string(), name: z.string() });
export type RoomUsage = z.infer<typeof RoomUsageSchema>;

/** One month: every room of the organisation (zeros for a room without meetings), and the total. */
export const UsageMonthSchema = z.object({
  month: UsageMonthKeySchema,
  /** The month's first millisecond, UTC. */
  startMs: z.number().int(),
  total: UsageFiguresSchema.extend({
    /** The most meetings held at the same time across the organisation's rooms. */
    meetingsAtOnceMax: z.number().int().nonnegative(),
  }),
  rooms: z.array(RoomUsageSchema),
});
export type UsageMonth = z.infer<typeof UsageMonthSchema>;

/** The last `usageMonthsCount` months, oldest first; the last is the current (partial) month. */
export const UsageReportSchema = z.object({ months: z.array(UsageMonthSchema).length(usageMonthsCount) });
export type UsageReport = z.infer<typeof UsageReportSchema>;

/** Why a larger plan is advised: a meeting had more people than the plan allows, or ran to its length limit, or meetings overlapped more than it allows. */
export const usageAdviceReasons = ['participants', 'length', 'meetings_at_once'] as const;
export type UsageAdviceReason = (typeof usageAdviceReasons)[number];

/** What the last `adviceMonthsCount` months suggest: a larger plan, a smaller one, or staying. */
export const PlanAdviceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('larger'),
    planId: z.string(),
    planName: z.string(),
    /** The operators quote its price: ask the co-op rather than subscribe. */
    quoted: z.boolean(),
    reasons: z.array(z.enum(usageAdviceReasons)).min(1),
  }),
  z.object({ kind: z.literal('smaller'), planId: z.string(), planName: z.string(), quoted: z.boolean() }),
]);
export type PlanAdvice = z.infer<typeof PlanAdviceSchema>;

/** `GET /api/orgs/:slug/usage` (owners and admins): the report, the plan in force and the advice. */
export const UsageViewSchema = z.object({
  report: UsageReportSchema,
  currentPlan: z.object({ id: z.string(), name: z.string() }),
  advice: PlanAdviceSchema,
});
export type UsageView = z.infer<typeof UsageViewSchema>;
