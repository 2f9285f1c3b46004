/** The words of a join link's landing (French in `landing-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { landingFrench } from './landing-words.fr.js';

export const landingEnglish = {
  join_link_expired:
    'This join link has expired or was used already, or its meeting has ended. Go back to where you found it (your course or your app) and join again.',
} as const;

export const landingWords = defineWords('bbb-landing', landingEnglish, { fr: landingFrench });
