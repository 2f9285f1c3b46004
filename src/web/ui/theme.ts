/**
 * The colour theme: the system's setting (`prefers-color-scheme`, the default), or dark or light
 * as the person chose. The choice is kept in `localStorage` (`plenary.theme`) and shown as
 * `<html data-theme="dark|light">`, which ui/design.css reads; no attribute means the system's
 * setting. Only `startTheme` is in the entry chunk; the choice (ThemeChoice.tsx) loads after the
 * first render.
 */

/** The `localStorage` key of a person's choice (`dark` or `light`; none for the system's setting). */
export const themeStorageKey = 'plenary.theme';

/** Shows the saved choice (else the system's setting); called by the entry module before the first render. */
export function startTheme(): void {
  try {
    const saved = localStorage.getItem(themeStorageKey);
    if (saved === 'dark' || saved === 'light') document.documentElement.dataset.theme = saved;
  } catch {
    // Storage may be refused (private modes); the system's setting then applies.
  }
}
