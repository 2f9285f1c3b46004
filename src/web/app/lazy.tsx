/** Pages loaded on first use, so the meeting page does not carry the account and network pages. */
import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';

/**
 * A component that loads its module the first time it is shown and renders nothing meanwhile
 * (a failed load is retried at the next render).
 */
export function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const loaded = signal<ComponentType<Props> | undefined>(undefined);
  let requested = false;
  const request = () => {
    if (requested) return;
    requested = true;
    load().then(
      (component) => {
        loaded.value = component;
      },
      () => {
        requested = false;
      },
    );
  };
  return function LazyComponent(props: Props) {
    const Component = loaded.value;
    if (Component) return <Component {...props} />;
    request();
    return null;
  };
}
