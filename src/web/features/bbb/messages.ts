/** Words of the page a BigBlueButton join link lands on. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

export const bbbEnglish = {
  'bbb.title': 'Joining the meeting',
  'bbb.opening': 'Opening your meeting…',
  'bbb.noTicket':
    'This address has no join link in it. Go back to where you found the meeting (your course or your app) and follow its link again.',
  'bbb.failed': 'The meeting could not be opened just now. Go back and follow its link again.',
} as const;

export const bbbMessages = defineCatalogue('bbb', bbbEnglish);
export const t = bbbMessages.t;
