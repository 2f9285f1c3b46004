import { translation } from '../../shared/icu.js';
import type { organisationsEnglish } from './words.js';

export const organisationsFrench = translation<typeof organisationsEnglish>()({
  organisation_not_found: 'Vous n’appartenez à aucune organisation de ce nom.',
  room_not_found: 'Aucune salle que vous puissiez gérer n’a ce lien.',
  too_many_organisations: 'Une personne peut posséder au plus {max, number} organisations.',
  organisation_slug_taken: 'Ce nom court est déjà pris ; choisissez-en un autre.',
  only_managers_invite: 'Seuls les propriétaires et les administrateurs peuvent inviter des personnes.',
  only_managers_remove: 'Seuls les propriétaires et les administrateurs peuvent retirer des personnes.',
  only_managers_change_roles: 'Seuls les propriétaires et les administrateurs peuvent changer les rôles.',
  only_owners_remove_owners: 'Seul un propriétaire peut retirer un propriétaire.',
  only_owners_make_owners: 'Seul un propriétaire peut nommer ou destituer des propriétaires.',
  member_not_found: 'Cette personne n’est pas membre de l’organisation.',
  last_owner: 'Une organisation a besoin d’au moins un propriétaire.',
  needs_another_owner: 'Nommez d’abord quelqu’un d’autre propriétaire de {organisation}.',
  only_managers_create_rooms: 'Seuls les propriétaires et les administrateurs peuvent créer des salles.',
  room_slug_taken: 'Une salle porte déjà ce nom court ; choisissez-en un autre.',
  too_many_rooms: 'Au plus {max, number} salles par propriétaire.',
  invitation_invalid: 'Ce lien d’invitation n’est pas valide.',
  invitation_used: 'Cette invitation a déjà été utilisée.',
  invitation_expired: 'Cette invitation a expiré ; demandez-en une nouvelle.',
  invitation_for_another_email: 'Cette invitation a été envoyée à une autre adresse e-mail.',
  invitation_role_admin: 'administrateur',
  invitation_role_member: 'membre',
  invitation_subject: '{inviter} vous invite à rejoindre {organisation} sur Plenary',
  invitation_text:
    'Bonjour,\n\n{inviter} vous invite à rejoindre {organisation} sur Plenary comme {role}.\n\nAcceptez l’invitation (si vous n’avez pas de compte, inscrivez-vous d’abord avec cette adresse e-mail) :\n\n{link}\n\nLe lien est valable 14 jours.\n',
});
