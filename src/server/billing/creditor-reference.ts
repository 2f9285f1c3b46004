/**
 * ISO 11649 structured creditor references ("RF references"): `RF`, two check digits, then a body
 * of 1 to 21 letters and digits, e.g. `RF18539007547034` (printed `RF18 5390 0754 7034`). The check
 * digits are ISO 7064 MOD 97-10, as in an IBAN: the body followed by `RF00` is read as a number,
 * each letter written as two digits (A = 10 … Z = 35), and the check digits are 98 minus its
 * remainder by 97.
 *
 * What the check catches: a reference is valid when that number, with the real check digits in
 * place of `00`, leaves 1. Any one digit replaced by another digit, or one letter by another
 * letter, is caught. A letter replaced by a digit (or the reverse) changes the number's length and
 * slips through about once in 97 such changes — a property of the standard, shown in the tests.
 */

const bodyPattern = /^[A-Z0-9]{1,21}$/;
const referencePattern = /^RF(\d{2})[A-Z0-9]{1,21}$/;

/** The longest body a reference can carry (ISO 11649: 25 characters in all, 4 of them `RF` and the check digits). */
export const creditorReferenceBodyLengthMax = 21;

/**
 * The reference made of `body` (letters and digits, 1 to 21 of them; lower case is taken as upper
 * case): `RF`, its two check digits, then the body, without spaces.
 * Throws when `body` is not such a text: callers make bodies themselves, so that is a bug.
 */
export function creditorReference(body: string): string {
  const upper = body.toUpperCase();
  if (!bodyPattern.test(upper)) {
    throw new Error(`A creditor reference's body must be 1 to 21 letters or digits, not ${JSON.stringify(body)}.`);
  }
  const checkDigits = 98 - remainderBy97(`${upper}RF00`);
  return `RF${String(checkDigits).padStart(2, '0')}${upper}`;
}

/**
 * True when `text` is a valid creditor reference; spaces anywhere and lower case are accepted
 * (`rf18 5390 0754 7034` is valid). Check digits outside 02–98 never come out of the computation
 * and are refused.
 */
export function isCreditorReference(text: string): boolean {
  const reference = normaliseReference(text);
  const match = referencePattern.exec(reference);
  if (!match) return false;
  const checkDigits = Number(match[1]);
  if (checkDigits < 2 || checkDigits > 98) return false;
  return remainderBy97(`${reference.slice(4)}${reference.slice(0, 4)}`) === 1;
}

/** `text` without its spaces, in upper case: the form a reference is stored and compared in. */
export function normaliseReference(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** `reference` normalised, then printed in groups of four separated by spaces: `RF18 5390 0754 7034`. */
export function printedReference(reference: string): string {
  return (
    normaliseReference(reference)
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}

/** ISO 7064 MOD 97-10 remainder of `text` (digits and upper-case letters, A = 10 … Z = 35), computed piecewise. */
function remainderBy97(text: string): number {
  let remainder = 0;
  for (const character of text) {
    const value = Number.parseInt(character, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}
