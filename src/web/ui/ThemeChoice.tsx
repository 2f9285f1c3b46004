/** The theme choice: the system's setting, dark or light; shown at once and remembered (see theme.ts). */
import { signal } from '@preact/signals';
import { appMessages } from '../app/messages.js';
import { themeStorageKey } from './theme.js';

const { t } = appMessages;
const themeNames = { system: 'theme.system', dark: 'theme.dark', light: 'theme.light' } as const;

/** Every theme choice; `system` follows the operating system's setting. */
export const themes = ['system', 'dark', 'light'] as const;
export type Theme = (typeof themes)[number];

/** True when `value` names a theme choice. */
export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (themes as readonly string[]).includes(value);
}

/** Shows `theme` on `<html data-theme>` (none for `system`). */
function showTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** The theme being shown: the `<html data-theme>` attribute, else `system`. */
function shownTheme(): Theme {
  const theme = document.documentElement.dataset.theme;
  return isTheme(theme) ? theme : 'system';
}

/** The theme chosen; every theme choice on the page reads it. */
const currentTheme = signal<Theme>(shownTheme());

/** Shows `theme` and remembers it (`system` forgets the choice). */
export function chooseTheme(theme: Theme): void {
  currentTheme.value = theme;
  showTheme(theme);
  try {
    if (theme === 'system') localStorage.removeItem(themeStorageKey);
    else localStorage.setItem(themeStorageKey, theme);
  } catch {
    // Not remembered; shown all the same.
  }
}

export function ThemeChoice() {
  return (
    <label class="theme-choice">
      <span>{t('nav.theme')}</span>
      <select
        value={currentTheme.value}
        onChange={(event) => {
          const theme = event.currentTarget.value;
          if (isTheme(theme)) chooseTheme(theme);
        }}
      >
        {themes.map((theme) => (
          <option key={theme} value={theme}>
            {t(themeNames[theme])}
          </option>
        ))}
      </select>
    </label>
  );
}
