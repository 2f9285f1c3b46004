import './app/zod-config.js';
import { render } from 'preact';
import { App } from './app/App.js';
import { startLanguage } from './app/intl/catalogue.js';
import { startTheme } from './ui/index.js';
import './ui/design.css';
import './app/styles.css';

// The theme before anything is drawn (no inline script: the CSP forbids them).
startTheme();

// The language first (French loads its catalogues), so the first page is drawn in it.
void startLanguage().then(() => {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
});
