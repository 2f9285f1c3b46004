/** Words of the home page and the about page. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const homeEnglish = {
  'home.title': 'Start a meeting',
  'home.lead': 'Private video meetings in your browser, run by a co-operative. No account needed to join.',
  'home.newMeeting': 'New meeting',
  'home.creating': 'Creating your meeting…',
  'home.createFailed': 'The meeting could not be created: {reason}',
  'home.joinLabel': 'Have a link? Paste it here',
  'home.join': 'Join',
  'home.joinInvalid': 'That does not look like a Plenary meeting link.',
  'home.documentTitle': 'Private meetings, run by a co-operative',
  'home.headline': 'Private meetings, run by a co-operative its members own',
  'home.intro':
    'Plenary is an online-meeting co-operative: the people and organisations who use it own it, run it and decide how it grows. Video meetings in your browser, on servers powered by renewable energy, paid for in money or in mutual credit.',
  'home.aboutLink': 'How the co-op works',
  'home.why': 'Why meet here',
  'home.private.title': 'Private by design',
  'home.private.body':
    'The co-op never looks at what is said in a meeting. No tracking, no adverts, and nothing loaded from anyone else’s servers.',
  'home.renewable.title': 'Renewable-powered',
  'home.renewable.body': 'Meetings run on servers powered by renewable electricity, on hardware the co-op chooses and looks after.',
  'home.credit.title': 'Money or mutual credit',
  'home.credit.body': 'Pay for a plan in ordinary money, or in credits your business earns by trading with other members of the network.',
  'home.owned.title': 'Owned by its members',
  'home.owned.body': 'One member, one vote. The co-op is a service provider, not a censor: it answers to the people who use it.',
  'home.join.title': 'Join the co-op',
  'home.member.title': 'As a member',
  'home.member.body':
    'Open an account to keep rooms with stable links for your organisation, schedule meetings and send invitations, and have your say in how the co-op is run.',
  'home.member.signUp': 'Create an account',
  'home.member.rooms': 'Go to your rooms',
  'home.business.title': 'As a trading business',
  'home.business.body':
    'Businesses in the mutual-credit network trade with each other without cash: sell to members, earn credits, and spend them on what other members offer — this co-op’s meetings included.',
  'home.business.link': 'Explore the network',
  'about.title': 'About the co-op',
  'about.lead':
    'Plenary is a platform co-operative: a shared service owned and governed by the people who use it, instead of by investors.',
  'about.owned.title': 'Who owns it',
  'about.owned.body':
    'Its members: the people and organisations who hold their meetings here, and the operational members who run the servers. Each member has one vote, whatever they pay.',
  'about.private.title': 'What we promise about your meetings',
  'about.private.body':
    'Calls are private. The co-op is a service provider, not a censorship body: it does not watch who says what, and it does not close an account without a stated reason and a fair hearing. Pages load nothing from other companies — no fonts, no analytics, no adverts. Every member can download or delete their data.',
  'about.green.title': 'Where it runs',
  'about.green.body':
    'On a few servers powered by renewable electricity, chosen and run by the co-op’s operational members, with more added as the co-op grows. The software is open source, so anyone can check it or run their own.',
  'about.credit.title': 'How it is paid for',
  'about.credit.body':
    'Members pay for a plan in ordinary money or in mutual credit. Businesses in the trading network can subscribe in credits instead of cash, and the co-op spends the credits it earns with other members of the network — on servers, on design, on getting the word out.',
  'about.start': 'Start a meeting',
  'about.network': 'The trading network',
} as const;

/** The catalogue: `homeMessages.t(key, parameters)`. */
export const homeMessages = defineCatalogue('home', homeEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = homeMessages.t;
