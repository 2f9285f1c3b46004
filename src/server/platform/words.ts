/**
 * The server's words: its error sentences and its emails, in ICU messages, one catalogue per
 * domain (`<domain>/words.ts`, English, with its translations beside it in `words.fr.ts`), exactly
 * as the browser's catalogues are (`src/web/app/intl`). Keys and parameters are typed from the
 * English text, so a missing key or parameter does not compile, and a translation must have every
 * key with the same parameters.
 *
 * A sentence is rendered in the language of whoever reads it: an HTTP answer in the request's
 * language (`http/language.ts`), a WebSocket answer in the participant's, an email in the
 * recipient's saved language (see `email/mailer.ts`). Services do not know who reads, so they
 * return a `Phrase`, rendered at the edge.
 */
import { formatMessage } from '../../shared/icu.js';
import type { ParametersArgument } from '../../shared/icu-types.js';
import type { Language } from '../../shared/languages.js';

type Messages = Record<string, string>;

/** The locale each language writes dates and numbers in on the server (the co-op is European). */
export const serverLocale: Readonly<Record<Language, string>> = { en: 'en-GB', fr: 'fr-FR' };

/** Words to be rendered later, in the language of whoever reads them. */
export interface Phrase {
  /** `<catalogue>.<key>`, for logs and tests. */
  readonly id: string;
  /** The words in `language`. */
  in(language: Language): string;
}

/** A domain's catalogue of words. */
export interface Words<English extends Messages> {
  readonly name: string;
  readonly english: English;
  /** The message `key` in `language`, its `{arguments}` filled from `parameters`. */
  in<Key extends keyof English & string>(language: Language, key: Key, ...parameters: ParametersArgument<English[Key]>): string;
  /** The message `key` with its `parameters`, to be rendered in the reader's language. */
  phrase<Key extends keyof English & string>(key: Key, ...parameters: ParametersArgument<English[Key]>): Phrase;
}

/**
 * Declares a domain's catalogue from its English messages (`as const`, so parameters are typed)
 * and its translations (each made with `translation<typeof english>()`, so each is complete).
 */
export function defineWords<const English extends Messages>(
  name: string,
  english: English,
  translations: Readonly<Record<Exclude<Language, 'en'>, { readonly [K in keyof English]: string }>>,
): Words<English> {
  const render = (language: Language, key: keyof English & string, parameters: Record<string, unknown> | undefined): string => {
    const message = language === 'en' ? english[key] : translations[language][key];
    return formatMessage(serverLocale[language], `${name}.${key}`, message ?? english[key] ?? key, parameters);
  };
  return {
    name,
    english,
    in: (language, key, ...parameters) => render(language, key, parameters[0]),
    phrase: (key, ...parameters) => ({ id: `${name}.${key}`, in: (language) => render(language, key, parameters[0]) }),
  };
}
