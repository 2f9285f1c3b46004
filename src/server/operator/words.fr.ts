import { translation } from '../../shared/icu.js';
import type { operatorEnglish } from './words.js';

export const operatorFrench = translation<typeof operatorEnglish>()({
  not_signed_in: 'Connectez-vous pour faire ceci.',
  operator_only: 'Seuls les opérateurs de la coopérative peuvent voir ceci.',
  media_server_not_found: 'Ce serveur média n’existe pas.',
  media_server_name_taken: 'Un serveur média s’appelle déjà « {name} » ; donnez un autre nom à celui-ci.',
  media_server_in_use:
    '« {name} » porte encore {rooms, plural, one {# réunion} other {# réunions}} : mettez-le en retrait, et retirez-le quand elles seront finies.',
  media_server_not_drained: 'Mettez « {name} » en retrait avant de le retirer, pour qu’aucune nouvelle réunion n’y aille entre-temps.',
  media_server_local:
    'Le serveur média propre à cette instance peut seulement être mis en retrait ou remis en service, ni modifié ni retiré.',
});
