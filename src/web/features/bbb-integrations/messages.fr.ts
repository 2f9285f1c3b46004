/** French messages of the `bbbIntegrations` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { bbbIntegrationsEnglish } from './messages.js';

export const bbbIntegrationsFrench = translation<typeof bbbIntegrationsEnglish>()({
  'integrations.heading': 'Intégrations BigBlueButton',
  'integrations.lead':
    'Connectez le Moodle, le Nextcloud ou le Greenlight de votre organisation : saisissez cette URL et ce secret dans ses réglages BigBlueButton. Les réunions qu’il crée sont celles de votre organisation et comptent dans sa formule.',
  'integrations.loading': 'Chargement des réglages d’intégration…',
  'integrations.apiUrl': 'URL de l’API (Greenlight)',
  'integrations.serverUrl': 'URL du serveur (Moodle, Nextcloud)',
  'integrations.secret': 'Secret',
  'integrations.noSecret': 'Pas encore de secret : créez-en un pour connecter une intégration.',
  'integrations.hidden': 'Masqué',
  'integrations.show': 'Afficher le secret',
  'integrations.hide': 'Masquer le secret',
  'integrations.copy': 'Copier le secret',
  'integrations.copied': 'Secret copié.',
  'integrations.notCopied': 'Le secret n’a pas pu être copié : affichez-le et sélectionnez-le.',
  'integrations.madeBy': 'Créé le {date} par {name}.',
  'integrations.madeOn': 'Créé le {date}.',
  'integrations.make': 'Créer un secret',
  'integrations.made': 'Secret créé. Saisissez-le dans votre intégration.',
  'integrations.rotate': 'Renouveler le secret',
  'integrations.rotateQuestion':
    'Remplacer le secret ? L’actuel cesse de fonctionner aussitôt : toute intégration qui l’utilise ne fonctionne plus tant que vous n’y avez pas saisi le nouveau.',
  'integrations.rotateYes': 'Remplacer le secret',
  'integrations.rotateNo': 'Garder le secret actuel',
  'integrations.rotated': 'Nouveau secret créé. L’ancien ne fonctionne plus : saisissez le nouveau dans vos intégrations dès maintenant.',
});
