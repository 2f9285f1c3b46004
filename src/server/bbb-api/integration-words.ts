/** The words of an organisation's BigBlueButton integration routes (French in `integration-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { integrationFrench } from './integration-words.fr.js';

export const integrationEnglish = {
  organisation_not_found: 'There is no such organisation, or you are not one of its people.',
  managers_only: 'Only the owners and admins of {organisation} can see and replace its BigBlueButton secret.',
} as const;

export const integrationWords = defineWords('bbb-integration', integrationEnglish, { fr: integrationFrench });
