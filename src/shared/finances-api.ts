/**
 * The co-op's finances API, shared by server and browser: the last twelve months by month and
 * category, in money and credits (decimal strings of minor units), and the treasurer's entries.
 */
import { z } from 'zod';
import { labelSchema, optionalTextSchema } from './text.js';

const MinorUnits = z.string().regex(/^-?(0|[1-9][0-9]{0,18})$/);

/** One month's income or expense under one category. */
export const FinanceLineSchema = z.object({
  month: z.string().regex(/^[0-9]{4}-[0-9]{2}$/),
  direction: z.enum(['income', 'expense']),
  /** `subscriptions`, `network_income`, `network_payments`, or the treasurer's own words. */
  category: z.string(),
  moneyMinor: MinorUnits,
  creditMinor: MinorUnits,
});
export type FinanceLine = z.infer<typeof FinanceLineSchema>;

/** `GET /api/coop/finances`: the last twelve months, oldest first. */
export const FinancesViewSchema = z.object({
  months: z.array(z.string()),
  lines: z.array(FinanceLineSchema),
  /** The co-op's credit balance now; null when the co-op has no trading account. */
  creditBalanceMinor: MinorUnits.nullable(),
  /** ISO 4217 code of the money amounts. */
  currency: z.string(),
  /** The credits' name and decimal places. */
  credit: z.object({ name: z.string(), scale: z.number().int() }),
});
export type FinancesView = z.infer<typeof FinancesViewSchema>;

/** `POST /api/operator/finance-entries`: a cost or an income the treasurer records by hand. */
export const FinanceEntrySchema = z
  .object({
    bookedOn: z.iso.date({ message: 'must be a date such as 2027-03-31' }),
    direction: z.enum(['income', 'expense']),
    category: labelSchema(40).refine(
      (category) => !['subscriptions', 'network_income', 'network_payments'].includes(category.toLowerCase().replaceAll(' ', '_')),
      'this category is kept for what Plenary counts itself',
    ),
    description: optionalTextSchema(200),
    moneyMinor: z.string().regex(/^(0|[1-9][0-9]{0,17})$/, 'must be a whole number of minor units, 0 or more'),
    creditMinor: z.string().regex(/^(0|[1-9][0-9]{0,17})$/, 'must be a whole number of minor units, 0 or more'),
  })
  .strict()
  .refine((entry) => entry.moneyMinor !== '0' || entry.creditMinor !== '0', 'an entry needs an amount in money or in credits');
