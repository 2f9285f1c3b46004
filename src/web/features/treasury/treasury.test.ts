import { afterEach, describe, expect, it } from 'vitest';
import { currentLanguage } from '../../app/intl/language.js';
import { bookedDay, isInvoiceNumber, isOverdue, isoDay, money, readAmount, statementContentType } from './treasury.js';

afterEach(() => {
  currentLanguage.value = 'en';
});

describe('an amount typed in euros', () => {
  it('becomes minor units by string arithmetic', () => {
    expect(readAmount('12.50')).toEqual({ ok: true, minor: '1250' });
    expect(readAmount('12')).toEqual({ ok: true, minor: '1200' });
    expect(readAmount(' 0.05 ')).toEqual({ ok: true, minor: '5' });
    expect(readAmount('.5')).toEqual({ ok: true, minor: '50' });
    expect(readAmount('12.')).toEqual({ ok: true, minor: '1200' });
    expect(readAmount('007.10')).toEqual({ ok: true, minor: '710' });
  });

  it('takes a decimal comma and spaces as grouping, as French writes it', () => {
    expect(readAmount('12,5')).toEqual({ ok: true, minor: '1250' });
    expect(readAmount('1 234,50')).toEqual({ ok: true, minor: '123450' });
    expect(readAmount('1\u202f234,50')).toEqual({ ok: true, minor: '123450' });
  });

  it('keeps every digit of amounts a float would round', () => {
    expect(readAmount('90071992547409.93')).toEqual({ ok: true, minor: '9007199254740993' });
    expect(readAmount('9999999999999999.99')).toEqual({ ok: true, minor: '999999999999999999' });
  });

  it('is refused when it is not a plain positive amount, with the reason', () => {
    expect(readAmount('')).toEqual({ ok: false, problem: 'empty' });
    expect(readAmount('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(readAmount('-1')).toEqual({ ok: false, problem: 'negative' });
    expect(readAmount('1e3')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readAmount('0.001')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(readAmount('1,250')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(readAmount('12.500')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(readAmount('1,234.50')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readAmount('+5')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readAmount('0x10')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readAmount('Infinity')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readAmount('.')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readAmount('12.5.0')).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readAmount('0')).toEqual({ ok: false, problem: 'zero' });
    expect(readAmount('0.00')).toEqual({ ok: false, problem: 'zero' });
    expect(readAmount('10000000000000000')).toEqual({ ok: false, problem: 'too_large' });
  });

  it('may be zero where an entry allows it, and follows the credits’ scale', () => {
    expect(readAmount('0', 2, { allowZero: true })).toEqual({ ok: true, minor: '0' });
    expect(readAmount('3', 0)).toEqual({ ok: true, minor: '3' });
    expect(readAmount('3.5', 0)).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(readAmount('1.234', 3)).toEqual({ ok: true, minor: '1234' });
  });
});

describe('writing', () => {
  it('money from minor units in the reader’s language', () => {
    expect(money('1250', 'EUR', 'en')).toBe('€12.50');
    expect(money('123450', 'EUR', 'fr')).toBe('1\u202f234,50\u00a0€');
  });

  it('a bank line’s day in UTC', () => {
    expect(bookedDay('2027-03-01')).toBe('Mar 1, 2027');
    expect(bookedDay('soon')).toBe('soon');
  });
});

describe('the rules', () => {
  it('call an open invoice past its due date overdue, and never a paid one', () => {
    expect(isOverdue({ status: 'open', dueAtMs: 1000 }, 2000)).toBe(true);
    expect(isOverdue({ status: 'open', dueAtMs: 3000 }, 2000)).toBe(false);
    expect(isOverdue({ status: 'paid', dueAtMs: 1000 }, 2000)).toBe(false);
  });

  it('know an invoice number when they see one', () => {
    expect(isInvoiceNumber('2026-000042')).toBe(true);
    expect(isInvoiceNumber(' 2026-000042 ')).toBe(true);
    expect(isInvoiceNumber('2026-42')).toBe(false);
    expect(isInvoiceNumber('')).toBe(false);
  });

  it('send a statement as CSV or XML by its file name, and nothing else', () => {
    expect(statementContentType('march.CSV')).toBe('text/csv');
    expect(statementContentType('camt053.xml')).toBe('application/xml');
    expect(statementContentType('statement.pdf')).toBeUndefined();
  });

  it('write today as a date field does', () => {
    expect(isoDay(Date.UTC(2026, 10, 27, 23, 59))).toBe('2026-11-27');
  });
});
