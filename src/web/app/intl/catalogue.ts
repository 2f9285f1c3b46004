/**
 * Catalogues of ICU messages, one per feature (`features/<name>/messages.ts`), English in the
 * feature's module and French in `messages.fr.ts`, loaded only when French is chosen (one lazy
 * chunk, `french.ts`). Keys and parameters are typed from the English text, so a missing key or a
 * wrong parameter does not compile; a French catalogue must have every key with the same parameters.
 */
import { formatMessage } from '../../../shared/icu.js';
import type { ParametersArgument } from '../../../shared/icu-types.js';
import type { french } from './french.js';
import { currentLanguage, isLanguage, type Language, languageStorageKey, preferredLanguage } from './language.js';

/** The name of a catalogue: one key of the French registry (`french.ts`), so none can be left out there. */
export type CatalogueName = keyof typeof french;

type Messages = Record<string, string>;

/** The loaded translations, by language and catalogue. English is each catalogue's own text. */
const translations: Partial<Record<Exclude<Language, 'en'>, Record<CatalogueName, Messages>>> = {};

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Record<CatalogueName, Messages>>> = {
  fr: () => import('./french.js').then((module) => module.french),
};

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

export { translation } from '../../../shared/icu.js';

/**
 * Readies the formatting of messages with numbers and plurals in the current language: the first
 * such message a page formats sets up ICU's locale data (about 7 ms of the main thread in a CPU
 * profile). The pre-join screen calls it while it waits, so that the meeting's first render, right
 * after joining, does not pay it.
 */
export function warmUpMessages(): void {
  formatMessage(currentLanguage.value, 'warm-up', '{count, plural, one {# a} other {# b}} {count, number}', { count: 1 });
}

/** Makes `catalogues` the translations of `language` (what loading does; tests call it directly). */
export function installTranslations(language: Exclude<Language, 'en'>, catalogues: Record<CatalogueName, Messages>): void {
  translations[language] = catalogues;
}

const choiceListeners = new Set<(language: Language) => void>();

/** Calls `listener` whenever a person chooses a language (not when one is applied for them). */
export function onLanguageChosen(listener: (language: Language) => void): void {
  choiceListeners.add(listener);
}

/**
 * Switches to `language`, loading its catalogues first, and sets `<html lang>`. A person's own
 * choice (`remember`) is kept in this browser and told to `onLanguageChosen` listeners (the
 * session saves it on the server, so emails follow it).
 */
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
  for (const listener of choiceListeners) listener(language);
}

/** The language saved in this browser, if any. */
export function savedLanguage(): Language | undefined {
  try {
    const saved = localStorage.getItem(languageStorageKey);
    return isLanguage(saved) ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** Starts in the saved language, else the browser's (see `preferredLanguage`). English if French cannot load. */
export async function startLanguage(): Promise<void> {
  const language = preferredLanguage(savedLanguage() ?? null, navigator.languages ?? [navigator.language]);
  await chooseLanguage(language, false).catch(() => chooseLanguage('en', false));
}
