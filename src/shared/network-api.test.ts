import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, ListingInputSchema, PaymentRequestSchema, ProfileInputSchema, parseAmount } from './network-api.js';

describe('amounts', () => {
  it('read back exactly what they print, for every amount and scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (minorUnits, scale) => {
        expect(parseAmount(formatAmount(minorUnits, scale), scale)).toEqual({ ok: true, minorUnits });
      }),
    );
  });

  it('take a decimal comma, but not one that could be a thousands separator', () => {
    expect(parseAmount('12,5', 2)).toEqual({ ok: true, minorUnits: 1250n });
    expect(parseAmount('1,000', 3)).toEqual({ ok: false, problem: 'amount_not_a_number' });
    expect(parseAmount('1.000', 3)).toEqual({ ok: true, minorUnits: 1000n });
    expect(parseAmount('1,000', 2)).toEqual({ ok: false, problem: 'amount_not_a_number' });
  });

  it('refuse what is not a plain positive decimal', () => {
    for (const text of ['', '1e3', '12.', '.5', '+5', '0x10', '1 000', '١٢', '１２', 'NaN']) {
      expect(parseAmount(text, 2)).toEqual({ ok: false, problem: 'amount_not_a_number' });
    }
    expect(parseAmount('-0', 2)).toEqual({ ok: false, problem: 'amount_must_be_positive' });
    expect(parseAmount('1.234', 2)).toEqual({ ok: false, problem: 'amount_has_too_many_decimals' });
  });
});

describe('free text in the network', () => {
  const profile = { description: '', location: '', website: '', contact: '', showBalance: false };

  it('refuses control and bidi characters that would hide or reorder what others read', () => {
    for (const location of ['Leeds\u202etxt.exe', 'a\u0000b', 'line\nbreak', '\u001b[31mred']) {
      expect(ProfileInputSchema.safeParse({ ...profile, location }).success).toBe(false);
    }
    const payment = { payee: 'bakery', amount: '1', description: 'Bread', idempotencyKey: 'key-12345678' };
    expect(PaymentRequestSchema.safeParse({ ...payment, reference: 'INV\u0000-7' }).success).toBe(false);
    expect(PaymentRequestSchema.safeParse({ ...payment, reference: 'INV-7' }).success).toBe(true);
  });

  it('keeps line breaks in descriptions, as LF', () => {
    const parsed = ListingInputSchema.parse({ kind: 'offer', title: 'Bread', description: 'Sourdough\r\nRye', category: 'food-and-drink' });
    expect(parsed.description).toBe('Sourdough\nRye');
    expect(ProfileInputSchema.safeParse({ ...profile, description: 'One\ttab' }).success).toBe(false);
  });
});
