/** The mutual-credit network in the browser: its pages, chosen by path (see `routes.tsx`). */
export { networkPage } from './routes.js';
