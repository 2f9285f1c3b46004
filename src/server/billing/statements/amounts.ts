/**
 * Amounts and currencies of statement lines: decimal text to minor units by string arithmetic
 * (never through a float), and the number of minor-unit digits of each ISO 4217 currency.
 */
import { statementLimits } from './statement-line.js';

/** ISO 4217 currencies whose minor unit is not cents (every other valid code has 2 digits). */
const minorDigitsOtherThanTwo: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

let knownCurrencies: ReadonlySet<string> | undefined;

/** Whether `code` is an ISO 4217 currency code this runtime knows (three upper-case letters). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code) || code in minorDigitsOtherThanTwo;
}

/** Digits of the minor unit of an ISO 4217 currency: 2 (EUR cents) unless listed otherwise (JPY 0, KWD 3). */
export function currencyMinorDigits(currency: string): number {
  return minorDigitsOtherThanTwo[currency] ?? 2;
}

/**
 * Reads an unsigned decimal amount such as `12.5` or `1234.56` as minor units with `minorDigits`
 * decimals. Null for a sign, an exponent, a separator other than `.`, more decimals than the
 * currency has, or more than `statementLimits.amountIntegerDigitsMax` integer digits. Zero is read as 0n.
 */
export function parseDecimalAmount(text: string, minorDigits: number): bigint | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (match === null) return null;
  const integerPart = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fractionPart = (match[2] ?? '').replace(/0+$/, '');
  if (integerPart.length > statementLimits.amountIntegerDigitsMax) return null;
  if (fractionPart.length > minorDigits) return null;
  return BigInt(integerPart + fractionPart.padEnd(minorDigits, '0'));
}

/** Writes minor units as decimal text with `minorDigits` decimals (`1250n`, 2 → `12.50`); the inverse of `parseDecimalAmount`. */
export function formatMinorAmount(amountMinor: bigint, minorDigits: number): string {
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(minorDigits + 1, '0');
  const integerPart = digits.slice(0, digits.length - minorDigits);
  const text = minorDigits === 0 ? integerPart : `${integerPart}.${digits.slice(digits.length - minorDigits)}`;
  return negative ? `-${text}` : text;
}

/** Whether year, month (1–12) and day name a day of the Gregorian calendar (no 31 April, 29 February only in leap years). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
