/**
 * How the billing pages write invoices: amounts from the server's decimal strings of minor units
 * (never through a float: the whole part is a bigint formatted by `Intl.NumberFormat`, the
 * decimals are cut off with bigint arithmetic and put where the locale puts them), UTC calendar
 * days, tax rates, and IBANs and references in groups of four.
 */
import type { CurrencyView } from '../../../shared/network-api.js';
import { formatDate, formattingLocale } from '../../app/intl/language.js';
import { formatMinorUnits, numberFormat } from '../../app/intl/money.js';
import { t } from './messages.js';

/** The network's currency when the network cannot be asked: "credits" with 2 decimals (its default). */
export const defaultCreditCurrency: CurrencyView = { code: 'CREDIT', name: 'credits', scale: 2 };

export { formatMinorUnits, money } from '../../app/intl/money.js';

/** Minor units of the network's currency, with its name: "20.00 credits", "20,00 credits". */
export function credits(minor: string | bigint, currency: CurrencyView): string {
  return t('amount.credits', { amount: formatMinorUnits(minor, currency.scale), currency: currency.name });
}

/** The UTC calendar day of an instant, the month in words: "1 March 2027", "March 1, 2027", "1 mars 2027". */
export function day(atMs: number): string {
  return formatDate(atMs, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The UTC calendar day of an instant, short: "1 Mar 2027". */
export function shortDay(atMs: number): string {
  return formatDate(atMs, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** A period billed, from its start to its end as the invoice gives them (UTC days). */
export function period(startMs: number, endMs: number, write: (atMs: number) => string = day): string {
  return t('amount.period', { start: write(startMs), end: write(endMs) });
}

/** A tax rate in basis points as a percentage: 2000 is "20%" ("20 %" in French), 550 is "5.5%". */
export function taxRate(basisPoints: number): string {
  return numberFormat(formattingLocale(), { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10_000);
}

/** An IBAN or a creditor reference as it is printed: spaces removed, then groups of four ("RF18 5390 0754 7034"). */
export function groupsOfFour(text: string): string {
  return (
    text
      .replace(/\s+/g, '')
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}
