/**
 * The mutual-credit ledger: currencies, zero-sum accounts with credit limits, exactly-once and
 * two-phase transfers, linked batches, a hash-chained journal with a verifier, statements and a
 * trial balance. See GUARANTEES.md for what always holds and CONTEXT.md for how it is built.
 */
export type { AccountChange, AccountFailureCode, AccountOutcome, LimitsChange, NewAccount, NewCurrency, StateChange } from './accounts.js';
export { type LedgerHttpOptions, ledgerHttp } from './http.js';
export { Ledger } from './ledger.js';
export { ledgerMigrations } from './migrations.js';
export { ledgerOpenApi } from './openapi.js';
export { formatMinorUnits, type Statement, type StatementLine, type StatementQuery, type TrialBalance } from './statements.js';
export type { MonthlyTurnover } from './turnover.js';
export {
  type Account,
  type AccountId,
  AccountIdSchema,
  type AccountState,
  type Currency,
  type CurrencyCode,
  CurrencyCodeSchema,
  int64Max,
  type OwnerKind,
  type PendingStatus,
  type Transfer,
  TransferBatchSchema,
  type TransferFailureCode,
  type TransferId,
  TransferIdSchema,
  type TransferKind,
  type TransferRequest,
  type TransferRequestJson,
  TransferRequestSchema,
  type TransferResult,
  transferFailureCodes,
} from './types.js';
export type { VerificationProblem, VerificationReport } from './verify.js';
