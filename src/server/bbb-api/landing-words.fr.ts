import { translation } from '../../shared/icu.js';
import type { landingEnglish } from './landing-words.js';

export const landingFrench = translation<typeof landingEnglish>()({
  join_link_expired:
    'Ce lien pour rejoindre a expiré ou a déjà servi, ou sa réunion est terminée. Retournez là où vous l’avez trouvé (votre cours ou votre application) et rejoignez-la à nouveau.',
});
