/** Words of the meeting's presentation (its page on the stage and its panel). English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const presentationEnglish = {
  'presentation.region': 'Presentation: {name}',
  'presentation.pageOf': 'Page {page, number} of {pages, number}',
  'presentation.pageAlt': 'Page {page, number} of {pages, number} of {name}',
  'presentation.previous': 'Previous page',
  'presentation.next': 'Next page',
  'presentation.zoomIn': 'Zoom in',
  'presentation.zoomOut': 'Zoom out',
  'presentation.zoom': '{percent, number} %',
  'presentation.loading': 'Loading the presentation…',
  'presentation.loadFailed': 'The presentation could not be shown. Reload the page to try again.',
  'presentation.presenter': 'Presented by {name}',
  'presentation.youPresent': 'You are presenting: turn the pages with the buttons or the ← and → keys.',
  'presentation.none': 'No presentation is shown. A moderator can upload a PDF for everyone to see.',
  'presentation.upload': 'Upload a PDF',
  'presentation.officeDocument':
    '“{name}” is an office document: this server shows PDFs and converts nothing. Save it as PDF (in most office programs: File, then Export as PDF) and upload that.',
  'presentation.uploadHint':
    'A PDF of at most {megabytes, number} MB and {pages, number} pages. Everyone sees it at once; it replaces the presentation shown now.',
  'presentation.uploading': 'Uploading… {percent, number} %',
  'presentation.checking': 'The server is checking the PDF…',
  'presentation.uploaded': '{name} is shown to everyone.',
  'presentation.download': 'Download the PDF',
  'presentation.allowDownload': 'Let everyone download the PDF',
  'presentation.presenterLabel': 'Presenter',
  'presentation.makePresenter': 'Make presenter',
  'presentation.close': 'Stop the presentation',
  'presentation.you': '{name} (you)',
  'presentation.blankBoard': 'Show a blank whiteboard',
  'presentation.blankBoardHint': 'Everyone sees a blank board to draw on, in place of the presentation, until you close it.',
  'presentation.draw': 'Draw on the page',
} as const;

/** The catalogue: `presentationMessages.t(key, parameters)`. */
export const presentationMessages = defineCatalogue('presentation', presentationEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = presentationMessages.t;
