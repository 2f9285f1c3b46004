/** An in-app link: a real `<a href>` (keyboard, middle-click) that navigates without reloading. */
import type { ComponentChildren } from 'preact';
import { navigate } from '../../app/router.js';

export function Link(props: { href: string; children: ComponentChildren; class?: string }) {
  return (
    <a
      href={props.href}
      class={props.class}
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
