/** French messages of the `app` catalogue: every English key, the same parameters. */
import { translation } from './intl/catalogue.js';
import type { appEnglish } from './messages.js';

export const appFrench = translation<typeof appEnglish>()({
  'app.name': 'Plenary',
  'app.tagline': 'Des réunions qui appartiennent à celles et ceux qui les tiennent.',
  'nav.label': 'Compte',
  'nav.signedInAs': 'Connecté en tant que {name}',
  'nav.logIn': 'Se connecter',
  'nav.signUp': 'Créer un compte',
  'nav.dashboard': 'Vos salles',
  'nav.network': 'Réseau',
  'nav.language': 'Langue',
  'nav.theme': 'Thème',
  'theme.system': 'Comme le système',
  'theme.dark': 'Sombre',
  'theme.light': 'Clair',
  'nav.yourData': 'Vos données',
  'nav.operator': 'Console des opérateurs',
  'nav.logOut': 'Se déconnecter',
  'nav.signInRequired': 'Connectez-vous pour voir cette page.',
  'nav.working': 'Un instant…',
  'role.owner': 'propriétaire',
  'role.admin': 'administrateur',
  'role.member': 'membre',
});
