import { IntlMessageFormat } from 'intl-messageformat';
import { afterEach, describe, expect, it } from 'vitest';
import { accountEnglish } from '../../features/account/messages.js';
import { assembliesEnglish } from '../../features/assemblies/messages.js';
import { bbbEnglish } from '../../features/bbb/messages.js';
import { bbbIntegrationsEnglish } from '../../features/bbb-integrations/messages.js';
import { billingEnglish } from '../../features/billing/messages.js';
import { usageEnglish } from '../../features/billing/usage-words.js';
import { breakoutsEnglish } from '../../features/breakouts/messages.js';
import { dashboardEnglish } from '../../features/dashboard/messages.js';
import { financesEnglish } from '../../features/finances/messages.js';
import { governanceEnglish } from '../../features/governance/messages.js';
import { homeEnglish } from '../../features/home/messages.js';
import { meetingEnglish, meetingMessages } from '../../features/meeting/messages.js';
import { networkEnglish, networkMessages } from '../../features/network/messages.js';
import { notesEnglish } from '../../features/notes/messages.js';
import { operatorEnglish } from '../../features/operator/messages.js';
import { organisationEnglish } from '../../features/organisation/messages.js';
import { pollsEnglish } from '../../features/polls/messages.js';
import { prejoinEnglish } from '../../features/prejoin/messages.js';
import { presentationEnglish } from '../../features/presentation/messages.js';
import { roomEnglish } from '../../features/room/messages.js';
import { roomSettingsEnglish } from '../../features/room-settings/messages.js';
import { sanctionsEnglish } from '../../features/sanctions/messages.js';
import { treasuryEnglish } from '../../features/treasury/messages.js';
import { whiteboardEnglish } from '../../features/whiteboard/messages.js';
import { errorsEnglish, errorText } from '../errors/messages.js';
import { appEnglish } from '../messages.js';
import { type CatalogueName, defineCatalogue, installTranslations, translation } from './catalogue.js';
import { french } from './french.js';
import { currentLanguage, formatNumber, preferredLanguage } from './language.js';

const english: Record<CatalogueName, Record<string, string>> = {
  account: accountEnglish,
  assemblies: assembliesEnglish,
  bbb: bbbEnglish,
  bbbIntegrations: bbbIntegrationsEnglish,
  app: appEnglish,
  billing: billingEnglish,
  dashboard: dashboardEnglish,
  errors: errorsEnglish,
  finances: financesEnglish,
  governance: governanceEnglish,
  home: homeEnglish,
  meeting: meetingEnglish,
  network: networkEnglish,
  operator: operatorEnglish,
  organisation: organisationEnglish,
  notes: notesEnglish,
  polls: pollsEnglish,
  breakouts: breakoutsEnglish,
  presentation: presentationEnglish,
  prejoin: prejoinEnglish,
  room: roomEnglish,
  roomSettings: roomSettingsEnglish,
  sanctions: sanctionsEnglish,
  treasury: treasuryEnglish,
  usage: usageEnglish,
  whiteboard: whiteboardEnglish,
};

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

describe('the catalogues', () => {
  it('give every English message a French one, and nothing else', () => {
    for (const name of Object.keys(english) as CatalogueName[]) {
      expect(Object.keys(french[name]).sort(), name).toEqual(Object.keys(english[name]).sort());
    }
  });

  it('are all valid ICU messages, in both languages', () => {
    for (const name of Object.keys(english) as CatalogueName[]) {
      for (const [key, message] of Object.entries(english[name])) expect(() => new IntlMessageFormat(message, 'en'), key).not.toThrow();
      for (const [key, message] of Object.entries(french[name])) expect(() => new IntlMessageFormat(message, 'fr'), key).not.toThrow();
    }
  });

  it('name every error code the server sends, in French too', () => {
    currentLanguage.value = 'fr';
    expect(errorText('room_is_full')).toBe('Cette réunion est complète.');
    expect(errorText('no_such_code')).toBe('Une erreur s’est produite (no_such_code).');
  });
});

