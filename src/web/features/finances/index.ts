/** The co-op's finances in the browser: one page, `/coop/finances`, open to the co-op's members. */
export { FinancesPage } from './FinancesPage.js';
