/** Words of the operator console. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const operatorEnglish = {
  'operator.title': 'Operator console',
  'operator.privacy':
    'Operators see accounts, load and email, never what is said: chat, notes and media are not stored. Every view here is written to the audit log.',
  'operator.views': 'Views',
  'operator.view.people': 'Accounts',
  'operator.view.organisations': 'Organisations',
  'operator.view.live': 'Live meetings',
  'operator.view.outbox': 'Outbox',
  'operator.view.audit': 'Audit log',
  'operator.column.name': 'Name',
  'operator.column.email': 'Email',
  'operator.column.emailVerified': 'Email confirmed',
  'operator.column.deleted': 'Deleted',
  'operator.column.createdAtMs': 'Created',
  'operator.column.slug': 'Short name',
  'operator.column.people': 'People',
  'operator.column.rooms': 'Rooms',
  'operator.column.roomName': 'Room',
  'operator.column.roomId': 'Room id',
  'operator.column.startedAtMs': 'Started',
  'operator.column.participantsNow': 'People now',
  'operator.column.participantsPeak': 'Most people',
  'operator.column.to': 'To',
  'operator.column.subject': 'Subject',
  'operator.column.sentAtMs': 'Sent',
  'operator.column.text': 'Text',
  'operator.column.atMs': 'When',
  'operator.column.operatorId': 'Operator',
  'operator.column.action': 'Action',
  'operator.column.target': 'What',
  'operator.yes': 'yes',
  'operator.no': 'no',
} as const;

/** The catalogue: `operatorMessages.t(key, parameters)`. */
export const operatorMessages = defineCatalogue('operator', operatorEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = operatorMessages.t;
