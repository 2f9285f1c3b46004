/** Words of a room’s page (lookup, not found). English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const roomEnglish = {
  'room.loading': 'Opening the meeting…',
  'room.notFoundTitle': 'This meeting link does not exist',
  'room.notFoundBody': 'Check the link you were given, or ask the person who invited you for a new one.',
  'room.loadFailed': 'The meeting could not be opened: {reason}',
  'room.backHome': 'Go to the home page',
} as const;

/** The catalogue: `roomMessages.t(key, parameters)`. */
export const roomMessages = defineCatalogue('room', roomEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = roomMessages.t;
