/**
 * Closing what is open (a menu, a popover) when the person moves on: a pointer pressed or the
 * focus moved anywhere outside `root`. Imported by its own path (`ui/dismiss.js`).
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * While `open`, calls `close` when a pointer goes down or the focus lands outside `root`. The
 * listeners stay on the document for the component's life and read `open` as last rendered: a
 * click right after the panel appears, before effects run on a loaded machine, still closes it.
 */
export function useDismissOutside(open: boolean, root: RefObject<Element>, close: () => void): void {
  const latest = useRef({ open, close });
  latest.current = { open, close };
  useEffect(() => {
    const closeOutside = (event: Event) => {
      if (latest.current.open && event.target instanceof Node && !root.current?.contains(event.target)) latest.current.close();
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('focusin', closeOutside);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('focusin', closeOutside);
    };
  }, [root]);
}
