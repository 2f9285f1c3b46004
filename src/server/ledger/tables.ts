/**
 * The ledger's tables, for Kysely. Integer amounts are written as `bigint` and always read back
 * as text (`cast(… as text)`), then parsed by the row schemas in `rows.ts`: SQLite would
 * otherwise round values above 2^53 to a JS number.
 */
import type { ColumnType } from 'kysely';

/** An integer column written as `bigint` and read back through a cast to text. */
type Int64Column = ColumnType<unknown, bigint, bigint>;
/** A nullable one. */
type NullableInt64Column = ColumnType<unknown, bigint | null, bigint | null>;
/** Milliseconds or a sequence number: written as a number, read back as a number or (PostgreSQL bigint) a string. */
type CounterColumn = ColumnType<number | string, number, number>;

/** Currencies. */
export interface LedgerCurrenciesTable {
  code: string;
  name: string;
  scale: number;
  created_at_ms: CounterColumn;
}

/** Accounts with their four balance counters. */
export interface LedgerAccountsTable {
  id: string;
  currency_code: string;
  owner_kind: string;
  owner_id: string;
  lower_limit: NullableInt64Column;
  upper_limit: NullableInt64Column;
  state: string;
  debits_posted: Int64Column;
  credits_posted: Int64Column;
  debits_pending: Int64Column;
  credits_pending: Int64Column;
  created_at_ms: CounterColumn;
}

/** Recorded limit and state changes, keyed by journal sequence. */
export interface LedgerAccountChangesTable {
  sequence: CounterColumn;
  account_id: string;
  change: string;
  lower_limit: NullableInt64Column;
  upper_limit: NullableInt64Column;
  state: string;
  changed_by: string;
  reason: string;
  changed_at_ms: CounterColumn;
}

/** Transfers; append-only. */
export interface LedgerTransfersTable {
  id: string;
  sequence: CounterColumn;
  kind: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: Int64Column;
  currency_code: string;
  description: string;
  reference: string;
  pending_id: string | null;
  expires_at_ms: ColumnType<number | string | null, number | null, number | null>;
  timestamp_ms: CounterColumn;
  /** From migration 0662 (null before): the debit account's posted balance, pending debits and credits right after it. */
  debit_posted_balance_after: NullableInt64Column;
  debit_debits_pending_after: NullableInt64Column;
  debit_credits_pending_after: NullableInt64Column;
  /** From migration 0662 (null before): the same for the credit account. */
  credit_posted_balance_after: NullableInt64Column;
  credit_debits_pending_after: NullableInt64Column;
  credit_credits_pending_after: NullableInt64Column;
}

/** The resolution state of each pending transfer. */
export interface LedgerPendingTransfersTable {
  transfer_id: string;
  status: string;
  expires_at_ms: CounterColumn;
}

/**
 * Per-account history rows: each expiry's two sides, and every movement written before migration
 * 0662 (later transfers keep their balances in their own row).
 */
export interface LedgerAccountEntriesTable {
  account_id: string;
  sequence: CounterColumn;
  transfer_id: string;
  event: string;
  side: string;
  amount: Int64Column;
  posted_balance_after: Int64Column;
  debits_pending_after: Int64Column;
  credits_pending_after: Int64Column;
  timestamp_ms: CounterColumn;
}

/** The hash-chained journal; append-only. */
export interface LedgerJournalTable {
  sequence: CounterColumn;
  kind: string;
  payload: string;
  previous_hash: string;
  hash: string;
  recorded_at_ms: CounterColumn;
}

/** One row: the last journal sequence and hash, locked by every writer. */
export interface LedgerChainHeadTable {
  id: number;
  sequence: CounterColumn;
  hash: string;
  /** SQLite only (PostgreSQL has the sequence `ledger_change_sequence`): the last change number given. */
  change_sequence: ColumnType<number | string, never, number>;
}

/** Every ledger table. */
export interface LedgerDatabase {
  ledger_currencies: LedgerCurrenciesTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_account_changes: LedgerAccountChangesTable;
  ledger_transfers: LedgerTransfersTable;
  ledger_pending_transfers: LedgerPendingTransfersTable;
  ledger_account_entries: LedgerAccountEntriesTable;
  ledger_journal: LedgerJournalTable;
  ledger_chain_head: LedgerChainHeadTable;
}
