/** Words of the meeting's whiteboard (its tools, the blank board, the export). English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const whiteboardEnglish = {
  'whiteboard.tools': 'Whiteboard tools',
  'whiteboard.pen': 'Pen',
  'whiteboard.line': 'Line',
  'whiteboard.arrow': 'Arrow',
  'whiteboard.rect': 'Rectangle',
  'whiteboard.ellipse': 'Ellipse',
  'whiteboard.text': 'Text',
  'whiteboard.eraser': 'Eraser',
  'whiteboard.colour': 'Colour',
  'whiteboard.colourName': '{colour, select, dark {Black} red {Red} blue {Blue} green {Green} orange {Orange} other {White}}',
  'whiteboard.width': 'Width',
  'whiteboard.widthName': '{width, select, thin {Thin} medium {Medium} other {Thick}}',
  'whiteboard.undo': 'Undo (Ctrl+Z)',
  'whiteboard.redo': 'Redo (Ctrl+Shift+Z)',
  'whiteboard.clear': 'Clear this board',
  'whiteboard.everyoneMayDraw': 'Let everyone draw',
  'whiteboard.export': 'Download annotated PDF',
  'whiteboard.exportFailed': 'The annotated PDF could not be made.',
  'whiteboard.textPrompt': 'Text on the board',
  'whiteboard.board': 'Whiteboard',
  'whiteboard.pageDrawings': '{count, plural, =0 {No drawings} one {# drawing} other {# drawings}} on this page',
  'whiteboard.hideBoard': 'Close the whiteboard',
  'whiteboard.fileName': 'whiteboard',
} as const;

/** The catalogue: `whiteboardMessages.t(key, parameters)`. */
export const whiteboardMessages = defineCatalogue('whiteboard', whiteboardEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = whiteboardMessages.t;
