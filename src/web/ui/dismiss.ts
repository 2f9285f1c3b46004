/**
 * Closing what is open (a menu, a popover) when the person moves on: a pointer pressed or the
 * focus moved anywhere outside `root`. Imported by its own path (`ui/dismiss.js`).
 */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** While `open`, calls `close` when a pointer goes down or the focus lands outside `root`. */
export function useDismissOutside(open: boolean, root: RefObject<Element>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: Event) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) close();
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('focusin', closeOutside);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('focusin', closeOutside);
    };
  }, [open]);
}
