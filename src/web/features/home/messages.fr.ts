/** French messages of the `home` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { homeEnglish } from './messages.js';

export const homeFrench = translation<typeof homeEnglish>()({
  'home.title': 'Lancer une réunion',
  'home.lead': 'Des réunions vidéo privées dans votre navigateur, gérées par une coopérative. Pas besoin de compte pour participer.',
  'home.newMeeting': 'Nouvelle réunion',
  'home.creating': 'Création de votre réunion…',
  'home.createFailed': 'La réunion n’a pas pu être créée : {reason}',
  'home.joinLabel': 'Vous avez un lien ? Collez-le ici',
  'home.join': 'Rejoindre',
  'home.joinInvalid': 'Ce n’est pas un lien de réunion Plenary.',
});
