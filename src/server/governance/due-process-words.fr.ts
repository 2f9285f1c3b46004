import { translation } from '../../shared/icu.js';
import type { dueProcessEnglish } from './due-process-words.js';

export const dueProcessFrench = translation<typeof dueProcessEnglish>()({
  log_members_only: 'Le registre des suspensions est ouvert aux membres de la coopérative, et à ceux qu’il nomme.',
  sanction_not_found: 'Aucune suspension de ce genre ne vise une organisation dont vous êtes propriétaire ou administrateur.',
  appeal_not_allowed:
    'Cette décision ne peut pas faire l’objet d’un appel : ce n’est pas une suspension, ou un appel est déjà soumis aux membres.',
  appeal_title: 'Appel : rétablir {subject} dans le réseau d’échange',
  appeal_body:
    '{subject} a été suspendu du réseau d’échange. Motif donné : {reason}\n\n{appellant} fait appel en son nom :\n\n{statement}\n\nVotez oui pour rétablir {subject}, non pour maintenir la suspension.',
  appeal_upheld: 'Les membres de la coopérative ont fait droit à l’appel.',
});
