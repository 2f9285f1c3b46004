/** French messages of the `notes` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { notesEnglish } from './messages.js';

export const notesFrench = translation<typeof notesEnglish>()({
  'notes.editor': 'Notes partagées',
  'notes.formatting': 'Mise en forme',
  'notes.bold': 'Gras',
  'notes.italic': 'Italique',
  'notes.heading': 'Titre',
  'notes.bulletList': 'Liste à puces',
  'notes.numberedList': 'Liste numérotée',
  'notes.undo': 'Annuler',
  'notes.redo': 'Rétablir',
  'notes.lock': 'Verrouiller les notes',
  'notes.unlock': 'Déverrouiller les notes',
  'notes.lockedForYou': 'Un modérateur a verrouillé les notes : vous pouvez les lire, pas les modifier.',
  'notes.lockedForOthers': 'Verrouillées : seuls les modérateurs peuvent modifier les notes.',
  'notes.keep': 'Garder ces notes avec la salle pour ses prochaines réunions',
  'notes.kept': 'Ces notes sont gardées avec la salle : elles seront là à sa prochaine réunion.',
  'notes.breakoutNotKept':
    'Ces notes finissent avec la salle de groupe : téléchargez-les, ou copiez l’essentiel dans les notes de la salle principale.',
  'notes.notKept': 'Ces notes disparaissent avec la réunion, sauf si un modérateur les garde ; téléchargez-les pour en garder une copie.',
  'notes.downloadMarkdown': 'Télécharger en Markdown',
  'notes.downloadHtml': 'Télécharger en HTML',
  'notes.print': 'Imprimer ou enregistrer en PDF',
  'notes.printShort': 'PDF',
  'notes.download': 'Télécharger',
  'notes.title': 'Notes de {room}',
  'notes.editing': '{count, plural, one {# autre personne a les notes ouvertes} other {# autres personnes ont les notes ouvertes}}',
  'notes.syncing': 'Chargement des notes…',
  'notes.someone': 'Quelqu’un',
});
