/** Words of the moderators’ room settings page. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const roomSettingsEnglish = {
  'settings.title': 'Room settings',
  'settings.name': 'Room name',
  'settings.participantsMax': 'Most participants',
  'settings.muteOnJoin': 'Participants join with their microphone off',
  'settings.waitingRoom': 'Guests wait until a moderator lets them in',
  'settings.endToEndEncryption': 'End-to-end encrypt meetings',
  'settings.endToEndEncryptionHint':
    'Video and sound are encrypted in each browser; the server cannot see or hear them. Only browsers that can encrypt may join. Applies from the next meeting.',
  'settings.viewerLocks': 'Each meeting starts with these locked for viewers (moderators can change them during it)',
  'settings.lock.microphone': 'Microphones',
  'settings.lock.camera': 'Cameras',
  'settings.lock.chat': 'Public chat',
  'settings.lock.privateChat': 'Private messages between viewers',
  'settings.lock.screenShare': 'Screen sharing',
  'settings.disabledFeatures': 'Switched off for everyone, moderators included',
  'settings.feature.chat': 'Public chat',
  'settings.feature.privateChat': 'Private messages',
  'settings.feature.screenShare': 'Screen sharing',
  'settings.feature.raiseHand': 'Raising hands',
  'settings.feature.reactions': 'Reactions',
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
