import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { FinanceLine } from '../../../shared/finances-api.js';
import { installTranslations } from '../../app/intl/catalogue.js';
import { french } from '../../app/intl/french.js';
import { currentLanguage } from '../../app/intl/language.js';
import { categoryName, chartSeries, chartValue, credits, formatMinorUnits, money, monthName, tableByMonth } from './finances.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

const months = [
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
];
const lines: FinanceLine[] = [
  { month: '2026-03', direction: 'expense', category: 'network_payments', moneyMinor: '0', creditMinor: '400' },
  { month: '2026-03', direction: 'income', category: 'subscriptions', moneyMinor: '2000', creditMinor: '1000' },
  { month: '2026-03', direction: 'income', category: 'network_income', moneyMinor: '0', creditMinor: '250' },
  { month: '2026-04', direction: 'expense', category: 'Bank fees', moneyMinor: '5000', creditMinor: '0' },
];

describe('amounts', () => {
  it('are written from minor units without a float, grouped as the reader’s language groups', () => {
    expect(money('123456', 'EUR', 'en')).toBe('€1,234.56');
    expect(money('123456', 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(money('-5', 'EUR', 'en')).toBe('-€0.05');
    expect(formatMinorUnits('9007199254740993', 2, { useGrouping: false }, 'en')).toBe('90071992547409.93');
  });

  it('in credits use the network’s scale and name', () => {
    expect(credits('12345', { name: 'credits', scale: 2 }, 'en')).toBe('123.45 credits');
    expect(credits('12345', { name: 'hours', scale: 0 }, 'en')).toBe('12,345 hours');
    currentLanguage.value = 'fr';
    expect(credits('12345', { name: 'crédits', scale: 2 }, 'fr')).toBe('123,45 crédits');
  });

  it('are placed on the chart as whole units', () => {
    expect(chartValue(123456n, 2)).toBe(1234.56);
    expect(chartValue(7n, 0)).toBe(7);
  });
});

describe('words', () => {
  it('name Plenary’s categories in the reader’s language and keep the treasurer’s as typed', () => {
    expect(categoryName('subscriptions')).toBe('Subscriptions');
    expect(categoryName('network_income')).toBe('Credits from network members');
    expect(categoryName('network_payments')).toBe('Paid to suppliers in credits');
    expect(categoryName('Bank fees')).toBe('Bank fees');
    currentLanguage.value = 'fr';
    expect(categoryName('subscriptions')).toBe('Abonnements');
    expect(categoryName('Bank fees')).toBe('Bank fees');
  });

  it('write a month in the reader’s language, whatever the time zone', () => {
    expect(monthName('2026-03')).toBe('March 2026');
    expect(monthName('2026-03', 'axis')).toBe('Mar');
    currentLanguage.value = 'fr';
    expect(monthName('2026-03')).toBe('mars 2026');
  });
});

describe('the table', () => {
  it('has each month with lines, oldest first, income before expenses, with its totals', () => {
    const table = tableByMonth({ months, lines });
    expect(table.map((month) => month.month)).toEqual(['2026-03', '2026-04']);
    expect(table[0]?.lines.map((line) => line.category)).toEqual(['subscriptions', 'network_income', 'network_payments']);
    expect(table[0]?.totals).toEqual({ incomeMoney: 2000n, expenseMoney: 0n, incomeCredit: 1250n, expenseCredit: 400n });
    expect(table[1]?.totals).toEqual({ incomeMoney: 0n, expenseMoney: 5000n, incomeCredit: 0n, expenseCredit: 0n });
  });

  it('is empty when nothing was recorded', () => {
    expect(tableByMonth({ months, lines: [] })).toEqual([]);
  });
});

describe('the chart', () => {
  it('has one value per month of the report, zero where nothing was recorded', () => {
    const series = chartSeries({ months, lines });
    expect(series.months).toEqual(months);
    expect(series.money.income).toHaveLength(12);
    expect(series.money.income[3]).toBe(2000n);
    expect(series.credits.expense[3]).toBe(400n);
    expect(series.money.expense[4]).toBe(5000n);
    expect(series.money.income[0]).toBe(0n);
  });

  it('sums to the same totals as the table, month by month', () => {
    const month = fc.constantFrom(...months);
    const amount = fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }).map(String);
    const line = fc.record({
      month,
      direction: fc.constantFrom('income' as const, 'expense' as const),
      category: fc.constantFrom('subscriptions', 'network_income', 'network_payments', 'Rent', 'Bank fees'),
      moneyMinor: amount,
      creditMinor: amount,
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (generated) => {
        const series = chartSeries({ months, lines: generated });
        const table = tableByMonth({ months, lines: generated });
        for (const [index, name] of series.months.entries()) {
          const totals = table.find((entry) => entry.month === name)?.totals;
          expect(series.money.income[index]).toBe(totals?.incomeMoney ?? 0n);
          expect(series.money.expense[index]).toBe(totals?.expenseMoney ?? 0n);
          expect(series.credits.income[index]).toBe(totals?.incomeCredit ?? 0n);
          expect(series.credits.expense[index]).toBe(totals?.expenseCredit ?? 0n);
        }
        const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);
        const allMoney = generated.reduce((total, entry) => total + BigInt(entry.moneyMinor), 0n);
        expect(sum(series.money.income) + sum(series.money.expense)).toBe(allMoney);
      }),
    );
  });
});
