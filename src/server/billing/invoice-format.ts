/**
 * How an invoice writes its numbers and dates in its language (`serverLocale`: en-GB, fr-FR), for
 * the PDF, the HTML page and the email alike. Amounts are bigint minor units and are never turned
 * into floats: the whole part is formatted by `Intl.NumberFormat` as a bigint, the decimals are
 * cut off with bigint arithmetic and put in the place the locale gives them.
 *
 * The results keep the locale's own spaces (French groups thousands with U+202F and puts U+00A0
 * before `€`): right for HTML and email; a renderer whose font lacks them replaces them.
 */
import type { Language } from '../../shared/languages.js';
import { serverLocale } from '../platform/words.js';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `minor` units of `currency` (ISO 4217) as money in `language`, with as many decimals as the
 * currency has: `formatMoney(123456n, 'EUR', 'en')` is `€1,234.56`, in French `1 234,56 €`.
 */
export function formatMoney(minor: bigint, currency: string, language: Language): string {
  const formatter = numberFormat(language, { style: 'currency', currency });
  return decimal(formatter, minor, formatter.resolvedOptions().maximumFractionDigits ?? 2);
}

/**
 * `minor` units of a credit currency with `scale` decimals, followed by its name:
 * `formatCredits(1200n, 2, 'credits', 'en')` is `12.00 credits`, in French `12,00 credits`.
 */
export function formatCredits(minor: bigint, scale: number, currencyName: string, language: Language): string {
  const formatter = numberFormat(language, { minimumFractionDigits: scale, maximumFractionDigits: scale });
  return `${decimal(formatter, minor, scale)} ${currencyName}`;
}

/** A tax rate in basis points as a percentage: 2100 is `21%` in English, `21 %` in French; 550 is `5.5%`. */
export function formatTaxRate(basisPoints: number, language: Language): string {
  const formatter = numberFormat(language, { style: 'percent', maximumFractionDigits: 2 });
  return formatter.format(basisPoints / 10_000);
}

/** The UTC calendar day of `ms` in `language`, the month in words: `1 March 2027`, `1 mars 2027`. */
export function formatDate(ms: number, language: Language): string {
  let formatter = dateFormatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(serverLocale[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormatters.set(language, formatter);
  }
  return formatter.format(ms);
}

const dateFormatters = new Map<Language, Intl.DateTimeFormat>();

/** The number formatter of `language` with `options`, made once. */
function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(serverLocale[language], options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * `minor` with `scale` decimals, written by `formatter` (which shows exactly `scale` decimals):
 * its sign, symbol and separators are those of ±1 in that format, its digits come from bigints.
 */
function decimal(formatter: Intl.NumberFormat, minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const absolute = negative ? -minor : minor;
  const unit = 10n ** BigInt(scale);
  const whole = formatter
    .formatToParts(absolute / unit)
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  const fraction = (absolute % unit).toString().padStart(scale, '0');
  return formatter
    .formatToParts(negative ? -1n : 1n)
    .map((part) => (part.type === 'integer' ? whole : part.type === 'fraction' ? fraction : part.value))
    .join('');
}
