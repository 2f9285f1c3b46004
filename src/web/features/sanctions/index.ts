/** The co-op's log of suspensions and appeals in the browser: `/coop/sanctions` (the log, appealing, and for operators suspending and lifting). */
export { SanctionsPage } from './SanctionsPage.js';
