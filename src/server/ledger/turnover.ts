/**
 * Turnover: the sum of completed movements (single-phase transfers and posted reservations) of
 * a currency per calendar month (UTC), for network overviews.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { CurrencyCode } from './types.js';
import type { LedgerStore } from './write-transaction.js';

/** One month of turnover: `month` is `YYYY-MM` (UTC). */
export interface MonthlyTurnover {
  month: string;
  amount: bigint;
  transfers: number;
}

const TurnoverRowSchema = z.object({
  month: z.string().regex(/^[0-9]{4}-[0-9]{2}$/),
  amount: z
    .union([z.string(), z.number(), z.bigint()])
    .transform(String)
    .pipe(z.string().regex(/^[0-9]+$/))
    .transform(BigInt),
  transfers: z.union([z.number(), z.string()]).transform(Number),
});

/** Turnover of `currency` per month from `fromMs` on, newest month first. */
export async function turnoverByMonth(store: LedgerStore, currency: CurrencyCode, fromMs: number): Promise<MonthlyTurnover[]> {
  const month =
    store.engine === 'sqlite'
      ? sql<string>`strftime('%Y-%m', timestamp_ms / 1000, 'unixepoch')`
      : sql<string>`to_char(to_timestamp(timestamp_ms / 1000.0) at time zone 'UTC', 'YYYY-MM')`;
  const rows = await store.db
    .selectFrom('ledger_transfers')
    .select([month.as('month'), sql<string>`cast(sum(amount) as text)`.as('amount'), sql<number>`count(*)`.as('transfers')])
    .where('currency_code', '=', currency)
    .where('kind', 'in', ['single_phase', 'post_pending'])
    .where('timestamp_ms', '>=', fromMs)
    .groupBy(month)
    .orderBy(month, 'desc')
    .execute();
  return rows.map((row) => TurnoverRowSchema.parse(row));
}
