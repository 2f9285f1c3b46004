import { translation } from '../../shared/icu.js';
import type { dueProcessEnglish } from './due-process-words.js';

export const dueProcessFrench = translation<typeof dueProcessEnglish>()({
  log_members_only: 'Le registre des suspensions est ouvert aux membres de la coopérative, et à ceux qu’il nomme.',
  sanction_not_found: 'Aucune suspension de ce genre ne vise une organisation dont vous êtes propriétaire ou administrateur.',
  appeal_not_allowed:
    'Cette décision ne peut pas faire l’objet d’un appel : ce n’est pas une suspension, ou un appel est déjà soumis aux membres.',
  appeal_title:
    '{scope, select, network {Appel : rétablir {subject} dans le réseau d’échange} meetings {Appel : permettre à {subject} de tenir à nouveau des réunions} other {Appel : rétablir {subject} comme membre de la coopérative}}',
  appeal_body:
    '{subject} a été suspendu {scope, select, network {du réseau d’échange} meetings {de la tenue de réunions} other {de sa qualité de membre de la coopérative}}. Motif donné : {reason}\n\n{appellant} fait appel en son nom :\n\n{statement}\n\nVotez oui pour lever la suspension, non pour la maintenir.',
  appeal_upheld: 'Les membres de la coopérative ont fait droit à l’appel.',
  meetings_refused:
    'L’organisation de cette salle est suspendue de la tenue de réunions : voir le registre des suspensions de la coopérative.',
  operator_only: 'Seuls les opérateurs de la coopérative peuvent suspendre, ou lever une suspension.',
  organisation_not_found: 'Aucune organisation ne porte ce nom court.',
  member_not_found: 'Aucun membre admis ne porte cet identifiant.',
  already_suspended: '{subject} est déjà suspendu ici.',
  not_suspended: 'Cette suspension n’est plus en vigueur.',
  suspended_subject:
    '{subject} est suspendu {scope, select, meetings {de la tenue de réunions} other {de sa qualité de membre de la coopérative}}',
  suspended_text:
    '{subject} est suspendu {scope, select, meetings {de la tenue de réunions sur Plenary : aucune réunion ne démarre dans ses salles} other {de sa qualité de membre de la coopérative : il n’a pas de voix}} jusqu’à la levée de la suspension.\n\nMotif donné : {reason}\n\nVous pouvez faire appel : les membres de la coopérative votent alors sur sa levée. Le registre des suspensions, et la façon de faire appel : {link}',
  lifted_subject:
    '{subject} n’est plus suspendu {scope, select, meetings {de la tenue de réunions} other {de sa qualité de membre de la coopérative}}',
  lifted_text: 'La suspension de {subject} est levée : {reason}\n\nLe registre des suspensions : {link}',
});
