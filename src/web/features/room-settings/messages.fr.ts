/** French messages of the `roomSettings` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { roomSettingsEnglish } from './messages.js';

export const roomSettingsFrench = translation<typeof roomSettingsEnglish>()({
  'settings.title': 'Réglages de la salle',
  'settings.name': 'Nom de la salle',
  'settings.participantsMax': 'Nombre maximal de participants',
  'settings.muteOnJoin': 'Les participants arrivent micro coupé',
  'settings.waitingRoom': 'Les invités attendent qu’un modérateur les fasse entrer',
  'settings.endToEndEncryption': 'Chiffrer les réunions de bout en bout',
  'settings.endToEndEncryptionHint':
    'L’image et le son sont chiffrés dans chaque navigateur ; le serveur ne peut ni les voir ni les entendre. Seuls les navigateurs capables de chiffrer peuvent entrer. S’applique à partir de la prochaine réunion.',
  'settings.viewerLocks':
    'Chaque réunion commence avec ceci verrouillé pour les participants (les modérateurs peuvent le changer pendant la réunion)',
  'settings.lock.microphone': 'Micros',
  'settings.lock.camera': 'Caméras',
  'settings.lock.chat': 'Discussion publique',
  'settings.lock.privateChat': 'Messages privés entre participants',
  'settings.lock.screenShare': 'Partage d’écran',
  'settings.disabledFeatures': 'Désactivé pour tous, modérateurs compris',
  'settings.feature.chat': 'Discussion publique',
  'settings.feature.privateChat': 'Messages privés',
  'settings.feature.screenShare': 'Partage d’écran',
  'settings.feature.raiseHand': 'Lever la main',
  'settings.feature.reactions': 'Réactions',
  'settings.viewerCode': 'Code d’accès des spectateurs (vide pour aucun)',
  'settings.moderatorCode': 'Code de modération',
  'settings.moderatorCodeHint': 'Toute personne qui a ce code entre comme modérateur. Gardez-le entre organisateurs.',
  'settings.newModeratorCode': 'Créer un nouveau code de modération',
  'settings.save': 'Enregistrer les réglages',
  'settings.saved': 'Réglages enregistrés.',
  'settings.saving': 'Enregistrement…',
  'settings.needCode': 'Saisissez le code de modération de la salle pour modifier ses réglages.',
  'settings.open': 'Ouvrir les réglages',
  'settings.backToRoom': 'Retour à la salle de réunion',
});
