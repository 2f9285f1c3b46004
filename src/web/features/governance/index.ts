/** The co-op's governance pages in the browser: `/coop` (classes, membership, applying), `/coop/register`, `/coop/proposals` and `/coop/proposals/:id`. */
export { CoopPage } from './CoopPage.js';
export { ProposalPage } from './ProposalPage.js';
export { ProposalsPage } from './ProposalsPage.js';
export { RegisterPage } from './RegisterPage.js';
