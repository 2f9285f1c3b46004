/**
 * One button of the meeting's toolbar: an icon over a visible label, its accessible name (the
 * label unless `name` says more, e.g. a count), its keyboard shortcut (`aria-keyshortcuts`, and
 * shown as a key cap on hover and focus) and, for a toggle with a constant label, `aria-pressed`.
 */
import type { LucideIcon } from 'lucide-preact';

export function ToolbarButton(props: {
  icon: LucideIcon;
  label: string;
  /** The accessible name when it says more than the label (it must start with the label). Default the label. */
  name?: string;
  /** The key that does the same (`shortcuts.ts`). */
  shortcut?: string;
  /** For a toggle whose label stays the same (e.g. a panel): whether it is on. */
  pressed?: boolean;
  /** A number shown over the icon (e.g. chat messages, people waiting). */
  badge?: number;
  disabled?: boolean;
  /** `danger` for leaving; `off` for a microphone or camera that is off; `active` for a raised hand. */
  tone?: 'danger' | 'off' | 'active';
  /** Added to the class, e.g. `secondary` (moved into the "More" menu on a phone). */
  class?: string;
  onClick: () => void;
}) {
  const Icon = props.icon;
  const classes = ['toolbar-button', props.tone, props.class].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      class={classes}
      aria-label={props.name ?? props.label}
      aria-pressed={props.pressed}
      aria-keyshortcuts={props.shortcut}
      data-shortcut={props.shortcut}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <span class="toolbar-icon">
        <Icon aria-hidden="true" size={22} />
        {props.badge !== undefined && props.badge > 0 && (
          <span class="toolbar-badge" aria-hidden="true">
            {props.badge > 99 ? '99+' : props.badge}
          </span>
        )}
      </span>
      <span class="toolbar-label">{props.label}</span>
    </button>
  );
}
