/**
 * Formats ICU messages (plurals, numbers, dates, select) with `intl-messageformat`, for the
 * browser's catalogues and the server's alike; each compiled message is kept for reuse.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Translation } from './icu-types.js';

const formatters = new Map<string, IntlMessageFormat>();

/**
 * Formats `message` (its catalogue id is `id`) in `locale` with `parameters`. Messages without
 * arguments or quotes skip the parser. `<` is text, never markup.
 */
export function formatMessage(locale: string, id: string, message: string, parameters: Record<string, unknown> = {}): string {
  if (!message.includes('{') && !message.includes("'")) return message;
  const key = `${locale} ${id}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
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
