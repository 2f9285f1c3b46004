/** Words of the pre-join screen. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const prejoinEnglish = {
  'prejoin.title': 'Ready to join?',
  'prejoin.displayName': 'Your name',
  'prejoin.displayNameHint': 'Shown to the other participants.',
  'prejoin.displayNameFromLink': 'Your name comes from the link you followed, and is shown to the other participants.',
  'prejoin.camera': 'Camera',
  'prejoin.microphone': 'Microphone',
  'prejoin.microphoneLevel': 'Microphone level',
  'prejoin.speaker': 'Speaker',
  'prejoin.joinMuted': 'Join with microphone off',
  'prejoin.joinCameraOff': 'Join with camera off',
  'prejoin.join': 'Join meeting',
  'prejoin.openingDevices': 'Opening camera and microphone…',
  'prejoin.previewAlt': 'Your camera preview',
  'prejoin.noDevices': 'No camera or microphone could be opened ({reason}). You can still join to listen and watch.',
  'prejoin.nameRequired': 'Please enter your name.',
  'prejoin.copyLink': 'Copy meeting link',
  'prejoin.linkCopied': 'Link copied',
  'prejoin.accessCode': 'Access code',
  'prejoin.accessCodeRequired': 'This room needs an access code.',
  'prejoin.moderatorCode': 'Moderator code (optional)',
} as const;

/** The catalogue: `prejoinMessages.t(key, parameters)`. */
export const prejoinMessages = defineCatalogue('prejoin', prejoinEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = prejoinMessages.t;
