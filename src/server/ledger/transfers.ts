/**
 * Applying a batch of transfers, and expiring pending ones, each in one database transaction:
 * lock the accounts involved (in id order), load what the batch refers to, let the engine decide,
 * then write the transfers (with their accounts' balances after them), balances, expiries' history
 * rows and the journal entry together.
 */

import { strict as assert } from 'node:assert';
import { type Kysely, sql } from 'kysely';
import { limits } from '../../shared/limits.js';
import type { Clock } from '../platform/clock.js';
import { inIds, insertStatement, rowsJson, runStatements, updateByIdStatement } from './bulk.js';
import { appendJournal, canonicalJson, takeChangeNumbers } from './journal.js';
import { digestedChangesPayload, transferDigest } from './journal-payloads.js';
import {
  AccountRowSchema,
  findPendingStates,
  findTransfersByIds,
  PendingRowSchema,
  rowsOf,
  selectAccounts,
  selectTransfers,
  TransferRowSchema,
} from './rows.js';
import type { LedgerDatabase } from './tables.js';
import { type AccountEntry, type AppliedChange, applyBatch, type BatchState, expirePending } from './transfer-engine.js';
import type { Account, AccountId, Transfer, TransferId, TransferRequest, TransferResult } from './types.js';
import { inWriteTransaction, type LedgerStore } from './write-transaction.js';

type LedgerDb = Kysely<LedgerDatabase>;

/** Locks the accounts with these ids, in id order so that concurrent batches cannot deadlock. */
async function lockAccounts(store: LedgerStore, transaction: LedgerDb, ids: readonly string[]): Promise<Map<AccountId, Account>> {
  const accounts = new Map<AccountId, Account>();
  if (ids.length === 0) return accounts;
  const query = selectAccounts(transaction)
    .where(inIds(store, 'id', ids))
    .orderBy('id');
  const rows = await rowsOf(store.engine === 'postgres' ? query.forUpdate() : query, store.statements);
  for (const account of rows.map((row) => AccountRowSchema.parse(row))) accounts.set(account.id, account);
  return accounts;
}

/**
 * The transfers with these ids and, on PostgreSQL, `count` change numbers taken in the same round
 * trip (after the account locks, as numbering must be; numbers a batch does not use are gaps,
 * allowed). SQLite takes its numbers when it writes (in process, a counter under its write lock).
 */
async function findTransfersAndNumber(
  store: LedgerStore,
  transaction: LedgerDb,
  ids: readonly string[],
  count: number,
): Promise<{ transfers: Transfer[]; numbers: number[] | undefined }> {
  if (store.engine === 'sqlite')
    return { transfers: await findTransfersByIds(store, transaction, ids, store.statements), numbers: undefined };
  // One primary-key probe per id: a lateral lookup kept apart by `offset 0` (otherwise the planner
  // flattens it into a join and, as with `id = any(…)`, may hash-join a seq scan of a young table).
  const found = selectTransfers(transaction).where('id', '=', sql<string>`wanted.id`).offset(0);
  const { rows } = await sql<{ found: unknown[] | null; numbers: (number | string)[] }>`
    select (select json_agg(found) from unnest(${[...ids]}::text[]) as wanted (id) cross join lateral (${found}) as found) as found,
      (select json_agg(nextval('ledger_change_sequence')) from generate_series(1, ${count})) as numbers`.execute(transaction);
  const row = rows[0];
  assert(row, 'one row');
  return {
    transfers: (row.found ?? []).map((raw) => TransferRowSchema.parse(raw)),
    numbers: row.numbers.map(Number).sort((left, right) => left - right),
  };
}

async function loadBatchState(
  store: LedgerStore,
  transaction: LedgerDb,
  requests: readonly TransferRequest[],
  nowMs: number,
): Promise<{ state: BatchState; numbers: number[] | undefined }> {
  const pendingIds = [...new Set(requests.flatMap((request) => ('pendingId' in request ? [request.pendingId] : [])))];
  // Transfers are immutable, so the accounts of a pending transfer can be read before locking them.
  const targets = await findTransfersByIds(store, transaction, pendingIds, store.statements);
  const accountIds = new Set<string>();
  for (const request of requests) {
    if ('debitAccountId' in request) accountIds.add(request.debitAccountId).add(request.creditAccountId);
  }
  for (const target of targets) accountIds.add(target.debitAccountId).add(target.creditAccountId);
  const accounts = await lockAccounts(store, transaction, [...accountIds].sort());
  // Read after the locks: whoever changes these accounts' transfers holds the same locks.
  const requestIds = [...new Set(requests.map((request) => request.id))];
  const { transfers: existing, numbers } = await findTransfersAndNumber(store, transaction, requestIds, requests.length);
  const transfers = new Map<TransferId, Transfer>();
  for (const transfer of [...targets, ...existing]) transfers.set(transfer.id, transfer);
  const pendingStates = await findPendingStates(store, transaction, pendingIds, store.statements);
  return { state: { nowMs, accounts, transfers, pendingStates }, numbers };
}

