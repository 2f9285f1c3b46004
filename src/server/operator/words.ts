/** The operator console's words: its refusals (French in `words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { operatorFrench } from './words.fr.js';

export const operatorEnglish = {
  not_signed_in: 'Log in to do this.',
  operator_only: 'Only the co-op’s operators can see this.',
} as const;

export const operatorWords = defineWords('operator', operatorEnglish, { fr: operatorFrench });
