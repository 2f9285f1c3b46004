/**
 * A non-modal prompt in the page's flow (`role="alertdialog"`): a sentence and its actions,
 * announced at once, labelled by its sentence.
 */
import type { ComponentChildren } from 'preact';

export function Prompt(props: { text: string; children: ComponentChildren; class?: string }) {
  return (
    <div class={props.class ?? 'banner'} role="alertdialog" aria-label={props.text}>
      {props.text}
      {props.children}
    </div>
  );
}
