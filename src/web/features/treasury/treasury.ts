/**
 * The treasurer's page's pure rules: an amount typed in major units ("12.50", "12,5") turned into
 * minor units by string arithmetic (never a float), amounts written back from minor units, invoice
 * numbers, statement files' types, overdue invoices and today's date.
 */
import { formatDate } from '../../app/intl/language.js';

/** Why a typed amount is refused. */
export type AmountProblem = 'empty' | 'not_a_number' | 'negative' | 'zero' | 'too_many_decimals' | 'too_large';

/** A typed amount read: its minor units as a decimal string without leading zeros, or why not. */
export type AmountReading = { ok: true; minor: string } | { ok: false; problem: AmountProblem };

/** The most digits an amount in minor units may have (the API takes up to 18). */
export const amountDigitsMax = 18;

/**
 * Reads an amount typed in major units with `scale` decimals (default 2, euros): digits, then
 * optionally one decimal separator (`.` or `,`) and at most `scale` digits; spaces are taken as
 * grouping ("1 234,50"). Nothing else is accepted: not a sign, an exponent ("1e3") or a grouping
 * comma ("1,250" is refused for its three decimals rather than read as 1250 or 1.25). Zero is
 * refused unless `allowZero` (default false).
 */
export function readAmount(typed: string, scale = 2, options: { allowZero?: boolean } = {}): AmountReading {
  const text = typed.replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^-[0-9.,]+$/.test(text)) return { ok: false, problem: 'negative' };
  const parts = /^([0-9]*)(?:[.,]([0-9]*))?$/.exec(text);
  const whole = parts?.[1] ?? '';
  const fraction = parts?.[2] ?? '';
  if (!parts || whole + fraction === '') return { ok: false, problem: 'not_a_number' };
  // Even "12.500" is refused: with a comma it could be a grouping ("1,250"), so no extra decimals at all.
  if (fraction.length > scale) return { ok: false, problem: 'too_many_decimals' };
  const minor = `${whole}${fraction.slice(0, scale).padEnd(scale, '0')}`.replace(/^0+(?=[0-9])/, '');
  if (minor === '0' && !options.allowZero) return { ok: false, problem: 'zero' };
  if (minor.length > amountDigitsMax) return { ok: false, problem: 'too_large' };
  return { ok: true, minor };
}

export { formatMinorUnits, money } from '../../app/intl/money.js';

/** The UTC calendar day of an instant, short: "1 Mar 2027". */
export function shortDay(atMs: number): string {
  return formatDate(atMs, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** A `YYYY-MM-DD` day (as bank lines give it) written short, read in UTC; anything else as it is. */
export function bookedDay(day: string): string {
  const parts = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(day);
  return parts ? shortDay(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))) : day;
}

/** Whether an invoice is open past its due date at `nowMs`. */
export function isOverdue(invoice: { status: 'open' | 'paid'; dueAtMs: number }, nowMs: number): boolean {
  return invoice.status === 'open' && invoice.dueAtMs < nowMs;
}

/** Whether `text` is written as an invoice number is (`2026-000042`), spaces around it ignored. */
export function isInvoiceNumber(text: string): boolean {
  return /^[0-9]{4}-[0-9]{6}$/.test(text.trim());
}

/** The content type a statement file is sent with: `text/csv` for `.csv`, `application/xml` for `.xml`, else undefined. */
export function statementContentType(fileName: string): 'text/csv' | 'application/xml' | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xml')) return 'application/xml';
  return undefined;
}

/** The UTC calendar day of `nowMs` as a date field writes it: `2026-11-27`. */
export function isoDay(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}
