/** French messages of the `organisation` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { organisationEnglish } from './messages.js';

export const organisationFrench = translation<typeof organisationEnglish>()({
  'organisation.people': 'Personnes',
  'organisation.role': 'Rôle',
  'organisation.roleOf': 'Rôle de {name}',
  'organisation.invite': 'Inviter quelqu’un',
  'organisation.sendInvitation': 'Envoyer l’invitation',
  'organisation.invitationSent': 'Invitation envoyée à {email}.',
  'organisation.name': 'Nom',
  'organisation.email': 'Adresse e-mail',
  'organisation.roomNotFound': 'Ce lien de réunion n’existe pas',
  'organisation.openingRoom': 'Ouverture de la réunion…',
});
