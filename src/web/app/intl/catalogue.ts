/**
 * Catalogues of ICU messages, one per feature (`features/<name>/messages.ts`), English in the
 * feature's module and French in `messages.fr.ts`, loaded only when French is chosen (one lazy
 * chunk, `french.ts`). Keys and parameters are typed from the English text, so a missing key or a
 * wrong parameter does not compile; a French catalogue must have every key with the same parameters.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { french } from './french.js';
import type { ParametersArgument, Translation } from './icu-types.js';
import { currentLanguage, type Language, languageStorageKey, preferredLanguage } from './language.js';

/** The name of a catalogue: one key of the French registry (`french.ts`), so none can be left out there. */
export type CatalogueName = keyof typeof french;

type Messages = Record<string, string>;

/** The loaded translations, by language and catalogue. English is each catalogue's own text. */
const translations: Partial<Record<Exclude<Language, 'en'>, Record<CatalogueName, Messages>>> = {};

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Record<CatalogueName, Messages>>> = {
  fr: () => import('./french.js').then((module) => module.french),
};

const formatters = new Map<string, IntlMessageFormat>();

/** Formats one ICU message; messages without arguments or quotes skip the parser. */
export function formatMessage(language: Language, id: string, message: string, parameters: Record<string, unknown> = {}): string {
  if (!message.includes('{') && !message.includes("'")) return message;
  let formatter = formatters.get(`${language} ${id}`);
  if (!formatter) {
    // ignoreTag: "<" in a message is text, never markup.
    formatter = new IntlMessageFormat(message, language, undefined, { ignoreTag: true });
    formatters.set(`${language} ${id}`, formatter);
  }
  return String(formatter.format(parameters as Record<string, string | number | Date>));
}

/** A feature's messages: `t(key, parameters)` in the current language. */
export interface Catalogue<English extends Messages> {
  readonly name: CatalogueName;
  readonly english: English;
  /** The message `key` in the current language, its `{arguments}` filled from `parameters`. Re-renders the calling component when the language changes. */
  t<Key extends keyof English & string>(key: Key, ...parameters: ParametersArgument<English[Key]>): string;
}

/** Declares a feature's catalogue from its English messages (`as const`, so parameters are typed). */
export function defineCatalogue<const English extends Messages>(name: CatalogueName, english: English): Catalogue<English> {
  return {
    name,
    english,
    t(key, ...parameters) {
      const language = currentLanguage.value;
      const translated = language === 'en' ? undefined : translations[language]?.[name]?.[key];
      // A chosen language is set only once its catalogues are loaded, and they are typed to have every key.
      const message = translated ?? english[key];
      return formatMessage(translated === undefined ? 'en' : language, `${name}.${key}`, message ?? key, parameters[0]);
    },
  };
}

/** Declares a translation of `English`: it must have every key, no other, and the same parameters per message. */
export function translation<English extends Messages>() {
  return <const Translated extends Translation<English, Translated>>(messages: Translated): Translated => messages;
}

/** Makes `catalogues` the translations of `language` (what loading does; tests call it directly). */
export function installTranslations(language: Exclude<Language, 'en'>, catalogues: Record<CatalogueName, Messages>): void {
  translations[language] = catalogues;
}

/** Switches to `language`, loading its catalogues first; remembers the choice and sets `<html lang>`. */
export async function chooseLanguage(language: Language, remember = true): Promise<void> {
  if (language !== 'en' && !translations[language]) installTranslations(language, await loaders[language]());
  currentLanguage.value = language;
  document.documentElement.lang = language;
  if (!remember) return;
  try {
    localStorage.setItem(languageStorageKey, language);
  } catch {
    // Storage refused (private mode): the choice lasts for this page.
  }
}

/** Starts in the saved language, else the browser's (see `preferredLanguage`). English if French cannot load. */
export async function startLanguage(): Promise<void> {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(languageStorageKey);
  } catch {
    // No storage: the browser's languages decide.
  }
  const language = preferredLanguage(saved, navigator.languages ?? [navigator.language]);
  await chooseLanguage(language, false).catch(() => chooseLanguage('en', false));
}
