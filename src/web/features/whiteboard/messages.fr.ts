/** French messages of the `whiteboard` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { whiteboardEnglish } from './messages.js';

export const whiteboardFrench = translation<typeof whiteboardEnglish>()({
  'whiteboard.tools': 'Outils du tableau blanc',
  'whiteboard.pen': 'Stylo',
  'whiteboard.line': 'Ligne',
  'whiteboard.arrow': 'Flèche',
  'whiteboard.rect': 'Rectangle',
  'whiteboard.ellipse': 'Ellipse',
  'whiteboard.text': 'Texte',
  'whiteboard.eraser': 'Gomme',
  'whiteboard.colour': 'Couleur',
  'whiteboard.colourName': '{colour, select, dark {Noir} red {Rouge} blue {Bleu} green {Vert} orange {Orange} other {Blanc}}',
  'whiteboard.width': 'Épaisseur',
  'whiteboard.widthName': '{width, select, thin {Fin} medium {Moyen} other {Épais}}',
  'whiteboard.undo': 'Annuler (Ctrl+Z)',
  'whiteboard.redo': 'Rétablir (Ctrl+Maj+Z)',
  'whiteboard.clear': 'Effacer ce tableau',
  'whiteboard.everyoneMayDraw': 'Permettre à tous de dessiner',
  'whiteboard.export': 'Télécharger le PDF annoté',
  'whiteboard.exportFailed': 'Le PDF annoté n’a pas pu être créé.',
  'whiteboard.textPrompt': 'Texte sur le tableau',
  'whiteboard.board': 'Tableau blanc',
  'whiteboard.pageDrawings': '{count, plural, =0 {Aucun dessin} one {# dessin} other {# dessins}} sur cette page',
  'whiteboard.hideBoard': 'Fermer le tableau blanc',
  'whiteboard.fileName': 'tableau-blanc',
});
