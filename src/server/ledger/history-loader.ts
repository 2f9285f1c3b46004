/**
 * Builds a large ledger quickly, for benchmarks (`bench/ledger.ts`): opens accounts and applies
 * transfers through the ledger's own rules (`applyBatch`) and its own writes (`writeChanges`,
 * `appendJournal`), so the tables and the journal are exactly what `createTransfers` would have
 * left and the result verifies. It skips the locking reads and commits many batches at once, so a
 * million transfers take seconds rather than minutes. It assumes nobody else writes meanwhile:
 * not for use on a live ledger.
 */
import type { Kysely } from 'kysely';
import type { Storage } from '../storage/index.js';
import { accountRow } from './accounts.js';
import { insertRows } from './bulk.js';
import { appendJournal } from './journal.js';
import { accountPayload } from './journal-payloads.js';
import { AccountRowSchema, selectAccounts } from './rows.js';
import type { LedgerDatabase } from './tables.js';
import { applyBatch, type BatchState } from './transfer-engine.js';
import { writeChanges } from './transfers.js';
import type { Account, AccountId, CurrencyCode, TransferRequest } from './types.js';
import { inWriteTransaction, type LedgerStore } from './write-transaction.js';

/** Transfers per `applyBatch` (the largest batch the ledger accepts) and batches per transaction. */
const transfersPerBatch = 1000;
const batchesPerTransaction = 10;
const accountsPerTransaction = 5000;

function storeOf(storage: Storage): LedgerStore {
  return { db: storage.db as unknown as Kysely<LedgerDatabase>, engine: storage.engine };
}

/**
 * Opens accounts `ids` in `currency` (which must exist) at zero with the given limits, several
 * thousand per transaction, each with its `account_created` journal entry.
 */
export async function loadAccounts(
  storage: Storage,
  nowMs: number,
  currency: CurrencyCode,
  ids: readonly AccountId[],
  limits: { lowerLimit: bigint | null; upperLimit: bigint | null },
): Promise<void> {
  const store = storeOf(storage);
  for (let start = 0; start < ids.length; start += accountsPerTransaction) {
    const accounts: Account[] = ids.slice(start, start + accountsPerTransaction).map((id) => ({
      id,
      currency,
      ownerKind: 'member_organisation',
      ownerId: id,
      ...limits,
      state: 'active',
      debitsPosted: 0n,
      creditsPosted: 0n,
      debitsPending: 0n,
      creditsPending: 0n,
      createdAtMs: nowMs,
    }));
    await inWriteTransaction(store, async (transaction) => {
      await insertRows(store, transaction, 'ledger_accounts', accounts.map(accountRow));
      const entries = accounts.map((account) => ({ kind: 'account_created' as const, payload: accountPayload(account) }));
      await appendJournal(store, transaction, entries, nowMs);
    });
  }
}

/**
 * Applies `count` transfers made by `next()` (new transfers between existing accounts), in
 * batches of 1,000 through the ledger's rules and writes, ten batches per transaction. Throws
 * when one is refused, since a benchmark's history should hold exactly `count` transfers.
 */
export async function loadTransfers(storage: Storage, nowMs: number, count: number, next: () => TransferRequest): Promise<void> {
  const store = storeOf(storage);
  const accounts = new Map<AccountId, Account>();
  for (const row of await selectAccounts(store.db).execute()) {
    const account = AccountRowSchema.parse(row);
    accounts.set(account.id, account);
  }
  let left = count;
  while (left > 0) {
    await inWriteTransaction(store, async (transaction) => {
      for (let batch = 0; batch < batchesPerTransaction && left > 0; batch++) {
        const requests = Array.from({ length: Math.min(transfersPerBatch, left) }, next);
        const state: BatchState = { nowMs, accounts, transfers: new Map(), pendingStates: new Map() };
        const outcome = applyBatch(state, requests, false);
        const refused = outcome.results.find((result) => result.result !== 'ok' || result.replayed);
        if (refused) throw new Error(`history transfer ${refused.id}: ${refused.result}`);
        await writeChanges(store, transaction, state, outcome.changes);
        left -= requests.length;
      }
    });
  }
}
