import { translation } from '../../shared/icu.js';
import type { operatorEnglish } from './words.js';

export const operatorFrench = translation<typeof operatorEnglish>()({
  not_signed_in: 'Connectez-vous pour faire ceci.',
  operator_only: 'Seuls les opérateurs de la coopérative peuvent voir ceci.',
});
