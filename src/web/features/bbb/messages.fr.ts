/** French messages of the `bbb` catalogue. */
import { translation } from '../../app/intl/catalogue.js';
import type { bbbEnglish } from './messages.js';

export const bbbFrench = translation<typeof bbbEnglish>()({
  'bbb.title': 'Rejoindre la réunion',
  'bbb.opening': 'Ouverture de votre réunion…',
  'bbb.noTicket':
    'Cette adresse ne contient pas de lien pour rejoindre. Retournez là où vous avez trouvé la réunion (votre cours ou votre application) et suivez à nouveau son lien.',
  'bbb.failed': 'La réunion n’a pas pu être ouverte à l’instant. Revenez en arrière et suivez à nouveau son lien.',
});
