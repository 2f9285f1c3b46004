/** The end of every page but the live meeting: the language and theme choices. And the link that skips the header for keyboards and screen readers. */
import { appMessages } from '../app/messages.js';
import { PageChoices } from './PageChoices.js';

const { t } = appMessages;

export function AppFooter() {
  return (
    <footer class="app-footer">
      <PageChoices />
    </footer>
  );
}

/** The first thing a keyboard reaches: "Skip to content", to the page after the header (`#content`, the App's). Shown only while focused. */
export function SkipLink() {
  return (
    <a class="skip-link" href="#content">
      {t('nav.skip')}
    </a>
  );
}
