/**
 * How the billing pages write invoices: amounts from the server's decimal strings of minor units
 * (never through a float: the whole part is a bigint formatted by `Intl.NumberFormat`, the
 * decimals are cut off with bigint arithmetic and put where the locale puts them), UTC calendar
 * days, tax rates, and IBANs and references in groups of four.
 */
import type { CurrencyView } from '../../../shared/network-api.js';
import { formatDate, formattingLocale } from '../../app/intl/language.js';
import { t } from './messages.js';

/** The network's currency when the network cannot be asked: "credits" with 2 decimals (its default). */
export const defaultCreditCurrency: CurrencyView = { code: 'CREDIT', name: 'credits', scale: 2 };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * `minor` units (a decimal string or a bigint) with `scale` decimals, written by an
 * `Intl.NumberFormat` of `locale` (default: the pages' own) with `options` (e.g. a currency style):
 * `formatMinorUnits('123456', 2, { style: 'currency', currency: 'EUR' }, 'en')` is `€1,234.56`.
 */
export function formatMinorUnits(
  minor: string | bigint,
  scale: number,
  options: Intl.NumberFormatOptions = {},
  locale = formattingLocale(),
): string {
  const format = numberFormat(locale, { ...options, minimumFractionDigits: scale, maximumFractionDigits: scale });
  const value = BigInt(minor);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const unit = 10n ** BigInt(scale);
  const whole = format
    .formatToParts(absolute / unit)
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  const fraction = (absolute % unit).toString().padStart(scale, '0');
  // The sign, symbol and separators are those of ±1 in this format; the digits are the bigints'.
  return format
    .formatToParts(negative ? -1n : 1n)
    .map((part) => (part.type === 'integer' ? whole : part.type === 'fraction' ? fraction : part.value))
    .join('');
}

/** Euro cents (or another ISO 4217 currency's minor units, default EUR) as the reader writes money: "€45.00", "45,00 €". */
export function money(minor: string | bigint, currency = 'EUR'): string {
  const digits = numberFormat(formattingLocale(), { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return formatMinorUnits(minor, digits, { style: 'currency', currency });
}

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
