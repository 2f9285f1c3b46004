/**
 * The meeting's menus (reactions and "More" above the toolbar, a person's actions in the people
 * panel): a `<details>` disclosure. It closes on Escape (focus back on its summary), on a click or focus outside it, and
 * when one of its buttons is chosen (`closeOnChoose`); its panel is moved back inside the window
 * when it would overflow an edge, and scrolls when it is taller than the room above the toolbar.
 */
import type { LucideIcon } from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useDismissOutside } from '../../ui/dismiss.js';
import { shiftIntoWindow } from './popover-placement.js';

export function Popover(props: {
  label: string;
  icon: LucideIcon;
  class?: string;
  /** Close when a button inside is chosen (not a checkbox). Default false. */
  closeOnChoose?: boolean;
  /** The summary's class. Default `toolbar-button` (an icon over its label). */
  summaryClass?: string;
  children: ComponentChildren;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const close = (focusSummary: boolean) => {
    const element = details.current;
    if (!element?.open) return;
    element.open = false;
    if (focusSummary) element.querySelector('summary')?.focus();
  };

  // Always listening: `close` does nothing unless the disclosure is open, and `open` (from its toggle
  // event) may lag behind a click made right after it opened.
  useDismissOutside(true, details, () => close(false));

  useEffect(() => {
    // A button chosen inside (by click, Enter or Space: all make a click) closes the menu.
    const element = panel.current;
    if (!props.closeOnChoose || !element) return;
    const closeOnChoose = (event: Event) => {
      if (event.target instanceof Element && event.target.closest('button')) close(true);
    };
    element.addEventListener('click', closeOnChoose);
    return () => element.removeEventListener('click', closeOnChoose);
  }, [props.closeOnChoose]);

  useLayoutEffect(() => {
    const element = panel.current;
    if (!open || !element) return;
    const place = () => {
      element.style.setProperty('--popover-shift', '0px');
      const box = element.getBoundingClientRect();
      element.style.setProperty('--popover-shift', `${shiftIntoWindow(box.left, box.right, window.innerWidth)}px`);
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open]);

  const Icon = props.icon;
  return (
    <details
      ref={details}
      class={['popover', props.class].filter(Boolean).join(' ')}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !details.current?.open) return;
        event.stopPropagation();
        close(true);
      }}
    >
      <summary class={props.summaryClass ?? 'toolbar-button'}>
        <Icon aria-hidden="true" size={props.summaryClass ? 18 : 22} />
        <span class="toolbar-label">{props.label}</span>
      </summary>
      <div ref={panel} class="popover-panel">
        {props.children}
      </div>
    </details>
  );
}
