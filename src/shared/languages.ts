/**
 * The languages Plenary speaks, on both sides: the pages (`src/web/app/intl`) and the server's
 * sentences and emails (`src/server/platform/words.ts`). English is the source of every catalogue.
 */

/** Every language the pages, the server's sentences and its emails can be in; English first. */
export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

/** Each language in its own words, for a language choice (never translated). */
export const languageNames: Readonly<Record<Language, string>> = { en: 'English', fr: 'Français' };

/** True when `value` names a language Plenary speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The first of `tags` (BCP 47, most preferred first; `fr-CA` counts as `fr`) that Plenary speaks, else undefined. */
export function firstSpokenLanguage(tags: readonly string[]): Language | undefined {
  for (const tag of tags) {
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}