describe('a message', () => {
  it('takes the plural form of its count in each language', () => {
    expect(meetingMessages.t('chat.charactersLeft', { count: 1 })).toBe('1 character left');
    expect(meetingMessages.t('chat.charactersLeft', { count: 5 })).toBe('5 characters left');
    expect(meetingMessages.t('meeting.participants', { count: 1 })).toBe('1 in the meeting');
    currentLanguage.value = 'fr';
    expect(meetingMessages.t('meeting.participants', { count: 1 })).toBe('1 personne dans la réunion');
    expect(meetingMessages.t('meeting.participants', { count: 3 })).toBe('3 personnes dans la réunion');
    // French counts 0 and 1 as singular.
    expect(meetingMessages.t('chat.charactersLeft', { count: 0 })).toBe('0 caractère restant');
  });

  it('fills its parameters, and writes numbers as the language does', () => {
    expect(meetingMessages.t('meeting.you', { name: 'Ada' })).toBe('Ada (you)');
    expect(networkMessages.t('network.statement.count', { count: 1200 })).toBe('Payments shown: 1,200');
    currentLanguage.value = 'fr';
    expect(meetingMessages.t('meeting.you', { name: 'Ada' })).toBe('Ada (vous)');
    expect(networkMessages.t('network.statement.count', { count: 1200 })).toBe('1\u202f200 paiements affichés');
    expect(formatNumber(0.5, { style: 'percent' })).toBe('50\u00a0%');
  });

  it('treats angle brackets as text', () => {
    const catalogue = defineCatalogue('home', { 'x.tag': 'Say <b>{word}</b>' } as const);
    expect(catalogue.t('x.tag', { word: 'hi' })).toBe('Say <b>hi</b>');
  });
});

describe('the types', () => {
  const source = { greet: 'Hello {name}', count: '{count, plural, one {# item} other {# items}}', plain: 'Plain' } as const;
  const catalogue = defineCatalogue('home', source);

  it('refuse a missing key, a missing or misnamed parameter, and a wrong type', () => {
    // Checked by the type checker (each line must fail to compile); never run.
    const wrongCalls = () => [
      // @ts-expect-error: no such key
      catalogue.t('missing'),
      // @ts-expect-error: the parameter is missing
      catalogue.t('greet'),
      // @ts-expect-error: misnamed parameter
      catalogue.t('greet', { nom: 'x' }),
      // @ts-expect-error: a count is a number
      catalogue.t('count', { count: 'two' }),
    ];
    expect(typeof wrongCalls).toBe('function');
    expect(catalogue.t('greet', { name: 'Ada' })).toBe('Hello Ada');
    expect(catalogue.t('plain')).toBe('Plain');
  });

  it('read one-word branches of a select or plural as text, and arguments nested in branches as parameters', () => {
    const nested = defineCatalogue('home', {
      role: 'Join as {role, select, admin {admin} other {member}}.',
      nested: '{count, plural, one {{who} left} other {{who} and # others left}} at {time, number}',
    } as const);
    expect(nested.t('role', { role: 'admin' })).toBe('Join as admin.');
    expect(nested.t('nested', { count: 2, who: 'Ada', time: 3 })).toBe('Ada and 2 others left at 3');
    const wrongCalls = () => [
      // @ts-expect-error: `admin` is a branch's text, not a parameter
      nested.t('role', { role: 'admin', admin: 'x' }),
      // @ts-expect-error: `who`, inside a branch, is still a parameter
      nested.t('nested', { count: 2, time: 3 }),
    ];
    expect(typeof wrongCalls).toBe('function');
  });

  it('refuse a translation that lacks a key, adds one or changes a parameter', () => {
    const translate = translation<typeof source>();
    const right = translate({ greet: 'Bonjour {name}', count: '{count, plural, one {# objet} other {# objets}}', plain: 'Simple' });
    expect(right.greet).toBe('Bonjour {name}');
    // Checked by the type checker (each translation must fail to compile); never run.
    const wrongTranslations = () => {
      // @ts-expect-error: `plain` is missing
      translate({ greet: 'Bonjour {name}', count: '{count, plural, one {# objet} other {# objets}}' });
      // @ts-expect-error: `{nom}` is not `{name}`
      translate({ greet: 'Bonjour {nom}', count: '{count, plural, one {# objet} other {# objets}}', plain: 'Simple' });
      // @ts-expect-error: English takes text for `name`, so French may not demand a number
      translate({ greet: 'Bonjour {name, number}', count: '{count, plural, other {# objets}}', plain: 'Simple' });
      // @ts-expect-error: `extra` is not an English key
      translate({ greet: 'Bonjour {name}', count: '{count, plural, other {# objets}}', plain: 'Simple', extra: 'x' });
    };
    expect(typeof wrongTranslations).toBe('function');
  });
});

describe('the starting language', () => {
  it('is the saved choice, else the first browser language the pages speak, else English', () => {
    expect(preferredLanguage('fr', ['en-US'])).toBe('fr');
    expect(preferredLanguage(null, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(preferredLanguage('klingon', ['en-GB'])).toBe('en');
    expect(preferredLanguage(null, ['de'])).toBe('en');
  });
});
