/** Words of an organisation’s page and of readable room links. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const organisationEnglish = {
  'organisation.people': 'People',
  'organisation.role': 'Role',
  'organisation.roleOf': 'Role of {name}',
  'organisation.invite': 'Invite someone',
  'organisation.sendInvitation': 'Send invitation',
  'organisation.invitationSent': 'Invitation sent to {email}.',
  'organisation.name': 'Your name',
  'organisation.email': 'Email address',
  'organisation.roomNotFound': 'This meeting link does not exist',
  'organisation.openingRoom': 'Opening the meeting…',
} as const;

/** The catalogue: `organisationMessages.t(key, parameters)`. */
export const organisationMessages = defineCatalogue('organisation', organisationEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = organisationMessages.t;
