import { describe, expect, it } from 'vitest';
import { formatCredits, formatDate, formatMoney, formatTaxRate } from './invoice-format.js';

describe('invoice formatting', () => {
  it('writes money from bigint minor units in each language, with its own separators', () => {
    expect(formatMoney(123456n, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(123456n, 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatMoney(5n, 'EUR', 'en')).toBe('€0.05');
    expect(formatMoney(-50n, 'EUR', 'en')).toBe('-€0.50');
    expect(formatMoney(1234n, 'JPY', 'en')).toBe('JP¥1,234');
  });

  it('keeps every cent of amounts a float cannot hold', () => {
    // 2^53 + 1 cents: as a float it would end in …92.
    expect(formatMoney(9_007_199_254_740_993n, 'EUR', 'en')).toBe('€90,071,992,547,409.93');
  });

  it('writes credits with their scale and name', () => {
    expect(formatCredits(1200n, 2, 'credits', 'en')).toBe('12.00 credits');
    expect(formatCredits(1200n, 2, 'crédits', 'fr')).toBe('12,00 crédits');
    expect(formatCredits(7n, 0, 'hours', 'en')).toBe('7 hours');
  });

  it('writes tax rates from basis points and dates as UTC days', () => {
    expect(formatTaxRate(2100, 'en')).toBe('21%');
    expect(formatTaxRate(550, 'fr')).toBe('5,5\u00a0%');
    expect(formatDate(Date.UTC(2027, 2, 1), 'en')).toBe('1 March 2027');
    expect(formatDate(Date.UTC(2027, 2, 1), 'fr')).toBe('1 mars 2027');
    expect(formatDate(Date.UTC(2027, 2, 1) - 1, 'en')).toBe('28 February 2027');
  });
});
