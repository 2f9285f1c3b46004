/**
 * The worker thread behind `password-strength.ts`: zxcvbn-ts with its common and English
 * dictionaries, loaded once (about half a second) and kept. Plain JavaScript, so that it runs as
 * it is in every process that starts it (the server under tsx, tests under vitest).
 *
 * workerData: `{ charactersChecked, l33tSubstitutionsMax }`.
 * Messages in: `{ id, password, userInputs }`; out: `{ ready: true }` once, when the dictionaries
 * are loaded, then `{ id, score, warning, suggestions }` for each.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
  maxLength: workerData.charactersChecked,
  l33tMaxSubstitutions: workerData.l33tSubstitutionsMax,
});

parentPort?.on('message', (request) => {
  const result = zxcvbn.check(request.password, request.userInputs);
  parentPort?.postMessage({
    id: request.id,
    score: result.score,
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions,
  });
});

parentPort?.postMessage({ ready: true });
