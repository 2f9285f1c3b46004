/** Checking a part of an invoice to pay in credits, before it is sent. */
import { parseAmount } from '../../../shared/network-api.js';

/** A typed part: its minor units, or why it cannot be paid (not a positive amount of the currency, or more than is due). */
export type CreditAmountCheck = { ok: true; minorUnits: bigint } | { ok: false; problem: 'not_an_amount' | 'too_large' };

/**
 * Checks `text` as a positive amount of a currency with `scale` decimals ("12.5", "12,50"), as the
 * network reads amounts (the shared `parseAmount`), and that it is at most `dueMinor`.
 */
export function checkCreditAmount(text: string, scale: number, dueMinor: bigint): CreditAmountCheck {
  const parsed = parseAmount(text, scale);
  if (!parsed.ok) return { ok: false, problem: 'not_an_amount' };
  if (parsed.minorUnits > dueMinor) return { ok: false, problem: 'too_large' };
  return { ok: true, minorUnits: parsed.minorUnits };
}
