import { afterEach, describe, expect, it } from 'vitest';
import { installTranslations } from '../../app/intl/catalogue.js';
import { french } from '../../app/intl/french.js';
import { currentLanguage } from '../../app/intl/language.js';
import { checkChange, checkNewServer, downReasonText, emptyNewServerForm } from './media-servers.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

describe('why a media server is down', () => {
  it('is said in words for the reasons the gateway gives, in the page’s language', () => {
    expect(downReasonText('connect ECONNREFUSED 127.0.0.1:9')).toBe('nothing answers at that address (connection refused)');
    expect(downReasonText('getaddrinfo ENOTFOUND janus.invalid')).toBe('its host name was not found');
    expect(downReasonText('the connection was lost')).toBe('the connection was lost');
    currentLanguage.value = 'fr';
    expect(downReasonText('connect ECONNREFUSED 127.0.0.1:9')).toBe('rien ne répond à cette adresse (connexion refusée)');
  });

  it('keeps a reason it does not know, and says when none was given', () => {
    expect(downReasonText('Unexpected server response: 502')).toBe('it could not be reached (Unexpected server response: 502)');
    expect(downReasonText(null)).toBe('it could not be reached (no reason was given)');
    expect(downReasonText('[object Object]')).toBe('it could not be reached (no reason was given)');
  });
});

describe('the registration form', () => {
  const filled = { ...emptyNewServerForm, name: ' Second Janus ', url: 'wss://janus2.example.org:8989', region: 'eu-west' };

  it('sends the shared schema’s body: trimmed, weight a number, no secret when none was typed', () => {
    expect(checkNewServer(filled)).toEqual({
      ok: true,
      body: { name: 'Second Janus', url: 'wss://janus2.example.org:8989', weight: 1, region: 'eu-west', renewable: false },
    });
    expect(checkNewServer({ ...filled, apiSecret: 's3cret', weight: '5', renewable: true })).toMatchObject({
      ok: true,
      body: { apiSecret: 's3cret', weight: 5, renewable: true },
    });
  });

  it('words each refused field, in the page’s language', () => {
    const checked = checkNewServer({ ...filled, name: '  ', url: 'http://janus', weight: '101', region: 'EU West' });
    expect(checked).toEqual({
      ok: false,
      errors: {
        name: 'Give it a name of up to 64 characters, without control characters.',
        url: expect.stringContaining('ws:// or wss://'),
        weight: 'Give a whole number from 1 to 100.',
        region: expect.stringContaining('e.g. eu-west'),
      },
    });
    currentLanguage.value = 'fr';
    expect(checkNewServer({ ...filled, weight: '1.5' })).toEqual({ ok: false, errors: { weight: 'Donnez un nombre entier de 1 à 100.' } });
  });

  it('refuses an address with a user name in it and an empty weight', () => {
    expect(checkNewServer({ ...filled, url: 'ws://admin:pw@janus:8188' })).toMatchObject({
      ok: false,
      errors: { url: expect.any(String) },
    });
    expect(checkNewServer({ ...filled, weight: '' })).toMatchObject({ ok: false, errors: { weight: expect.any(String) } });
  });
});

describe('the change form', () => {
  it('sends weight, region and renewable power, or words what is wrong', () => {
    expect(checkChange({ weight: '3', region: '', renewable: true })).toEqual({
      ok: true,
      body: { weight: 3, region: '', renewable: true },
    });
    expect(checkChange({ weight: '0', region: '-x', renewable: false })).toEqual({
      ok: false,
      errors: { weight: 'Give a whole number from 1 to 100.', region: expect.any(String) },
    });
  });
});
