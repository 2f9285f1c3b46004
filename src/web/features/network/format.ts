/** How the network pages write amounts, dates and shares: words through `t()`, dates and numbers in the page's language (`Intl`). */

import type { CurrencyView, MemberStatus } from '../../../shared/network-api.js';
import { formatDate, formatNumber } from '../../app/intl/language.js';
import { t } from './messages.js';

/** An amount as the server wrote it ("12.50") with the currency's name: "12.50 credits". */
export function money(amount: string, currency: CurrencyView): string {
  return t('network.money', { amount, currency: currency.name });
}

/** An instant, in the reader's time zone. */
export function dateTime(atMs: number): string {
  return formatDate(atMs, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar day written `YYYY-MM-DD` (a due date), as the reader writes dates. */
export function day(isoDate: string): string {
  const atMs = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(atMs) ? isoDate : formatDate(atMs, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** A calendar month written `YYYY-MM` (UTC), e.g. "March 2026". */
export function month(isoMonth: string): string {
  const atMs = Date.parse(`${isoMonth}-01T00:00:00Z`);
  return Number.isNaN(atMs) ? isoMonth : formatDate(atMs, { year: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** A share between 0 and 1 as a percentage. */
export function share(value: number): string {
  return formatNumber(value, { style: 'percent', maximumFractionDigits: 0 });
}

/** Today as `YYYY-MM-DD` in the reader's time zone (for comparing with due dates). */
export function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A member's status in words. */
export function statusText(status: MemberStatus): string {
  return t(`network.status.${status}`);
}
