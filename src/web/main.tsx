import { render } from 'preact';
import { App } from './app/App.js';
import { setLanguage } from './app/i18n.js';
import './app/styles.css';

setLanguage(navigator.language);
const root = document.getElementById('app');
if (root) render(<App />, root);
