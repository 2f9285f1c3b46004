/** Billing periods in UTC calendar months and years, and prorating a price to the day. */
import type { PlanPeriod } from '../../shared/billing-api.js';

export const dayMs = 86_400_000;

/**
 * `startMs` moved on by one period: the same day of the next month (or year), or that month's
 * last day when it is shorter (31 January → 28 or 29 February), at the same time of day.
 */
export function periodEnd(startMs: number, period: PlanPeriod): number {
  const start = new Date(startMs);
  const months = period === 'year' ? 12 : 1;
  const year = start.getUTCFullYear() + Math.floor((start.getUTCMonth() + months) / 12);
  const month = (start.getUTCMonth() + months) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const timeOfDay = startMs - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  return Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)) + timeOfDay;
}

/** Whole days from `fromMs` to `toMs`, a started day counting as one (0 when `toMs` is not later). */
export function daysBetween(fromMs: number, toMs: number): number {
  return toMs <= fromMs ? 0 : Math.ceil((toMs - fromMs) / dayMs);
}

/** `amount` × `days` / `periodDays`, rounded half up, in minor units (never a float). */
export function prorate(amount: bigint, days: number, periodDays: number): bigint {
  if (periodDays <= 0 || days <= 0) return 0n;
  const numerator = amount * BigInt(days) * 2n + BigInt(periodDays);
  return numerator / (2n * BigInt(periodDays));
}
