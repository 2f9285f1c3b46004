import { describe, expect, it } from 'vitest';
import { shiftIntoWindow } from './popover-placement.js';

describe('shiftIntoWindow', () => {
  it('leaves a box that fits where it is', () => {
    expect(shiftIntoWindow(100, 300, 1280)).toBe(0);
  });

  it('moves a box that overflows the right edge back inside, keeping the margin', () => {
    expect(shiftIntoWindow(300, 400, 390)).toBe(-18);
  });

  it('moves a box that overflows the left edge back inside', () => {
    expect(shiftIntoWindow(-40, 100, 390)).toBe(48);
  });

  it('lines a box wider than the window up with the left margin', () => {
    expect(shiftIntoWindow(50, 500, 390)).toBe(-42);
  });
});
