/**
 * A menu button (the disclosure pattern): a button that shows and hides a panel of links and
 * buttons beneath it. The panel closes on Escape (focus goes back to the button), on a click or
 * tap outside it, when focus leaves it, and when one of its links or buttons is chosen. The
 * arrow keys move between its items; Tab goes through them as usual. Its items stay links and
 * buttons (no `role="menu"`), which suits navigation.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useDismissOutside } from './dismiss.js';

const itemSelector = 'a[href], button:not([disabled])';

export function Menu(props: {
  /** What the button shows: usually an icon and a word. */
  label: ComponentChildren;
  /** The button's accessible name when `label` has no words of its own (e.g. an icon only). */
  accessibleName?: string;
  /** The panel's contents: links, buttons, and lines of text. */
  children: ComponentChildren;
  /** Added to the menu's outer element, e.g. to lay the panel out inline on wide screens. */
  class?: string;
  /** Where the panel opens: under the button's `end` (default) or `start` edge. */
  align?: 'start' | 'end';
}) {
  const [open, setOpen] = useState(false);
  // What the key handler reads: the state as rendered, even before effects run after a render
  // (a key pressed right after the panel appears must find it open).
  const isOpen = useRef(false);
  isOpen.current = open;
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useDismissOutside(open, root, () => setOpen(false));

  const items = (): HTMLElement[] => [
    ...(root.current?.querySelectorAll<HTMLElement>(`#${CSS.escape(panelId)} :is(${itemSelector})`) ?? []),
  ];

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && isOpen.current) {
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const list = items();
    if (list.length === 0) return;
    event.preventDefault();
    if (!isOpen.current) {
      setOpen(true);
      // The panel is drawn at the next render; its first item then takes the focus.
      requestAnimationFrame(() => items()[0]?.focus());
      return;
    }
    const at = list.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    list[(at + step + list.length) % list.length]?.focus();
  };

  const onClick = (event: MouseEvent): void => {
    const inPanel = event.target instanceof Element && event.target.closest('.menu-panel');
    if (inPanel && event.target instanceof Element && event.target.closest(itemSelector)) setOpen(false);
  };

  // Listened to on the menu's element (a group of controls, not a control itself).
  useEffect(() => {
    const element = root.current;
    element?.addEventListener('keydown', onKeyDown);
    element?.addEventListener('click', onClick);
    return () => {
      element?.removeEventListener('keydown', onKeyDown);
      element?.removeEventListener('click', onClick);
    };
  });

  return (
    <div ref={root} class={['menu', props.class].filter(Boolean).join(' ')} data-open={open} data-align={props.align ?? 'end'}>
      <button
        ref={button}
        type="button"
        class="menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={props.accessibleName}
        onClick={() => setOpen(!open)}
      >
        {props.label}
      </button>
      <div id={panelId} class="menu-panel" hidden={!open}>
        {props.children}
      </div>
    </div>
  );
}
