/**
 * Amounts typed in the browser, checked with the same shared `parseAmount` the server uses and
 * explained in the same words, and the idempotency key that makes a payment form safe to resubmit.
 */

import { type CurrencyView, formatAmount, parseAmount } from '../../../shared/network-api.js';
import { t } from './messages.js';

/** A typed amount: its minor units and its canonical text ("12.5" → "12.50"), or why it is refused. */
export type AmountCheck = { ok: true; minorUnits: bigint; text: string } | { ok: false; message: string };

/** Checks a positive amount of `currency`, as the server would, with the server's sentence when it is refused. */
export function checkAmount(text: string, currency: CurrencyView): AmountCheck {
  const parsed = parseAmount(text, currency.scale);
  if (parsed.ok) return { ok: true, minorUnits: parsed.minorUnits, text: formatAmount(parsed.minorUnits, currency.scale) };
  if (parsed.problem === 'amount_has_too_many_decimals') {
    const key = currency.scale === 1 ? 'network.amount.tooManyDecimalsOne' : 'network.amount.tooManyDecimalsMany';
    return { ok: false, message: t(key, { currency: currency.name, places: currency.scale }) };
  }
  return { ok: false, message: t(`network.amount.${parsed.problem}`) };
}

/** Like `checkAmount`, but zero is allowed: a credit limit of nothing (the server accepts "0", "0.00"). */
export function checkCreditLimit(text: string, currency: CurrencyView): AmountCheck {
  if (/^\s*0+([.,]0*)?\s*$/.test(text)) return { ok: true, minorUnits: 0n, text: formatAmount(0n, currency.scale) };
  return checkAmount(text, currency);
}

/** 22 random URL-safe characters (128 bits), inside the shared `IdempotencyKeySchema`. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/**
 * The idempotency key of one payment (or payment request) a person means to make. Every attempt
 * — a double click, a retry after an error or a lost answer — sends the same key, so the server
 * makes it at most once; only once the server has confirmed it does the next payment get a new key.
 * A refused attempt records nothing under its key, so retrying with corrected fields is safe; and
 * if a lost answer did succeed, a changed retry is refused (`idempotency_key_reused`), never paid twice.
 */
export class SubmissionKey {
  private key: string | undefined;

  /** The key to send with this attempt. */
  current(): string {
    this.key ??= newIdempotencyKey();
    return this.key;
  }

  /** The server confirmed the submission: the next one is a new payment with a new key. */
  confirmed(): void {
    this.key = undefined;
  }
}
