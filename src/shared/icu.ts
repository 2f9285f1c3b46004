/**
 * Formats ICU messages (plurals, numbers, dates, select) with `intl-messageformat`, for the
 * browser's catalogues and the server's alike; each compiled message is kept for reuse.
 */
import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
import type { Translation } from './icu-types.js';

const formatters = new Map<string, IntlMessageFormat>();

/** `make(...args)` once per distinct arguments (Intl objects are immutable: sharing them is safe). */
function once<Arguments extends unknown[], Value>(make: (...args: Arguments) => Value): (...args: Arguments) => Value {
  const made = new Map<string, Value>();
  return (...args) => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) {
      value = make(...args);
      made.set(key, value);
    }
    return value;
  };
}

/**
 * The number, date and plural formatters of every message, shared: each `IntlMessageFormat` would
 * otherwise make its own for each message compiled, and the locale's resolution each time too —
 * in a CPU profile of the meeting's first render, 10 ms of its main thread per join went there.
 */
const sharedFormatters: Formatters = {
  getNumberFormat: once((locales?: string | string[], options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: once((...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args)),
  getPluralRules: once((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
};
IntlMessageFormat.resolveLocale = once(IntlMessageFormat.resolveLocale);

/**
 * Formats `message` (its catalogue id is `id`) in `locale` with `parameters`. Messages without
 * arguments or quotes skip the parser. `<` is text, never markup.
 */
export function formatMessage(locale: string, id: string, message: string, parameters: Record<string, unknown> = {}): string {
  if (!message.includes('{') && !message.includes("'")) return message;
  const key = `${locale} ${id}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true, formatters: sharedFormatters });
    formatters.set(key, formatter);
  }
  return String(formatter.format(parameters as Record<string, string | number | Date>));
}

/**
 * Declares a translation of catalogue `English`: it must have every key, no other, and the same
 * parameters per message (checked by the type checker; see `icu-types.ts`).
 */
export function translation<English extends Record<string, string>>() {
  return <const Translated extends Translation<English, Translated>>(messages: Translated): Translated => messages;
}
