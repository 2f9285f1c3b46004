/** Words of the meeting's breakout rooms panel. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const breakoutsEnglish = {
  'breakouts.intro': 'Split the meeting into smaller rooms for a while; everyone comes back by themselves when the time is up.',
  'breakouts.setUp': 'Set up breakout rooms',
  'breakouts.count': 'Rooms',
  'breakouts.minutes': 'Minutes',
  'breakouts.allowChoosing': 'Let people choose their room',
  'breakouts.names': 'Room names',
  'breakouts.nameLabel': 'Name of room {number, number}',
  'breakouts.defaultName': 'Room {number, number}',
  'breakouts.who': 'Who goes where',
  'breakouts.mainRoom': 'Main room',
  'breakouts.roomOf': 'Room of {name}',
  'breakouts.shuffle': 'Shuffle everyone into rooms',
  'breakouts.clear': 'Everyone in the main room',
  'breakouts.start': 'Open the rooms',
  'breakouts.nameMissing': 'Give this room a name.',
  'breakouts.nameTooLong': 'Use a shorter name.',
  'breakouts.minutesInvalid': 'Give a whole number of minutes, from 1 to {max, number}.',
  'breakouts.running': 'Breakout rooms',
  'breakouts.roomHeading': '{name} ({count, plural, one {# person} other {# people}})',
  'breakouts.here': '{name}, in the room',
  'breakouts.away': '{name}, not in the room yet',
  'breakouts.nobody': 'Nobody yet.',
  'breakouts.join': 'Go to {name}',
  'breakouts.visit': 'Visit {name}',
  'breakouts.youAreHere': 'You are here',
  'breakouts.choose': 'Choose a room to go to.',
  'breakouts.yourRoom': 'Your room is {name}.',
  'breakouts.notAssigned': 'You stay in the main room.',
  'breakouts.move': 'Move people',
  'breakouts.moveButton': 'Move',
  'breakouts.moveOne': 'Move {name}',
  'breakouts.broadcast': 'Message to every room',
  'breakouts.send': 'Send to every room',
  'breakouts.end': 'Close all rooms now',
} as const;

/** The catalogue: `breakoutsMessages.t(key, parameters)`. */
export const breakoutsMessages = defineCatalogue('breakouts', breakoutsEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = breakoutsMessages.t;
