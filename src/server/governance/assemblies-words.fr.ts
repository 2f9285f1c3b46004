import { translation } from '../../shared/icu.js';
import type { assembliesEnglish } from './assemblies-words.js';

export const assembliesFrench = translation<typeof assembliesEnglish>()({
  operator_only: 'Seuls les opérateurs de la coopérative peuvent convoquer une assemblée générale.',
  members_only: 'Les assemblées générales sont ouvertes aux membres de la coopérative et à ses opérateurs.',
  room_not_found: 'Aucune salle de ce nom ne peut accueillir l’assemblée.',
  assembly_not_found: 'Aucune assemblée générale de ce genre.',
  assembly_already_convened: 'Une assemblée est déjà convoquée dans cette salle : clôturez-la avant d’en convoquer une autre.',
  assembly_closed: 'Cette assemblée est close : son procès-verbal est scellé.',
  not_your_vote: 'Vous ne votez pas pour ce membre : vous ne pouvez pas donner sa procuration.',
  proxy_not_allowed:
    'Cette procuration n’est pas permise : le mandataire doit être un autre membre votant qui n’a pas donné sa propre procuration, un membre qui détient des procurations ne peut pas donner la sienne, et la règle de la coopérative doit permettre les procurations.',
  proxy_limit_reached:
    'Ce membre détient déjà {max, plural, one {# procuration} other {# procurations}} : le maximum permis par la règle de la coopérative.',
  no_assembly: 'Aucune assemblée générale n’est ouverte dans cette réunion.',
  not_the_chair: 'Seul le président de l’assemblée peut le faire.',
  motion_not_found: 'Aucune motion ouverte ne porte cet identifiant dans cette assemblée.',
  motion_still_open: 'Une motion est encore ouverte : clôturez-la d’abord.',
  vote_not_allowed:
    'Vous ne pouvez pas émettre ce vote : vous ne votez pas pour ce membre ici et maintenant, ou la réponse ne convient pas à la motion.',
  quorum_not_reached: 'Le quorum n’est pas atteint : {represented} des {required} membres nécessaires sont représentés.',
  step_failed: 'L’assemblée n’a pas pu le faire à l’instant : réessayez.',
  minutes_not_ready: 'Le procès-verbal est rédigé à la clôture de l’assemblée.',
  notice_subject: 'Assemblée générale convoquée : {title}',
  notice_text:
    'L’assemblée générale de la coopérative « {title} » est convoquée, présidée par {chair}. Elle se tient dans une réunion sur Plenary ; les membres y votent, en personne ou par procuration.\n\nLe quorum : {percent} % des membres votants, représentés en personne ou par procuration. Chaque membre peut détenir au plus {proxies} procurations.\n\nLa réunion : {meeting}\nSi vous ne pouvez pas venir, donnez votre procuration à un autre membre ici : {page}',
  guest: 'invité',
});
