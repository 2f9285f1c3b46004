/** Words every page shares: the app’s name, the header and its menus, the page for unknown addresses, toasts, the language and theme choices, organisation roles. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from './intl/catalogue.js';

/** The English messages (ICU). */
export const appEnglish = {
  'app.name': 'Plenary',
  'nav.home': '{name}, home page',
  'nav.main': 'Main',
  'nav.menu': 'Menu',
  'nav.skip': 'Skip to content',
  'nav.meetings': 'Meetings',
  'nav.about': 'About',
  'nav.pricing': 'Plans',
  'nav.rooms': 'Rooms',
  'nav.account': 'Account',
  'nav.signedInAs': 'Signed in as {name}',
  'nav.logIn': 'Log in',
  'nav.signUp': 'Sign up',
  'nav.dashboard': 'Your rooms',
  'nav.network': 'Network',
  'nav.language': 'Language',
  'nav.theme': 'Theme',
  'theme.system': 'As the system',
  'theme.dark': 'Dark',
  'theme.light': 'Light',
  'nav.yourData': 'Your data',
  'nav.operator': 'Operator console',
  'nav.treasury': 'Treasury',
  'nav.finances': 'Finances',
  'nav.coop': 'The co-op',
  'nav.logOut': 'Log out',
  'nav.signInRequired': 'Log in to see this page.',
  'nav.working': 'One moment…',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at {path}. It may have moved, or the address may be mistyped.',
  'notFound.home': 'Go to the home page',
  'notFound.rooms': 'Your rooms',
  'toast.region': 'Notifications',
  'toast.dismiss': 'Dismiss',
  'role.owner': 'owner',
  'role.admin': 'admin',
  'role.member': 'member',
} as const;

/** The catalogue: `appMessages.t(key, parameters)`. */
export const appMessages = defineCatalogue('app', appEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = appMessages.t;
