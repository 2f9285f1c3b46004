import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './journal.js';

/** The encoding as first written (entries, filter, sort with `<`, map, join): the journal's format. */
function referenceCanonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${referenceCanonicalJson(item)}`).join(',')}}`;
}

const leaf = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.option(tie('value'), { nil: undefined }), { maxKeys: 6 }),
})).value;

describe('the canonical encoding of journal payloads', () => {
  it('is exactly the encoding the journal was first written in, for any value', () => {
    fc.assert(
      fc.property(value, (anything) => {
        expect(canonicalJson(anything)).toBe(referenceCanonicalJson(anything));
      }),
      { numRuns: 2000 },
    );
  });
});
