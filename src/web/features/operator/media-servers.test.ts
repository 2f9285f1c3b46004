import { afterEach, describe, expect, it } from 'vitest';
import { installTranslations } from '../../app/intl/catalogue.js';
import { french } from '../../app/intl/french.js';
import { currentLanguage } from '../../app/intl/language.js';
import { adminReasonText, bitrateText, checkChange, checkNewServer, cpuText, downReasonText, emptyNewServerForm } from './media-servers.js';

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
  const form = { weight: '3', region: '', renewable: true, adminUrl: '', adminSecret: '' };

  it('sends weight, region and renewable power, or words what is wrong', () => {
    expect(checkChange(form, null)).toEqual({
      ok: true,
      body: { weight: 3, region: '', renewable: true },
    });
    expect(checkChange({ ...form, weight: '0', region: '-x', renewable: false }, null)).toEqual({
      ok: false,
      errors: { weight: 'Give a whole number from 1 to 100.', region: expect.any(String) },
    });
  });

  it('sends the admin API only when its address or secret changed; an emptied address stops reading it', () => {
    const url = 'ws://10.0.0.6:7188';
    expect(checkChange({ ...form, adminUrl: url }, url)).toMatchObject({ ok: true, body: { weight: 3 } });
    expect(checkChange({ ...form, adminUrl: url }, url)).not.toHaveProperty('body.admin');
    expect(checkChange({ ...form, adminUrl: url }, null)).toMatchObject({ ok: true, body: { admin: { url } } });
    expect(checkChange({ ...form, adminUrl: url, adminSecret: 'hush' }, url)).toMatchObject({
      ok: true,
      body: { admin: { url, secret: 'hush' } },
    });
    expect(checkChange(form, url)).toMatchObject({ ok: true, body: { admin: null } });
  });

  it('words a bad admin address, and a secret with no address to use it with', () => {
    expect(checkChange({ ...form, adminUrl: 'http://10.0.0.6:7088/admin' }, null)).toEqual({
      ok: false,
      errors: { adminUrl: expect.stringContaining('admin API') },
    });
    expect(checkChange({ ...form, adminSecret: 'hush' }, null)).toEqual({
      ok: false,
      errors: { adminSecret: expect.stringContaining('needs the admin API’s address') },
    });
  });
});

describe('the registration form’s admin API', () => {
  const filled = { ...emptyNewServerForm, name: 'Second', url: 'ws://10.0.0.6:8188' };

  it('sends the address and secret when given, and words a secret without an address', () => {
    expect(checkNewServer({ ...filled, adminUrl: 'ws://10.0.0.6:7188', adminSecret: 'hush' })).toMatchObject({
      ok: true,
      body: { adminUrl: 'ws://10.0.0.6:7188', adminSecret: 'hush' },
    });
    expect(checkNewServer({ ...filled, adminSecret: 'hush' })).toEqual({
      ok: false,
      errors: { adminSecret: expect.stringContaining('needs the admin API’s address') },
    });
  });
});

describe('what a server says it carries', () => {
  it('is written in the page’s language: bitrates in kbit/s or Mbit/s, CPU as a share of a core', () => {
    expect(bitrateText(256_000)).toBe('256 kb/s');
    expect(bitrateText(2_345_678)).toBe('2.3 Mb/s');
    expect(cpuText(0.234)).toBe('23%');
    expect(cpuText(0.012)).toBe('1.2%');
    currentLanguage.value = 'fr';
    expect(bitrateText(2_345_678)).toMatch(/^2,3\sMbit\/s$/);
  });

  it('says why the admin API could not be read, the admin secret named as such', () => {
    expect(adminReasonText('Janus refused: Unauthorized request (wrong or missing secret/token) (403)')).toBe(
      'it refused the admin secret',
    );
    expect(adminReasonText('no answer from the admin API within 2000 ms')).toBe('it did not answer in time');
  });
});
