import { translation } from '../../shared/icu.js';
import type { integrationEnglish } from './integration-words.js';

export const integrationFrench = translation<typeof integrationEnglish>()({
  organisation_not_found: 'Cette organisation n’existe pas, ou vous n’en faites pas partie.',
  managers_only: 'Seuls les propriétaires et administrateurs de {organisation} peuvent voir et remplacer son secret BigBlueButton.',
});
