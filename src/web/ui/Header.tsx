/** The bar at the top of a page: its navigation (`children`) and, at the end, the language choice. */
import type { ComponentChildren } from 'preact';
import { LanguageChoice } from './LanguageChoice.js';

/** `class` defaults to `app-header`. */
export function Header(props: { children: ComponentChildren; class?: string }) {
  return (
    <header class={props.class ?? 'app-header'}>
      {props.children}
      <LanguageChoice />
    </header>
  );
}
