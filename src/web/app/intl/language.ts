/**
 * Which language the pages speak: English (the source) or French. Chosen from the saved choice,
 * else the browser's languages (`navigator.languages`), else English; the choice is kept in
 * `localStorage` and written to `<html lang>`. Dates and numbers follow it through `Intl`.
 */
import { signal } from '@preact/signals';
import { firstSpokenLanguage, isLanguage, type Language } from '../../../shared/languages.js';

export { isLanguage, type Language, languageNames, languages } from '../../../shared/languages.js';

/** The `localStorage` key of a person's choice. */
export const languageStorageKey = 'plenary.language';

/** The language being shown. Components that read it (through `t()`) re-render when it changes. */
export const currentLanguage = signal<Language>('en');

/**
 * The language to start in: the saved choice when there is one, else the first of the browser's
 * languages (`fr-CA` counts as `fr`) that the pages speak, else English.
 */
export function preferredLanguage(saved: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  return firstSpokenLanguage(browserLanguages) ?? 'en';
}

/**
 * The locale dates and numbers are written in: the browser's own tag for the current language
 * (`en-GB` for a British English browser), else the language itself.
 */
export function formattingLocale(): string {
  const language = currentLanguage.value;
  const browserLanguages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
  return browserLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** An instant or a date as the current language writes it, with `options` (cached per language). */
export function formatDate(value: Date | number, options: Intl.DateTimeFormatOptions): string {
  const locale = formattingLocale();
  const id = `${locale} ${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(id, format);
  }
  return format.format(value);
}

/** A number as the current language writes it, with `options` (cached per language). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  const locale = formattingLocale();
  const id = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(id, format);
  }
  return format.format(value);
}
