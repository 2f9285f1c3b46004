/** French messages of the `room` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { roomEnglish } from './messages.js';

export const roomFrench = translation<typeof roomEnglish>()({
  'room.loading': 'Ouverture de la réunion…',
  'room.notFoundTitle': 'Ce lien de réunion n’existe pas',
  'room.notFoundBody': 'Vérifiez le lien reçu, ou demandez-en un nouveau à la personne qui vous a invité.',
  'room.loadFailed': 'La réunion n’a pas pu être ouverte : {reason}',
  'room.backHome': 'Aller à l’accueil',
});
