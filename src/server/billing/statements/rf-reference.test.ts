import { describe, expect, it } from 'vitest';
import { findCreditorReference } from './rf-reference.js';

describe('findCreditorReference', () => {
  it.each([
    ['RF18539007547034', 'RF18539007547034'],
    ['Invoice rf18 5390 0754 7034 for November', 'RF18539007547034'],
    ['ref:RF18539007547034, thanks', 'RF18539007547034'],
    ['RF19539007547034 then RF18 5390 0754 7034', 'RF18539007547034'],
  ])('finds the valid reference in "%s"', (text, reference) => {
    expect(findCreditorReference(text)).toBe(reference);
  });

  it.each(['RF19539007547034', 'Invoice 2026-001', 'RF18 5390', 'REFUND', ''])('finds none in "%s"', (text) => {
    expect(findCreditorReference(text)).toBeNull();
  });
});
