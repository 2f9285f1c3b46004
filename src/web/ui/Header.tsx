/** The bar at the top of a page: its navigation (`children`) and, at the end, the language and theme choices. */
import type { ComponentChildren } from 'preact';
import { PageChoices } from './PageChoices.js';

/** `class` defaults to `app-header`. */
export function Header(props: { children: ComponentChildren; class?: string }) {
  return (
    <header class={props.class ?? 'app-header'}>
      {props.children}
      <PageChoices />
    </header>
  );
}
