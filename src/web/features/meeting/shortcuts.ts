/**
 * The meeting's keyboard shortcuts: one letter each, no modifier, never while the person types
 * in a text box or a list (so "m" in a chat message stays an "m").
 */

/** What a shortcut does. */
export type ShortcutAction = 'microphone' | 'camera' | 'chat' | 'people' | 'hand' | 'help';

/** Each action's key, as shown in the help dialog and in `aria-keyshortcuts`. */
export const shortcutKeys: Readonly<Record<ShortcutAction, string>> = {
  microphone: 'M',
  camera: 'V',
  chat: 'C',
  people: 'P',
  hand: 'H',
  help: '?',
};

const actionsByKey = new Map<string, ShortcutAction>(
  (Object.entries(shortcutKeys) as [ShortcutAction, string][]).map(([action, key]) => [key.toLowerCase(), action]),
);

/** The part of a keydown event the shortcuts read (a plain object in tests). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
}

/** True when keys pressed in `target` are typing: text fields, text areas, lists, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('textarea, select, [contenteditable]:not([contenteditable="false"])')) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/** The action of a key press, or undefined when it is no shortcut (a modifier, a repeat, typing, another key). */
export function shortcutFor(press: KeyPress): ShortcutAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey || press.repeat) return undefined;
  if (isTypingTarget(press.target)) return undefined;
  return actionsByKey.get(press.key.toLowerCase());
}
