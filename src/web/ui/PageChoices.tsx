/** The page's choices, side by side: language and theme (in the app's footer; not on the meeting). */
import { lazyComponent } from '../app/lazy.js';
import { LanguageChoice } from './LanguageChoice.js';

// Loaded after the first render, so the meeting page's initial JavaScript does not carry it
// (the theme itself is shown before the first render, by theme.ts).
const ThemeChoice = lazyComponent(() => import('./ThemeChoice.js').then((module) => module.ThemeChoice));

export function PageChoices() {
  return (
    <div class="page-choices">
      <LanguageChoice />
      <ThemeChoice />
    </div>
  );
}
