/** Words of the meeting's shared notes. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const notesEnglish = {
  'notes.editor': 'Shared notes',
  'notes.formatting': 'Formatting',
  'notes.bold': 'Bold',
  'notes.italic': 'Italic',
  'notes.heading': 'Heading',
  'notes.bulletList': 'Bulleted list',
  'notes.numberedList': 'Numbered list',
  'notes.undo': 'Undo',
  'notes.redo': 'Redo',
  'notes.lock': 'Lock the notes',
  'notes.unlock': 'Unlock the notes',
  'notes.lockedForYou': 'A moderator has locked the notes: you can read them, not change them.',
  'notes.lockedForOthers': 'Locked: only moderators can change the notes.',
  'notes.keep': 'Keep these notes with the room for its next meetings',
  'notes.kept': 'These notes are kept with the room: they will be here at its next meeting.',
  'notes.breakoutNotKept': 'These notes end with the breakout room: download them, or copy what matters into the main room’s notes.',
  'notes.notKept': 'These notes end with the meeting unless a moderator keeps them; download them to keep a copy.',
  'notes.downloadMarkdown': 'Download as Markdown',
  'notes.downloadHtml': 'Download as HTML',
  'notes.print': 'Print or save as PDF',
  'notes.printShort': 'PDF',
  'notes.download': 'Download',
  'notes.title': 'Notes of {room}',
  'notes.editing': '{count, plural, one {# other person has the notes open} other {# other people have the notes open}}',
  'notes.syncing': 'Loading the notes…',
  'notes.someone': 'Someone',
} as const;

/** The catalogue: `notesMessages.t(key, parameters)`. */
export const notesMessages = defineCatalogue('notes', notesEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = notesMessages.t;