const balanceColumns = ['debits_posted', 'credits_posted', 'debits_pending', 'credits_pending'];

/** Writes the new pending states, and returns the new balances' rows, to write. */
async function writePendingStates(transaction: LedgerDb, state: BatchState, changes: readonly AppliedChange[]) {
  const pendingRows = new Map<string, { transfer_id: string; status: string; expires_at_ms: number }>();
  const touched = new Set<AccountId>();
  for (const change of changes) {
    for (const entry of change.entries) touched.add(entry.accountId);
    const pending = change.pendingChange;
    if (pending)
      pendingRows.set(pending.transferId, { transfer_id: pending.transferId, status: pending.status, expires_at_ms: pending.expiresAtMs });
  }
  if (pendingRows.size > 0) {
    await transaction
      .insertInto('ledger_pending_transfers')
      .values([...pendingRows.values()])
      .onConflict((conflict) => conflict.column('transfer_id').doUpdateSet((row) => ({ status: row.ref('excluded.status') })))
      .execute();
  }
  const balanceRows = [...touched].map((id) => {
    const account = state.accounts.get(id);
    assert(account, `account ${id} changed without being locked`);
    return {
      id,
      debits_posted: account.debitsPosted,
      credits_posted: account.creditsPosted,
      debits_pending: account.debitsPending,
      credits_pending: account.creditsPending,
    };
  });
  return balanceRows;
}

/** A transfer's row, with the balances each side has right after it (its accounts' history), and its digest for the journal. */
function transferRow(transfer: Transfer, entries: readonly AccountEntry[]) {
  const debit = entries.find((entry) => entry.side === 'debit');
  const credit = entries.find((entry) => entry.side === 'credit');
  assert(debit && credit, `transfer ${transfer.id} moves no account`);
  const row = {
    id: transfer.id,
    sequence: transfer.sequence,
    kind: transfer.kind,
    debit_account_id: transfer.debitAccountId,
    credit_account_id: transfer.creditAccountId,
    amount: transfer.amount,
    currency_code: transfer.currency,
    description: transfer.description,
    reference: transfer.reference,
    pending_id: transfer.pendingId,
    expires_at_ms: transfer.expiresAtMs,
    timestamp_ms: transfer.timestampMs,
    debit_posted_balance_after: debit.postedBalanceAfter,
    debit_debits_pending_after: debit.debitsPendingAfter,
    debit_credits_pending_after: debit.creditsPendingAfter,
    credit_posted_balance_after: credit.postedBalanceAfter,
    credit_debits_pending_after: credit.debitsPendingAfter,
    credit_credits_pending_after: credit.creditsPendingAfter,
  };
  return { row, digest: transferDigest(transfer, debit, credit) };
}

/** The two history rows of an expiry, which makes no transfer row of its own. */
function expiryRows(change: AppliedChange, sequence: number, timestampMs: number) {
  return change.entries.map((entry) => ({
    account_id: entry.accountId,
    sequence,
    transfer_id: entry.transferId,
    event: entry.event,
    side: entry.side,
    amount: entry.amount,
    posted_balance_after: entry.postedBalanceAfter,
    debits_pending_after: entry.debitsPendingAfter,
    credits_pending_after: entry.creditsPendingAfter,
    timestamp_ms: timestampMs,
  }));
}

/**
 * Writes the changes of a batch or a sweep: numbers them (or uses `numbersTaken`, taken after the
 * account locks, at least one per change), writes balances and transfers (each with its accounts'
 * balances after it; an expiry, its two history rows), and appends the one journal entry that
 * lists them, last — on PostgreSQL in one call of `ledger_write_changes` (migration 0663), on
 * SQLite row by row through its prepared statements — so the chain head is held only from the
 * append to the commit.
 */
