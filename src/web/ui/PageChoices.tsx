/**
 * The page's choices, side by side: language and theme. `floating` (default false): for pages
 * without a header, the page's footer, pinned to a corner on wide screens and at the end of the
 * page on phones (hidden when a header on the page has them, and on the meeting).
 */
import { lazyComponent } from '../app/lazy.js';
import { LanguageChoice } from './LanguageChoice.js';

// Loaded after the first render, so the meeting page's initial JavaScript does not carry it
// (the theme itself is shown before the first render, by theme.ts).
const ThemeChoice = lazyComponent(() => import('./ThemeChoice.js').then((module) => module.ThemeChoice));

export function PageChoices({ floating = false }: { floating?: boolean }) {
  const Container = floating ? 'footer' : 'div';
  return (
    <Container class={floating ? 'page-choices floating' : 'page-choices'}>
      <LanguageChoice />
      <ThemeChoice />
    </Container>
  );
}
