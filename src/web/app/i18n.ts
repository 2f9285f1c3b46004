/**
 * The one translation layer: every word the browser shows comes through `t()`.
 * English is the source catalog; other languages add a catalog with the same keys.
 */
const english = {
  'app.name': 'Plenary',
  'app.tagline': 'Meetings owned by the people who hold them.',
  'home.title': 'Start a meeting',
  'home.lead': 'Private video meetings in your browser, run by a co-operative. No account needed to join.',
  'home.newMeeting': 'New meeting',
  'home.creating': 'Creating your meeting…',
  'home.createFailed': 'The meeting could not be created: {reason}',
  'home.joinLabel': 'Have a link? Paste it here',
  'home.join': 'Join',
  'home.joinInvalid': 'That does not look like a Plenary meeting link.',
  'room.loading': 'Opening the meeting…',
  'room.notFoundTitle': 'This meeting link does not exist',
  'room.notFoundBody': 'Check the link you were given, or ask the person who invited you for a new one.',
  'room.loadFailed': 'The meeting could not be opened: {reason}',
  'room.backHome': 'Go to the home page',
  'prejoin.title': 'Ready to join?',
  'prejoin.displayName': 'Your name',
  'prejoin.displayNameHint': 'Shown to the other participants.',
  'prejoin.camera': 'Camera',
  'prejoin.microphone': 'Microphone',
  'prejoin.joinMuted': 'Join with microphone off',
  'prejoin.joinCameraOff': 'Join with camera off',
  'prejoin.join': 'Join meeting',
  'prejoin.openingDevices': 'Opening camera and microphone…',
  'prejoin.previewAlt': 'Your camera preview',
  'prejoin.noDevices': 'No camera or microphone could be opened ({reason}). You can still join to listen and watch.',
  'prejoin.nameRequired': 'Please enter your name.',
  'prejoin.copyLink': 'Copy meeting link',
  'prejoin.linkCopied': 'Link copied',
  'meeting.participants': '{count} in the meeting',
  'meeting.you': '{name} (you)',
  'meeting.mute': 'Mute microphone',
  'meeting.unmute': 'Unmute microphone',
  'meeting.cameraOff': 'Turn camera off',
  'meeting.cameraOn': 'Turn camera on',
  'meeting.leave': 'Leave',
  'meeting.muted': 'Microphone off',
  'meeting.connecting': 'Connecting…',
  'meeting.reconnecting': 'Reconnecting to the media server…',
  'meeting.connectionLost': 'Connection lost. Trying again…',
  'meeting.serverShutdown': 'The server is restarting. You will be reconnected.',
  'meeting.leftTitle': 'You left the meeting',
  'meeting.rejoin': 'Rejoin',
  'meeting.alone': 'You are the only one here. Share the link to invite others.',
  'meeting.controls': 'Meeting controls',
  'meeting.tiles': 'Participants’ video',
  'error.room_not_found': 'There is no room with this link.',
  'error.room_is_full': 'This meeting is full.',
  'error.media_server_unavailable': 'The media server is unavailable.',
  'error.rate_limited': 'Too many requests; please wait a moment.',
  'error.generic': 'Something went wrong ({code}).',
} as const;

export type MessageKey = keyof typeof english;
type Catalog = Record<MessageKey, string>;

const catalogs: Record<string, Catalog> = { en: english };
let current: Catalog = english;

/** Chooses the catalog for `language` (e.g. `navigator.language`); falls back to English. */
export function setLanguage(language: string): void {
  current = catalogs[language.split('-')[0] ?? 'en'] ?? english;
}

/** The text for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return current[key].replace(/\{(\w+)\}/g, (_match, name: string) => String(params[name] ?? `{${name}}`));
}

/** Words for a server error code. */
export function errorText(code: string): string {
  const key = `error.${code}` as MessageKey;
  return key in current ? t(key) : t('error.generic', { code });
}
