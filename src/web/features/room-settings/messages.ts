/** Words of the moderators’ room settings page. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const roomSettingsEnglish = {
  'settings.title': 'Room settings',
  'settings.name': 'Room name',
  'settings.participantsMax': 'Most participants',
  'settings.muteOnJoin': 'Participants join with their microphone off',
  'settings.waitingRoom': 'Guests wait until a moderator lets them in',
  'settings.viewerCode': 'Access code for viewers (leave empty for none)',
  'settings.moderatorCode': 'Moderator code',
  'settings.moderatorCodeHint': 'Anyone with this code joins as moderator. Keep it among the organisers.',
  'settings.newModeratorCode': 'Make a new moderator code',
  'settings.save': 'Save settings',
  'settings.saved': 'Settings saved.',
  'settings.saving': 'Saving…',
  'settings.needCode': 'Enter the room’s moderator code to change its settings.',
  'settings.open': 'Open settings',
  'settings.backToRoom': 'Back to the meeting room',
} as const;

/** The catalogue: `roomSettingsMessages.t(key, parameters)`. */
export const roomSettingsMessages = defineCatalogue('roomSettings', roomSettingsEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = roomSettingsMessages.t;
