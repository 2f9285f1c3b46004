/** An in-app link: a real `<a href>` (keyboard, middle-click) that navigates without reloading. */
import type { ComponentChildren } from 'preact';
import { navigate } from '../app/router.js';

/** `current`: this link is the page being shown (`aria-current="page"`). Default false. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; current?: boolean }) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
