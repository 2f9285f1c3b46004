import { z } from 'zod';

// Control characters (C0, DEL, C1), bidi overrides and zero-width joiners are never
// accepted in names: they hide or reorder text that other participants read.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const forbiddenCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

// A UTF-16 surrogate without its partner: not a character at all. Stored through a UTF-8 driver it
// silently becomes U+FFFD, so what was checked (or hashed) would differ from what was kept.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `value` is well-formed UTF-16: every surrogate has its partner. */
export function isWellFormedText(value: string): boolean {
  return !loneSurrogate.test(value);
}

/** A zod refinement message for strings that are not well-formed. */
export const illFormedTextMessage = 'must be valid text (it contains half of a character)';

// The same, but line breaks are allowed (in descriptions that span lines).
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const forbiddenCharactersInLines = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * Human-written text that may be empty (a location, a reference, a description): trimmed, NFC,
 * at most `charactersMax`, printable; with `multiline`, line breaks are kept (CRLF becomes LF).
 */
export function optionalTextSchema(charactersMax: number, options: { multiline?: boolean } = {}) {
  const forbidden = options.multiline ? forbiddenCharactersInLines : forbiddenCharacters;
  return z
    .string()
    .transform((value) => value.normalize('NFC').replaceAll('\r\n', '\n').trim())
    .pipe(
      z
        .string()
        .max(charactersMax, `must be at most ${charactersMax} characters`)
        .refine(isWellFormedText, illFormedTextMessage)
        .refine(
          (value) => !forbidden.test(value),
          options.multiline ? 'must not contain control characters other than line breaks' : 'must not contain control characters',
        ),
    );
}

/** A short human-written label (display name, room name): trimmed, non-empty, printable. */
export function labelSchema(charactersMax: number) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(charactersMax, `must be at most ${charactersMax} characters`)
        .refine(isWellFormedText, illFormedTextMessage)
        .refine((value) => !forbiddenCharacters.test(value), 'must not contain control characters'),
    );
}