export async function writeChanges(
  store: LedgerStore,
  transaction: LedgerDb,
  state: BatchState,
  changes: readonly AppliedChange[],
  numbersTaken?: readonly number[],
): Promise<void> {
  if (changes.length === 0) return;
  assert(numbersTaken === undefined || numbersTaken.length >= changes.length, 'a number for every change');
  const numbers = numbersTaken?.slice(0, changes.length) ?? (await takeChangeNumbers(store, transaction, changes.length));
  const balanceRows = await writePendingStates(transaction, state, changes);
  const transferRows = [];
  const digests = new Map<string, string>();
  const expiryEntryRows = [];
  for (const [index, change] of changes.entries()) {
    const sequence = numbers[index] ?? 0;
    if (change.kind === 'transfer') {
      change.transfer.sequence = sequence;
      const { row, digest } = transferRow(change.transfer, change.entries);
      transferRows.push(row);
      digests.set(change.transfer.id, digest);
    } else {
      expiryEntryRows.push(...expiryRows(change, sequence, state.nowMs));
    }
  }
  const entry = { kind: 'changes_digested' as const, payload: digestedChangesPayload(changes, numbers, digests) };
  const cache = store.statements;
  if (cache) {
    cache.updateEachById('ledger_accounts', balanceColumns, balanceRows);
    cache.insertEach('ledger_transfers', transferRows);
    cache.insertEach('ledger_account_entries', expiryEntryRows);
    await appendJournal(store, transaction, [entry], state.nowMs);
    return;
  }
  if (store.engine === 'sqlite') {
    await runStatements(store, transaction, [
      updateByIdStatement(store, 'ledger_accounts', balanceColumns, balanceRows),
      insertStatement(store, 'ledger_transfers', transferRows),
      insertStatement(store, 'ledger_account_entries', expiryEntryRows),
    ]);
    await appendJournal(store, transaction, [entry], state.nowMs);
    return;
  }
  // PostgreSQL: one call of the function of migration 0663, which appends the entry last.
  await sql`select ledger_write_changes(${rowsJson(balanceRows)}::json, ${rowsJson(transferRows)}::json,
    ${rowsJson(expiryEntryRows)}::json, ${entry.kind}::text, ${canonicalJson(entry.payload)}::text, ${state.nowMs}::bigint)`.execute(
    transaction,
  );
}

/**
 * Applies a batch of transfer requests in one database transaction and returns one result per
 * request, in order. Linked: all or nothing. Unlinked: each alone, but still one transaction.
 */
export async function createTransfers(
  store: LedgerStore,
  clock: Clock,
  requests: readonly TransferRequest[],
  options: { linked: boolean },
): Promise<TransferResult[]> {
  if (requests.length === 0) return [];
  if (requests.length > limits.ledgerTransfersPerBatchMax) {
    throw new RangeError(`a batch holds at most ${limits.ledgerTransfersPerBatchMax} transfers`);
  }
  return inWriteTransaction(store, async (transaction) => {
    const { state, numbers } = await loadBatchState(store, transaction, requests, clock.nowMs());
    const outcome = applyBatch(state, requests, options.linked);
    await writeChanges(store, transaction, state, outcome.changes, numbers);
    return outcome.results;
  });
}

/**
 * Expires pending transfers whose deadline (by `clock`) has passed, at most
 * `limits.ledgerExpiriesPerSweepMax` per call, and returns how many it expired.
 */
export async function expirePendingTransfers(store: LedgerStore, clock: Clock): Promise<number> {
  const nowMs = clock.nowMs();
  const due = await store.db
    .selectFrom('ledger_pending_transfers')
    .select('transfer_id')
    .where('status', '=', 'pending')
    .where('expires_at_ms', '<=', nowMs)
    .orderBy('expires_at_ms')
    .limit(limits.ledgerExpiriesPerSweepMax)
    .execute();
  if (due.length === 0) return 0;
  return inWriteTransaction(store, async (transaction) => {
    const pendings = await findTransfersByIds(
      store,
      transaction,
      due.map((row) => row.transfer_id),
      store.statements,
    );
    const accountIds = [...new Set(pendings.flatMap((pending) => [pending.debitAccountId, pending.creditAccountId]))].sort();
    const accounts = await lockAccounts(store, transaction, accountIds);
    const pendingStates = await findPendingStates(
      store,
      transaction,
      pendings.map((pending) => pending.id),
      store.statements,
    );
    const state: BatchState = { nowMs, accounts, transfers: new Map(pendings.map((pending) => [pending.id, pending])), pendingStates };
    const changes = pendings
      .filter((pending) => {
        const pendingState = pendingStates.get(pending.id);
        return pendingState?.status === 'pending' && nowMs >= pendingState.expiresAtMs;
      })
      .map((pending) => expirePending(state, pending));
    await writeChanges(store, transaction, state, changes);
    return changes.length;
  });
}

/** A transfer, with its resolution state when it is a pending transfer. */
export async function findTransfer(
  store: LedgerStore,
  id: TransferId,
): Promise<{ transfer: Transfer; pendingStatus: 'pending' | 'posted' | 'voided' | 'expired' | null } | undefined> {
  const [transfer] = await findTransfersByIds(store, store.db, [id]);
  if (!transfer) return undefined;
  if (transfer.kind !== 'pending') return { transfer, pendingStatus: null };
  const row = await store.db.selectFrom('ledger_pending_transfers').selectAll().where('transfer_id', '=', id).executeTakeFirstOrThrow();
  return { transfer, pendingStatus: PendingRowSchema.parse(row).status };
}
