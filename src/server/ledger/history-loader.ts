import type { Storage } from '../storage/index.js';
import { accountRow } from './accounts.js';
import { insertRows } from './bulk.js';
import { appendJournal } from './journal.js';
import { accountPayload } from './journal-payloads.js';
import { AccountRowSchema, selectAccounts } from './rows.js';
import { applyBatch, type BatchState } from './transfer-engine.js';
import { writeChanges } from './transfers.js';
import type { Account, AccountId, CurrencyCode, TransferRequest } from './types.js';
import { inWriteTransaction, ledgerStore } from './write-transaction.js';

/** Transfers per `applyBatch` (the largest batch the ledger accepts) and batches per transaction. */
const transfersPerBatch = 1000;
const batchesPerTransaction = 10;
const accountsPerTransaction = 5000;

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
  const store = ledgerStore(storage);
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
  const store = ledgerStore(storage);
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
