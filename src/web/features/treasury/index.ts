/** The treasurer's page in the browser, `/operator/treasury`, for the co-op's operators. */
export { TreasuryPage } from './TreasuryPage.js';
