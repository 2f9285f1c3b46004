/**
 * Amounts as the reader writes them, from the server's minor units (decimal strings or bigints),
 * never through a float: the whole part is a bigint formatted by `Intl.NumberFormat`, the decimals
 * are cut off with bigint arithmetic and put where the locale puts them. Shared by every page that
 * shows money or credits (billing, finances, treasury).
 */
import { formattingLocale } from './language.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** The number format of `locale` with `options`, made once. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
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

/** Minor units of an ISO 4217 currency (default EUR) as the reader writes money: "€1,234.50", "1 234,50 €". */
export function money(minor: string | bigint, currency = 'EUR', locale = formattingLocale()): string {
  const digits = numberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return formatMinorUnits(minor, digits, { style: 'currency', currency }, locale);
}
