/**
 * The finances page's pure rules: amounts from the server's decimal strings of minor units, written
 * without floats (bigint arithmetic, then `Intl.NumberFormat` on a bigint for the grouping), months
 * and categories in words, and the lines turned into the table's rows and the chart's series —
 * both from the same lines, so their totals agree (and agree with the CSV, made from them too).
 */
import type { FinanceLine, FinancesView } from '../../../shared/finances-api.js';
import { formatDate, formattingLocale } from '../../app/intl/language.js';
import { formatMinorUnits, numberFormat } from '../../app/intl/money.js';
import { t } from './messages.js';

/** The network's credits as the finances report names them: their name and decimal places. */
export interface CreditUnit {
  name: string;
  scale: number;
}

/** Categories Plenary counts itself; any other category is the treasurer's own words. */
export const countedCategories = ['subscriptions', 'network_income', 'network_payments'] as const;
type CountedCategory = (typeof countedCategories)[number];

export { formatMinorUnits, money } from '../../app/intl/money.js';

/** Minor units of the network's credits with their name: "20.00 credits". */
export function credits(minor: string | bigint, unit: CreditUnit, locale = formattingLocale()): string {
  return t('amount.credits', { amount: formatMinorUnits(minor, unit.scale, {}, locale), currency: unit.name });
}

/** A `YYYY-MM` month in words: "March 2026" (`long`, the default) or "Mar" (`axis`, for the chart). */
export function monthName(month: string, style: 'long' | 'axis' = 'long'): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const atMs = Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 1);
  return style === 'long'
    ? formatDate(atMs, { month: 'long', year: 'numeric', timeZone: 'UTC' })
    : formatDate(atMs, { month: 'short', timeZone: 'UTC' });
}

/** A category in words: Plenary's own in the reader's language, the treasurer's as they were typed. */
export function categoryName(category: string): string {
  return (countedCategories as readonly string[]).includes(category) ? t(`category.${category as CountedCategory}`) : category;
}

/** A month's sums: income and expenses, in money and in credits (minor units). */
export interface MonthTotals {
  incomeMoney: bigint;
  expenseMoney: bigint;
  incomeCredit: bigint;
  expenseCredit: bigint;
}

/** One line of the table: a category's income or expense in a month. */
export interface TableLine {
  direction: FinanceLine['direction'];
  category: string;
  moneyMinor: bigint;
  creditMinor: bigint;
}

/** A month of the table: its lines (income first, then expenses) and their totals. */
export interface MonthTable {
  month: string;
  lines: TableLine[];
  totals: MonthTotals;
}

/** The report's months, oldest first, with any month a line names that the list missed. */
export function reportMonths(view: Pick<FinancesView, 'months' | 'lines'>): string[] {
  return [...new Set([...view.months, ...view.lines.map((line) => line.month)])].sort();
}

function addLine(totals: MonthTotals, line: TableLine): void {
  if (line.direction === 'income') {
    totals.incomeMoney += line.moneyMinor;
    totals.incomeCredit += line.creditMinor;
  } else {
    totals.expenseMoney += line.moneyMinor;
    totals.expenseCredit += line.creditMinor;
  }
}

/** The table: each month that has lines, oldest first, its income lines then its expense lines, and its totals. */
export function tableByMonth(view: Pick<FinancesView, 'months' | 'lines'>): MonthTable[] {
  const tables: MonthTable[] = [];
  for (const month of reportMonths(view)) {
    const lines = view.lines
      .filter((line) => line.month === month)
      .map((line) => ({
        direction: line.direction,
        category: line.category,
        moneyMinor: BigInt(line.moneyMinor),
        creditMinor: BigInt(line.creditMinor),
      }))
      .sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'income' ? -1 : 1));
    if (lines.length === 0) continue;
    const totals: MonthTotals = { incomeMoney: 0n, expenseMoney: 0n, incomeCredit: 0n, expenseCredit: 0n };
    for (const line of lines) addLine(totals, line);
    tables.push({ month, lines, totals });
  }
  return tables;
}

/** The chart's data: one value per month (oldest first) of income and expenses, in money and in credits (minor units). */
export interface ChartSeries {
  months: string[];
  money: { income: bigint[]; expense: bigint[] };
  credits: { income: bigint[]; expense: bigint[] };
}

/** The chart's series from the report's lines: every month of the report, 0 where nothing was recorded. */
export function chartSeries(view: Pick<FinancesView, 'months' | 'lines'>): ChartSeries {
  const months = reportMonths(view);
  const zeros = () => months.map(() => 0n);
  const series: ChartSeries = { months, money: { income: zeros(), expense: zeros() }, credits: { income: zeros(), expense: zeros() } };
  for (const line of view.lines) {
    const index = months.indexOf(line.month);
    series.money[line.direction][index] = (series.money[line.direction][index] ?? 0n) + BigInt(line.moneyMinor);
    series.credits[line.direction][index] = (series.credits[line.direction][index] ?? 0n) + BigInt(line.creditMinor);
  }
  return series;
}

/**
 * Minor units as a plain number of whole units, for placing a bar on the chart only (a float is
 * close enough for pixels; every amount written in words comes from `formatMinorUnits`).
 */
export function chartValue(minor: bigint, scale: number): number {
  return Number(minor) / 10 ** scale;
}

/** The number of decimals a currency's minor units have (EUR: 2). */
export function currencyScale(currency: string): number {
  return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
