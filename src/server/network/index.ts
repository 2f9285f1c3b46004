/**
 * The mutual-credit network: trading members (organisations) with ledger accounts and credit
 * limits, a directory of offers and wants, payments, payment requests with auto-accept,
 * statements, and the administrators' overview. See CONTEXT.md.
 */
export type { Actor, NetworkDependencies, NetworkSettings, NetworkStatusChange } from './context.js';
export { type CreditAccount, type CreditAccounts, creditAccounts } from './credit-accounts.js';
export { type NetworkHttpOptions, networkHttp } from './http.js';
export { type NetworkTables, networkMigrations } from './migrations.js';
export { type NetworkServices, startNetworkServices } from './network-services.js';
export { availableOf } from './payments-service.js';
