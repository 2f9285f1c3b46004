/**
 * The worker thread behind `password-strength.ts`: zxcvbn-ts with its common and English
 * dictionaries, loaded once (about half a second) and kept. Plain JavaScript, so that it runs as
 * it is in every process that starts it (the server under tsx, tests under vitest).
 *
 * workerData: `{ charactersChecked, l33tSubstitutionsMax }`.
 * Messages in: `{ id, password, userInputs }`; out: `{ ready: true }` once, when the dictionaries
 * are loaded, then `{ id, score, warning, suggestions }` for each, every sentence as
 * `{ en, fr }` (zxcvbn-ts's own English and French words for its feedback).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
// Only the French words, not the French dictionaries: passwords are checked against English ones.
import frenchTranslations from '@zxcvbn-ts/language-fr/dist/translations.mjs';

/** zxcvbn's translations with each sentence replaced by its own key, so feedback comes back as keys. */
const keysOnly = (sentences) => Object.fromEntries(Object.keys(sentences).map((key) => [key, key]));
const feedbackKeys = {
  ...english.translations,
  warnings: keysOnly(english.translations.warnings),
  suggestions: keysOnly(english.translations.suggestions),
};
/** A feedback key's sentence in every language Plenary speaks (English when French lacks one). */
const sentence = (kind, key) => ({
  en: english.translations[kind][key] ?? '',
  fr: frenchTranslations[kind][key] ?? english.translations[kind][key] ?? '',
});

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: feedbackKeys,
  maxLength: workerData.charactersChecked,
  l33tMaxSubstitutions: workerData.l33tSubstitutionsMax,
});

parentPort?.on('message', (request) => {
  const result = zxcvbn.check(request.password, request.userInputs);
  parentPort?.postMessage({
    id: request.id,
    score: result.score,
    warning: result.feedback.warning ? sentence('warnings', result.feedback.warning) : { en: '', fr: '' },
    suggestions: result.feedback.suggestions.map((key) => sentence('suggestions', key)),
  });
});

parentPort?.postMessage({ ready: true });
