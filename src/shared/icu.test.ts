import { describe, expect, it } from 'vitest';
import { formatMessage } from './icu.js';

describe('formatMessage', () => {
  it('formats numbers, plurals and dates in each language, the formatters shared between messages and languages never mixed', () => {
    const when = new Date(Date.UTC(2026, 10, 28, 9, 30));
    const count = '{count, plural, one {# vote} other {# votes}}';
    const amount = '{amount, number} credits';
    const day = '{when, date, long}';
    // Alternating languages and messages: a formatter kept under the wrong key would show here.
    expect(formatMessage('en', 'test.count', count, { count: 1 })).toBe('1 vote');
    expect(formatMessage('fr', 'test.count', count, { count: 1 })).toBe('1 vote');
    expect(formatMessage('en', 'test.amount', amount, { amount: 1234.5 })).toBe('1,234.5 credits');
    expect(formatMessage('fr', 'test.amount', amount, { amount: 1234.5 })).toBe('1\u202f234,5 credits');
    expect(formatMessage('en', 'test.count', count, { count: 2000 })).toBe('2,000 votes');
    expect(formatMessage('fr', 'test.count', count, { count: 2000 })).toBe('2\u202f000 votes');
    expect(formatMessage('en', 'test.day', day, { when })).toBe('November 28, 2026');
    expect(formatMessage('fr', 'test.day', day, { when })).toBe('28 novembre 2026');
    // Another message with the same number format in the other language still gets its own language's.
    expect(formatMessage('en', 'test.other', 'Paid: {amount, number}', { amount: 0.5 })).toBe('Paid: 0.5');
    expect(formatMessage('fr', 'test.other', 'Payé : {amount, number}', { amount: 0.5 })).toBe('Payé : 0,5');
  });
});
