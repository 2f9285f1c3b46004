/** Words of the home page. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const homeEnglish = {
  'home.title': 'Start a meeting',
  'home.lead': 'Private video meetings in your browser, run by a co-operative. No account needed to join.',
  'home.newMeeting': 'New meeting',
  'home.creating': 'Creating your meeting…',
  'home.createFailed': 'The meeting could not be created: {reason}',
  'home.joinLabel': 'Have a link? Paste it here',
  'home.join': 'Join',
  'home.joinInvalid': 'That does not look like a Plenary meeting link.',
} as const;

/** The catalogue: `homeMessages.t(key, parameters)`. */
export const homeMessages = defineCatalogue('home', homeEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = homeMessages.t;
