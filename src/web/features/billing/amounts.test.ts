import { afterEach, describe, expect, it } from 'vitest';
import { installTranslations } from '../../app/intl/catalogue.js';
import { french } from '../../app/intl/french.js';
import { currentLanguage } from '../../app/intl/language.js';
import { credits, day, formatMinorUnits, groupsOfFour, money, period, shortDay, taxRate } from './amounts.js';
import { checkCreditAmount } from './credit-amount.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

const creditCurrency = { code: 'CREDIT', name: 'credits', scale: 2 };
// 1 March 2027, 00:00 UTC: still 28 February west of Greenwich, so days must be read in UTC.
const firstOfMarchMs = Date.UTC(2027, 2, 1);

describe('amounts in minor units', () => {
  it('are written with the decimals cut off by bigint arithmetic, in the reader’s language', () => {
    expect(formatMinorUnits('123456', 2, { style: 'currency', currency: 'EUR' }, 'en')).toBe('€1,234.56');
    expect(formatMinorUnits('123456', 2, { style: 'currency', currency: 'EUR' }, 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatMinorUnits('5', 2, {}, 'en')).toBe('0.05');
    expect(formatMinorUnits('-5', 2, {}, 'en')).toBe('-0.05');
    expect(formatMinorUnits('7', 0, {}, 'en')).toBe('7');
  });

  it('keep every digit of amounts too large for a float', () => {
    // 2^53 + 1 cents: a float would round the last digit away.
    expect(formatMinorUnits('9007199254740993', 2, { useGrouping: false }, 'en')).toBe('90071992547409.93');
    expect(formatMinorUnits('999999999999999999', 2, {}, 'en')).toBe('9,999,999,999,999,999.99');
  });

  it('are money in the currency’s own decimals, and credits with the network currency’s name', () => {
    expect(money('4500')).toBe('€45.00');
    expect(money('100', 'JPY')).toBe('¥100');
    expect(credits('2000', creditCurrency)).toBe('20.00 credits');
    expect(credits('5', { code: 'HOUR', name: 'hours', scale: 1 })).toBe('0.5 hours');
    currentLanguage.value = 'fr';
    expect(money('4500')).toBe('45,00\u00a0€');
    expect(credits('123456', creditCurrency)).toBe('1\u202f234,56 credits');
  });
});

describe('dates and rates', () => {
  it('write the calendar day in UTC, where periods begin and end', () => {
    expect(day(firstOfMarchMs)).toBe('March 1, 2027');
    expect(shortDay(firstOfMarchMs)).toBe('Mar 1, 2027');
    currentLanguage.value = 'fr';
    expect(day(firstOfMarchMs)).toBe('1 mars 2027');
    expect(period(firstOfMarchMs, Date.UTC(2027, 3, 1))).toBe('du 1 mars 2027 au 1 avril 2027');
  });

  it('write a period from its start to its end', () => {
    expect(period(firstOfMarchMs, Date.UTC(2027, 3, 1))).toBe('March 1, 2027 – April 1, 2027');
  });

  it('write tax rates in basis points as percentages', () => {
    expect(taxRate(2000)).toBe('20%');
    expect(taxRate(550)).toBe('5.5%');
    currentLanguage.value = 'fr';
    expect(taxRate(2100)).toBe('21\u00a0%');
  });
});

describe('IBANs and references', () => {
  it('are printed in groups of four', () => {
    expect(groupsOfFour('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(groupsOfFour('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(groupsOfFour(' RF18 5390\t0754 7034 ')).toBe('RF18 5390 0754 7034');
    expect(groupsOfFour('')).toBe('');
  });
});

describe('a part to pay in credits', () => {
  it('is a positive amount of the currency, at most what is due', () => {
    expect(checkCreditAmount('12.5', 2, 2000n)).toEqual({ ok: true, minorUnits: 1250n });
    expect(checkCreditAmount('12,50', 2, 2000n)).toEqual({ ok: true, minorUnits: 1250n });
    expect(checkCreditAmount('20', 2, 2000n)).toEqual({ ok: true, minorUnits: 2000n });
    expect(checkCreditAmount('20.01', 2, 2000n)).toEqual({ ok: false, problem: 'too_large' });
    expect(checkCreditAmount('0', 2, 2000n)).toEqual({ ok: false, problem: 'not_an_amount' });
    expect(checkCreditAmount('1.234', 2, 2000n)).toEqual({ ok: false, problem: 'not_an_amount' });
    expect(checkCreditAmount('ten', 2, 2000n)).toEqual({ ok: false, problem: 'not_an_amount' });
  });
});
