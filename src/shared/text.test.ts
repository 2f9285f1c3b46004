import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatTextSchema } from './protocol.js';
import { isWellFormedText, labelSchema, optionalTextSchema } from './text.js';

describe('well-formed text', () => {
  it('accepts every string made of whole characters, astral ones included', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (value) => isWellFormedText(value)));
    expect(isWellFormedText('Café 😀 𝄞')).toBe(true);
  });

  it('refuses any string holding half of a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.string({ unit: 'grapheme' }),
        (before, surrogate, after) => !isWellFormedText(before + String.fromCharCode(surrogate) + after),
      ),
    );
    expect(isWellFormedText('\udc00\ud800')).toBe(false);
  });

  it.each([
    ['a label', labelSchema(40)],
    ['optional text', optionalTextSchema(40)],
    ['multi-line text', optionalTextSchema(40, { multiline: true })],
    ['chat', ChatTextSchema],
  ])('is required of %s, with a message that says why', (_name, schema) => {
    expect(schema.safeParse('Ada 👋').success).toBe(true);
    const refused = schema.safeParse('Ada \ud83d');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('must be valid text (it contains half of a character)');
  });
});
