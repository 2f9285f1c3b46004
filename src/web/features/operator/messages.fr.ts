/** French messages of the `operator` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { operatorEnglish } from './messages.js';

export const operatorFrench = translation<typeof operatorEnglish>()({
  'operator.title': 'Console des opérateurs',
  'operator.privacy':
    'Les opérateurs voient les comptes, la charge et les e-mails, jamais ce qui se dit : discussions, notes et médias ne sont pas conservés. Chaque consultation ici est inscrite au journal d’audit.',
  'operator.views': 'Vues',
  'operator.view.people': 'Comptes',
  'operator.view.organisations': 'Organisations',
  'operator.view.live': 'Réunions en cours',
  'operator.view.outbox': 'Boîte d’envoi',
  'operator.view.audit': 'Journal d’audit',
  'operator.column.name': 'Nom',
  'operator.column.email': 'E-mail',
  'operator.column.emailVerified': 'E-mail confirmé',
  'operator.column.deleted': 'Supprimé',
  'operator.column.createdAtMs': 'Créé',
  'operator.column.slug': 'Nom court',
  'operator.column.people': 'Personnes',
  'operator.column.rooms': 'Salles',
  'operator.column.roomName': 'Salle',
  'operator.column.roomId': 'Identifiant de salle',
  'operator.column.startedAtMs': 'Début',
  'operator.column.participantsNow': 'Personnes présentes',
  'operator.column.participantsPeak': 'Personnes au maximum',
  'operator.column.to': 'À',
  'operator.column.subject': 'Objet',
  'operator.column.sentAtMs': 'Envoyé',
  'operator.column.text': 'Texte',
  'operator.column.atMs': 'Quand',
  'operator.column.operatorId': 'Opérateur',
  'operator.column.action': 'Action',
  'operator.column.target': 'Quoi',
  'operator.yes': 'oui',
  'operator.no': 'non',
});
