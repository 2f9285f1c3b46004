/** French messages of the `presentation` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { presentationEnglish } from './messages.js';

export const presentationFrench = translation<typeof presentationEnglish>()({
  'presentation.region': 'Présentation : {name}',
  'presentation.pageOf': 'Page {page, number} sur {pages, number}',
  'presentation.pageAlt': 'Page {page, number} sur {pages, number} de {name}',
  'presentation.previous': 'Page précédente',
  'presentation.next': 'Page suivante',
  'presentation.zoomIn': 'Agrandir',
  'presentation.zoomOut': 'Réduire',
  'presentation.zoom': '{percent, number} %',
  'presentation.loading': 'Chargement de la présentation…',
  'presentation.loadFailed': 'La présentation n’a pas pu être affichée. Rechargez la page pour réessayer.',
  'presentation.presenter': 'Présentée par {name}',
  'presentation.youPresent': 'Vous présentez : tournez les pages avec les boutons ou les touches ← et →.',
  'presentation.none': 'Aucune présentation n’est affichée. Un modérateur peut téléverser un PDF que tout le monde verra.',
  'presentation.upload': 'Téléverser un PDF',
  'presentation.officeDocument':
    '« {name} » est un document bureautique : ce serveur montre des PDF et ne convertit rien. Enregistrez-le en PDF (dans la plupart des logiciels : Fichier, puis Exporter en PDF) et envoyez celui-ci.',
  'presentation.uploadHint':
    'Un PDF de {megabytes, number} Mo et {pages, number} pages au plus. Tout le monde le voit aussitôt ; il remplace la présentation affichée.',
  'presentation.uploading': 'Téléversement… {percent, number} %',
  'presentation.checking': 'Le serveur vérifie le PDF…',
  'presentation.uploaded': '{name} est montré à tout le monde.',
  'presentation.download': 'Télécharger le PDF',
  'presentation.allowDownload': 'Permettre à tous de télécharger le PDF',
  'presentation.presenterLabel': 'Présentateur',
  'presentation.makePresenter': 'Désigner comme présentateur',
  'presentation.close': 'Arrêter la présentation',
  'presentation.you': '{name} (vous)',
  'presentation.blankBoard': 'Montrer un tableau blanc vierge',
  'presentation.blankBoardHint':
    'Tout le monde voit un tableau vierge où dessiner, à la place de la présentation, jusqu’à ce que vous le fermiez.',
  'presentation.draw': 'Dessiner sur la page',
});
