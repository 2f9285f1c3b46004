import { translation } from '../../shared/icu.js';
import type { governanceEnglish } from './words.js';

export const governanceFrench = translation<typeof governanceEnglish>()({
  class_not_found: 'Cette catégorie de membres n’existe pas.',
  organisation_required: 'Les {class} sont des organisations : indiquez l’organisation qui adhère.',
  organisation_not_managed: 'Seul un propriétaire ou administrateur d’une organisation peut demander son adhésion.',
  already_member: 'Ce membre a déjà fait sa demande, ou il est déjà membre.',
  operators_only: 'Seuls les opérateurs de la coopérative peuvent faire cela.',
  application_not_found: 'Aucune demande d’adhésion en attente ne porte cet identifiant.',
  member_not_found: 'Vous ne représentez aucun membre de ce genre.',
  not_a_member: 'Ce membre a déjà démissionné, ou sa demande a été refusée.',
  voter_not_in_organisation: 'La personne qui vote pour {organisation} doit en faire partie, inscrite avec cette adresse.',
  shares_exceed_subscribed: 'Plus de parts seraient libérées que souscrites.',
  shares_exceed_paid: 'Plus de parts seraient remboursées que libérées.',
  members_only:
    'Ceci est ouvert aux membres de la coopérative : les personnes de ses organisations membres, ses membres à titre personnel et ses opérateurs.',
  proposal_not_found: 'Cette proposition n’existe pas.',
  proposal_invalid: 'Cette proposition ne peut pas être soumise au vote : {problem}',
  problem_options: 'un choix demande de 2 à 20 options, et les propositions par consentement ou oui/non aucune.',
  problem_times: 'elle doit se clore après son ouverture, et pas dans le passé.',
  problem_ranked_threshold: 'un vote par classement se décide à la majorité des bulletins restant en lice.',
  problem_choices_max: 'on ne peut pas choisir plus d’options qu’il n’y en a.',
  problem_class: 'cette catégorie de membres n’existe pas.',
  proposal_not_open: 'Le vote sur « {title} » n’est pas ouvert : il ouvre {opens} et se clôt {closes}.',
  not_your_vote: 'Vous ne votez pas pour ce membre.',
  not_in_electorate: '{member} ne fait pas partie du corps électoral de cette proposition.',
  ballot_invalid: 'Ce bulletin ne répond pas à la proposition : choisissez parmi ses réponses ou ses options.',
  admission_title: 'Admettre {name} parmi les {class}',
  admission_body: '{name} demande à rejoindre les {class}. Les membres en décident par un vote, comme le prévoient les statuts.',
  admitted_by_vote: 'Les membres de cette catégorie sont admis par le vote des membres : la proposition liée à la demande en décide.',
  correction_needs_outcome: 'Une correction ne peut suivre que le résultat scellé à la clôture.',
  already_voted:
    'Ce membre a déjà voté, à bulletin secret. Pour changer son bulletin, renvoyez-le depuis le navigateur où il a été déposé : il en garde le jeton.',
  ballot_token_wrong: 'Ce n’est pas le jeton du bulletin secret de ce membre : le bulletin ne peut pas être changé.',
  not_the_organiser: 'Seul l’organisateur de « {title} », ou un opérateur, peut clore son vote avant l’heure.',
  early_close_upcoming:
    'Le vote sur « {title} » n’est pas encore ouvert : il ouvre {opens}, et ne se clôt avant l’heure qu’une fois que chaque membre a voté.',
  early_close_closed: 'Le vote sur « {title} » est déjà clos : son résultat est scellé.',
  early_close_not_everyone:
    '{voted, plural, one {# membre sur {electorate, number} a voté} other {# membres sur {electorate, number} ont voté}} : une proposition ne se clôt avant l’heure qu’une fois que chaque membre a voté.',
});
