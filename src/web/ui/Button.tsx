/** The one button: `variant` picks its look (default plain), `busy` disables it and tells screen readers. */
import type { ComponentChildren, JSX } from 'preact';

export function Button(
  props: {
    /** Default `button`. */
    type?: 'button' | 'submit';
    variant?: 'primary' | 'danger' | 'link' | 'plain';
    /** While an action runs: disabled and `aria-busy`. Default false. */
    busy?: boolean;
    children: ComponentChildren;
  } & Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'children'>,
) {
  const { type, variant, busy, children, class: extraClass, disabled, ...rest } = props;
  const classes = [variant && variant !== 'plain' ? variant : undefined, extraClass].filter(Boolean).join(' ');
  return (
    <button type={type ?? 'button'} class={classes || undefined} disabled={Boolean(disabled) || busy} aria-busy={busy} {...rest}>
      {children}
    </button>
  );
}
