import { describe, expect, it } from 'vitest';
import { IdempotencyKeySchema } from '../../../shared/network-api.js';
import { checkAmount, checkCreditLimit, newIdempotencyKey, SubmissionKey } from './amounts.js';

const credits = { code: 'CREDIT', name: 'credits', scale: 2 };

describe('amounts typed in the browser', () => {
  it('accepts what the server accepts and writes it the way the server does', () => {
    expect(checkAmount('12.5', credits)).toEqual({ ok: true, minorUnits: 1250n, text: '12.50' });
    expect(checkAmount(' 7,05 ', credits)).toEqual({ ok: true, minorUnits: 705n, text: '7.05' });
  });

  it('refuses with the sentences the server uses', () => {
    expect(checkAmount('twelve', credits)).toEqual({ ok: false, message: 'The amount must be a number such as 12.50.' });
    expect(checkAmount('0', credits)).toEqual({ ok: false, message: 'The amount must be more than zero.' });
    expect(checkAmount('-3', credits)).toEqual({ ok: false, message: 'The amount must be more than zero.' });
    expect(checkAmount('1.234', credits)).toEqual({
      ok: false,
      message: 'The amount has more decimals than credits have: at most 2 places.',
    });
    expect(checkAmount('1.23', { code: 'HOUR', name: 'hours', scale: 1 })).toEqual({
      ok: false,
      message: 'The amount has more decimals than hours have: at most 1 place.',
    });
    expect(checkAmount('99999999999999', credits)).toEqual({ ok: false, message: 'The amount is larger than any single payment may be.' });
  });

  it('allows a credit limit of zero, but nothing negative', () => {
    expect(checkCreditLimit('0.00', credits)).toEqual({ ok: true, minorUnits: 0n, text: '0.00' });
    expect(checkCreditLimit('250', credits)).toEqual({ ok: true, minorUnits: 25000n, text: '250.00' });
    expect(checkCreditLimit('-1', credits).ok).toBe(false);
  });
});

describe('the idempotency key of a payment form', () => {
  it('is a key the server accepts, different every time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(IdempotencyKeySchema.safeParse(key).success).toBe(true);
  });

  it('stays the same across attempts until the server confirms, then changes', () => {
    const submission = new SubmissionKey();
    const first = submission.current();
    expect(submission.current()).toBe(first);
    submission.confirmed();
    const second = submission.current();
    expect(second).not.toBe(first);
    expect(submission.current()).toBe(second);
  });
});
