import { describe, expect, it } from 'vitest';
import { type KeyPress, shortcutFor, shortcutKeys } from './shortcuts.js';

const press = (key: string, changes: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  target: null,
  ...changes,
});

describe('shortcutFor', () => {
  it('maps each listed key, in either case, to its action', () => {
    for (const [action, key] of Object.entries(shortcutKeys)) {
      expect(shortcutFor(press(key.toLowerCase()))).toBe(action);
      expect(shortcutFor(press(key.toUpperCase()))).toBe(action);
    }
  });

  it('gives every action its own key', () => {
    const keys = Object.values(shortcutKeys).map((key) => key.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores keys held down, keys with a modifier (the browser’s own shortcuts) and other keys', () => {
    expect(shortcutFor(press('m', { repeat: true }))).toBeUndefined();
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('v', { metaKey: true }))).toBeUndefined();
    expect(shortcutFor(press('h', { altKey: true }))).toBeUndefined();
    expect(shortcutFor(press('x'))).toBeUndefined();
    expect(shortcutFor(press('Enter'))).toBeUndefined();
  });
});
