/** What an empty list or page shows: a sentence saying what is missing, and optionally what to do (`children`). */
import type { ComponentChildren } from 'preact';

export function EmptyState(props: { text: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p>{props.text}</p>
      {props.children}
    </div>
  );
}
