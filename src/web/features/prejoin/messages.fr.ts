/** French messages of the `prejoin` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { prejoinEnglish } from './messages.js';

export const prejoinFrench = translation<typeof prejoinEnglish>()({
  'prejoin.title': 'Prêt à rejoindre ?',
  'prejoin.displayName': 'Votre nom',
  'prejoin.displayNameHint': 'Visible par les autres participants.',
  'prejoin.displayNameFromLink': 'Votre nom vient du lien que vous avez suivi ; il est montré aux autres participants.',
  'prejoin.camera': 'Caméra',
  'prejoin.microphone': 'Micro',
  'prejoin.microphoneLevel': 'Niveau du micro',
  'prejoin.speaker': 'Haut-parleur',
  'prejoin.joinMuted': 'Rejoindre avec le micro coupé',
  'prejoin.joinCameraOff': 'Rejoindre avec la caméra coupée',
  'prejoin.join': 'Rejoindre la réunion',
  'prejoin.openingDevices': 'Ouverture de la caméra et du micro…',
  'prejoin.previewAlt': 'Aperçu de votre caméra',
  'prejoin.noDevices': 'Impossible d’ouvrir une caméra ou un micro ({reason}). Vous pouvez quand même rejoindre pour écouter et regarder.',
  'prejoin.nameRequired': 'Veuillez saisir votre nom.',
  'prejoin.copyLink': 'Copier le lien de la réunion',
  'prejoin.linkCopied': 'Lien copié',
  'prejoin.accessCode': 'Code d’accès',
  'prejoin.accessCodeRequired': 'Cette salle demande un code d’accès.',
  'prejoin.moderatorCode': 'Code de modération (facultatif)',
});
