import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditorReference, isCreditorReference, normaliseReference, printedReference } from './creditor-reference.js';

const digits = '0123456789';
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const body = fc.string({ unit: fc.constantFrom(...`${digits}${letters}${letters.toLowerCase()}`), minLength: 1, maxLength: 21 });

/** A reference with one character (after `RF`) replaced by another of the same kind: digit by digit, letter by letter. */
const sameKindChange = fc.record({ body, position: fc.nat(), replacement: fc.nat() }).map(({ body, position, replacement }) => {
  const reference = creditorReference(body);
  const index = 2 + (position % (reference.length - 2));
  const original = reference.charAt(index);
  const alphabet = digits.includes(original) ? digits : letters;
  const others = alphabet.replace(original, '');
  const changed = `${reference.slice(0, index)}${others.charAt(replacement % others.length)}${reference.slice(index + 1)}`;
  return { reference, changed };
});

describe('creditorReference', () => {
  it('makes the ISO 11649 example RF18 5390 0754 7034 from the body 539007547034', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(printedReference(creditorReference('539007547034'))).toBe('RF18 5390 0754 7034');
  });

  it('takes a lower-case body as upper case', () => {
    expect(creditorReference('inv2027a')).toBe(creditorReference('INV2027A'));
  });

  it('throws on an empty body, a body of 22 characters, or one with spaces or punctuation', () => {
    expect(() => creditorReference('')).toThrow(/1 to 21 letters or digits/);
    expect(() => creditorReference('1'.repeat(22))).toThrow(/1 to 21/);
    expect(() => creditorReference('2027 42')).toThrow(/1 to 21/);
    expect(() => creditorReference('2027-42')).toThrow(/1 to 21/);
    expect(() => creditorReference('É1')).toThrow(/1 to 21/);
  });

  it('makes check digits between 02 and 98 and a reference that validates, for every body', () => {
    fc.assert(
      fc.property(body, (text) => {
        const reference = creditorReference(text);
        const checkDigits = Number(reference.slice(2, 4));
        expect(reference.startsWith('RF')).toBe(true);
        expect(reference.slice(4)).toBe(text.toUpperCase());
        expect(checkDigits).toBeGreaterThanOrEqual(2);
        expect(checkDigits).toBeLessThanOrEqual(98);
        expect(isCreditorReference(reference)).toBe(true);
        expect(isCreditorReference(printedReference(reference).toLowerCase())).toBe(true);
      }),
    );
  });
});

describe('isCreditorReference', () => {
  it('accepts the ISO example with spaces and in lower case, and refuses it with a wrong check digit', () => {
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isCreditorReference('rf18539007547034')).toBe(true);
    expect(isCreditorReference('RF19 5390 0754 7034')).toBe(false);
    expect(isCreditorReference('RF18 5390 0754 7043')).toBe(false);
  });

  it('refuses texts that are not shaped like a reference', () => {
    expect(isCreditorReference('')).toBe(false);
    expect(isCreditorReference('RF18')).toBe(false);
    expect(isCreditorReference('XX18539007547034')).toBe(false);
    expect(isCreditorReference('RF1A539007547034')).toBe(false);
    expect(isCreditorReference('RF18-5390-0754-7034')).toBe(false);
    expect(isCreditorReference(`RF18${'1'.repeat(22)}`)).toBe(false);
  });

  it('refuses check digits 00, 01 and 99, which the computation never gives, even when the remainder works out', () => {
    // 01 and 98 leave the same remainder by 97, so RF01… would pass the remainder test alone.
    const withNinetyEight = fc.sample(body.map(creditorReference), 2000).find((reference) => reference.startsWith('RF98'));
    expect(withNinetyEight).toBeDefined();
    expect(isCreditorReference(`RF01${withNinetyEight?.slice(4)}`)).toBe(false);
  });

  it('refuses every reference with one digit changed into another digit, or one letter into another letter', () => {
    fc.assert(
      fc.property(sameKindChange, ({ reference, changed }) => {
        expect(changed).not.toBe(reference);
        expect(isCreditorReference(changed)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every reference whose RF is changed, or with one character changed into a non-alphanumeric one', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.constantFrom('-', '.', '/', 'É', '_'), (text, position, replacement) => {
        const reference = creditorReference(text);
        const index = position % reference.length;
        const changed = `${reference.slice(0, index)}${replacement}${reference.slice(index + 1)}`;
        expect(isCreditorReference(changed)).toBe(false);
        expect(isCreditorReference(`RE${reference.slice(2)}`)).toBe(false);
      }),
    );
  });

  it('lets through some changes of a digit into a letter, as ISO 7064 MOD 97-10 allows (a letter is two digits long)', () => {
    expect(creditorReference('INV2027000000')).toBe('RF71INV2027000000');
    expect(isCreditorReference('RF71INV20I7000000')).toBe(true);
  });
});

describe('normaliseReference and printedReference', () => {
  it('strip spaces and upper-case, then group by four with a shorter last group', () => {
    expect(normaliseReference(' rf18 5390\t0754 7034 ')).toBe('RF18539007547034');
    expect(printedReference('rf7112345')).toBe('RF71 1234 5');
    expect(printedReference('')).toBe('');
  });
});
