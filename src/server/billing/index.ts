/** Billing: plans, subscriptions and what they allow meetings, invoices and their payments. */
export { BillingService, type BillingServiceOptions, planView } from './billing-service.js';
export { type BillingFailure, type BillingResult, billingFailureStatus } from './failures.js';
export type { CoopFinances } from './finances.js';
export { type FinancesHttpOptions, financesHttp } from './finances-http.js';
export { type BillingHttpOptions, billingHttp } from './http.js';
export type { BankAccount, InvoiceDocument, InvoiceParty } from './invoice-document.js';
export { type InvoiceTerms, invoiceTermsOf, type Seller } from './invoicing.js';
export { type BillingTables, billingMigrations } from './migrations.js';
export { freePlanId, seedPlans } from './plans.js';
export type { PaymentProvider, Treasury } from './treasury.js';
export { type TreasuryHttpOptions, treasuryHttp } from './treasury-http.js';
export { type UsageHttpOptions, usageHttp } from './usage-http.js';
