import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './journal.js';
import { transferDigestText, transferPayload } from './journal-payloads.js';
import type { Transfer } from './types.js';

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

const int64 = fc.bigInt({ min: -(2n ** 63n) + 1n, max: 2n ** 63n - 1n });
const balances = fc.record({ postedBalanceAfter: int64, debitsPendingAfter: int64, creditsPendingAfter: int64 });
const transfer = fc.record({
  id: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  kind: fc.constantFrom('single_phase', 'pending', 'post_pending', 'void_pending'),
  debitAccountId: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  creditAccountId: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  amount: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
  currency: fc.string({ maxLength: 8 }),
  description: fc.string({ unit: 'binary', maxLength: 40 }),
  reference: fc.string({ unit: 'binary', maxLength: 20 }),
  pendingId: fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), { nil: null }),
  expiresAtMs: fc.option(fc.nat(), { nil: null }),
  timestampMs: fc.nat(),
  sequence: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
}) as unknown as fc.Arbitrary<Transfer>;

describe("the text a transfer's digest is taken over", () => {
  it('is the canonical encoding of every field of its row, for any transfer', () => {
    fc.assert(
      fc.property(transfer, balances, balances, (row, debit, credit) => {
        const side = (each: typeof debit) => [each.postedBalanceAfter, each.debitsPendingAfter, each.creditsPendingAfter];
        const fields = { ...transferPayload(row), sequence: row.sequence, debitAfter: side(debit), creditAfter: side(credit) };
        expect(transferDigestText(row, debit, credit)).toBe(referenceCanonicalJson(fields));
      }),
      { numRuns: 2000 },
    );
  });
});
