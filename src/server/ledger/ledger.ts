import type { Clock } from '../platform/clock.js';
import type { Storage } from '../storage/index.js';
import {
  type AccountChange,
  type AccountOutcome,
  changeAccountLimits,
  changeAccountState,
  createAccount,
  createCurrency,
  findAccount,
  type LimitsChange,
  listAccountChanges,
  listCurrencies,
  type NewAccount,
  type NewCurrency,
  type StateChange,
} from './accounts.js';
import { type Statement, type StatementQuery, statement, statementCsv, type TrialBalance, trialBalance } from './statements.js';
import { createTransfers, expirePendingTransfers, findTransfer } from './transfers.js';
import { type MonthlyTurnover, turnoverByMonth } from './turnover.js';
import type {
  Account,
  AccountId,
  Currency,
  CurrencyCode,
  PendingStatus,
  Transfer,
  TransferId,
  TransferRequest,
  TransferResult,
} from './types.js';
import { type VerificationReport, verifyLedger } from './verify.js';
import { type LedgerStore, ledgerStore } from './write-transaction.js';

/** The mutual-credit ledger over a migrated `Storage` (with `ledgerMigrations`). Time comes from `clock`. */
export class Ledger {
  private readonly store: LedgerStore;

  constructor(
    storage: Storage,
    private readonly clock: Clock,
  ) {
    this.store = ledgerStore(storage);
  }

  /** Creates a currency; idempotent by code. */
  createCurrency(input: NewCurrency): Promise<AccountOutcome<Currency>> {
    return createCurrency(this.store, this.clock, input);
  }

  /** Every currency, by code. */
  listCurrencies(): Promise<Currency[]> {
    return listCurrencies(this.store);
  }

  /** Opens an account at zero; idempotent by id. */
  createAccount(input: NewAccount): Promise<AccountOutcome<Account>> {
    return createAccount(this.store, this.clock, input);
  }

  /** One account with its balances, or undefined. */
  findAccount(id: AccountId): Promise<Account | undefined> {
    return findAccount(this.store.db, id);
  }

  /** Changes an account's limits (recorded with who and why); refused if its balance would fall outside them. */
  changeAccountLimits(id: AccountId, change: LimitsChange): Promise<AccountOutcome<Account>> {
    return changeAccountLimits(this.store, this.clock, id, change);
  }

  /** Freezes, unfreezes or closes an account (recorded with who and why). */
  changeAccountState(id: AccountId, change: StateChange): Promise<AccountOutcome<Account>> {
    return changeAccountState(this.store, this.clock, id, change);
  }

  /** The recorded limit and state changes of an account, oldest first. */
  listAccountChanges(id: AccountId): Promise<AccountChange[]> {
    return listAccountChanges(this.store, id);
  }

  /**
   * Applies up to `limits.ledgerTransfersPerBatchMax` transfers in one database transaction; one
   * result per request, in order. `linked` (default false) makes the batch all-or-nothing.
   */
  createTransfers(requests: readonly TransferRequest[], options: { linked?: boolean } = {}): Promise<TransferResult[]> {
    return createTransfers(this.store, this.clock, requests, { linked: options.linked ?? false });
  }

  /** A transfer and, for a pending one, whether it is still pending. */
  findTransfer(id: TransferId): Promise<{ transfer: Transfer; pendingStatus: PendingStatus | null } | undefined> {
    return findTransfer(this.store, id);
  }

  /** Releases pending transfers past their deadline; returns how many. Call it periodically. */
  expirePendingTransfers(): Promise<number> {
    return expirePendingTransfers(this.store, this.clock);
  }

  /** A page of an account's statement over [fromMs, toMs), or undefined for an unknown account. */
  statement(accountId: AccountId, query: StatementQuery): Promise<Statement | undefined> {
    return statement(this.store, accountId, query);
  }

  /** An account's statement over [fromMs, toMs) as CSV, or undefined for an unknown account. */
  statementCsv(accountId: AccountId, query: { fromMs: number; toMs: number }): Promise<string | undefined> {
    return statementCsv(this.store, accountId, query);
  }

  /** Every account of a currency with the totals, which always sum to zero. */
  trialBalance(currency: CurrencyCode): Promise<TrialBalance> {
    return trialBalance(this.store, currency);
  }

  /** Completed movements of `currency` per calendar month (UTC) from `fromMs` on, newest first. */
  turnoverByMonth(currency: CurrencyCode, fromMs: number): Promise<MonthlyTurnover[]> {
    return turnoverByMonth(this.store, currency, fromMs);
  }

  /** Verifies the hash chain and every invariant from scratch; reports the first broken entry. */
  verify(): Promise<VerificationReport> {
    return verifyLedger(this.store);
  }
}
