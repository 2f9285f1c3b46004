/** A small path router: the address bar is the state, mirrored in a signal; `navigate()` changes it. */
import { signal } from '@preact/signals';

/** The current path; components that read `.value` re-render when it changes. */
export const currentPath = signal(location.pathname);

window.addEventListener('popstate', () => {
  currentPath.value = location.pathname;
});

/** Goes to `path` in this tab without reloading. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  currentPath.value = location.pathname;
}

/** The current path; re-renders the caller when it changes. */
export function usePath(): string {
  return currentPath.value;
}
