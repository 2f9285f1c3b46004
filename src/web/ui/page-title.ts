/** The window's title: the page's own, then the app's name. */
import { useEffect } from 'preact/hooks';
import { appMessages } from '../app/messages.js';

/** Sets `document.title` to "`title` · Plenary" while the calling page is shown (and when `title` changes); `undefined` gives the app's name alone. */
export function usePageTitle(title: string | undefined): void {
  const name = appMessages.t('app.name');
  const full = title ? `${title} · ${name}` : name;
  useEffect(() => {
    document.title = full;
  }, [full]);
}
