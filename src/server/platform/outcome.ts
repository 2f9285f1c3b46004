/**
 * Expected failures as values: a stable, sentence-like code and words for people. Services return
 * them without an HTTP status; each domain maps its codes to statuses at its HTTP edge, and renders
 * the words in the reader's language there (`platform/words.ts`).
 */
import type { Language } from '../../shared/languages.js';
import type { Phrase } from './words.js';

/**
 * A refused operation; `Code` is the domain's union of codes (any string by default). `message`
 * is the sentence in English (logs, machines, tests); `phrase` renders it in any language.
 */
export type Failure<Code extends string = string> = { ok: false; code: Code; message: string; phrase?: Phrase };

/** A value, or a named failure. */
export type Result<T, Code extends string = string> = { ok: true; value: T } | Failure<Code>;

/** A successful result. */
export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed result with a sentence-like code such as `token_expired`, and its words from a domain's catalogue. */
export function failure<const Code extends string>(code: Code, words: Phrase | string): Failure<Code> {
  if (typeof words === 'string') return { ok: false, code, message: words };
  return { ok: false, code, message: words.in('en'), phrase: words };
}

/** The words of `result` in `language`. */
export function failureText(result: Failure, language: Language): string {
  return result.phrase ? result.phrase.in(language) : result.message;
}
