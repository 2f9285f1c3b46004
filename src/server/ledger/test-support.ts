/** Helpers for the ledger's tests: a fresh ledger on an engine, with a currency and accounts. */
import { type Kysely, sql } from 'kysely';
import { ManualClock } from '../platform/clock.js';
import type { Storage, StorageEngine } from '../storage/index.js';
import { openTestStorage, type TestStorage } from '../storage/testing.js';
import { transferIdsListed } from './journal-payloads.js';
import { Ledger } from './ledger.js';
import { ledgerMigrations } from './migrations.js';
import type { LedgerDatabase } from './tables.js';
import {
  type AccountId,
  AccountIdSchema,
  type CurrencyCode,
  CurrencyCodeSchema,
  type TransferId,
  TransferIdSchema,
  type TransferRequest,
  type TransferRequestJson,
  TransferRequestSchema,
} from './types.js';

/** A ledger on a fresh database, its storage and its clock. */
export interface TestLedger {
  ledger: Ledger;
  storage: TestStorage;
  clock: ManualClock;
}

/** Opens a fresh ledger on `engine` with currency `SOLI` (scale 2). */
export async function openTestLedger(engine: StorageEngine): Promise<TestLedger> {
  const storage = await openTestStorage(engine, ledgerMigrations);
  const clock = new ManualClock();
  const ledger = new Ledger(storage, clock);
  const created = await ledger.createCurrency({ code: currency, name: 'Solidarity credit', scale: 2 });
  if (created.result !== 'ok') throw new Error(created.result);
  return { ledger, storage, clock };
}

/** The test currency. */
export const currency: CurrencyCode = CurrencyCodeSchema.parse('SOLI');

/** An account id from a string. */
export const accountId = (id: string): AccountId => AccountIdSchema.parse(id);
/** A transfer id from a string. */
export const transferId = (id: string): TransferId => TransferIdSchema.parse(id);

/** Opens member accounts `ids` with limits [lower, upper]. */
export async function openAccounts(ledger: Ledger, ids: readonly string[], lowerLimit: bigint | null, upperLimit: bigint | null) {
  for (const id of ids) {
    const outcome = await ledger.createAccount({
      id: accountId(id),
      currency,
      ownerKind: 'member_organisation',
      ownerId: id,
      lowerLimit,
      upperLimit,
    });
    if (outcome.result !== 'ok') throw new Error(`${id}: ${outcome.result}`);
  }
}

/** Parses a transfer request written as JSON (amounts as strings), filling defaults. */
export function request(json: Partial<TransferRequestJson> & { id: string }): TransferRequest {
  const withDefaults = 'pendingId' in json ? json : { kind: 'single_phase', currency: 'SOLI', ...json };
  return TransferRequestSchema.parse(withDefaults);
}

/** How the database records each transfer id: its journal entries and its accounts' history lines (movements). */
export interface TransferTraces {
  journalEntries: Map<string, number>;
  movements: Map<string, number>;
}

/**
 * Counts, per transfer id, the journal entries that list it and the lines of account history that
 * name it (one per side a transfer moves, kept in its row since 0662; expiries' in history rows):
 * a transfer applied once has one entry and two movements.
 */
export async function transferTraces(storage: Storage): Promise<TransferTraces> {
  const db = storage.db as unknown as Kysely<LedgerDatabase>;
  const journalEntries = new Map<string, number>();
  const entries = await db.selectFrom('ledger_journal').select(['kind', 'payload']).execute();
  for (const { kind, payload } of entries) {
    for (const id of transferIdsListed(kind, payload)) journalEntries.set(id, (journalEntries.get(id) ?? 0) + 1);
  }
  const movements = new Map<string, number>();
  const count = (id: string, lines: number) => movements.set(id, (movements.get(id) ?? 0) + lines);
  for (const side of ['debit', 'credit'] as const) {
    const sides = await db.selectFrom('ledger_transfers').select('id').where(`${side}_posted_balance_after`, 'is not', null).execute();
    for (const row of sides) count(row.id, 1);
  }
  const rows = await db
    .selectFrom('ledger_account_entries')
    .select(['transfer_id', (expression) => expression.fn.countAll<number | string>().as('count')])
    .groupBy('transfer_id')
    .execute();
  for (const row of rows) count(row.transfer_id, Number(row.count));
  return { journalEntries, movements };
}

/** Drops the triggers that keep the journal and the transfers append-only, to tamper with them in a test. */
export async function dropAppendOnlyGuards(storage: Storage): Promise<void> {
  for (const table of ['ledger_journal', 'ledger_transfers']) {
    if (storage.engine === 'sqlite') {
      for (const operation of ['update', 'delete']) await sql.raw(`drop trigger ${table}_refuses_${operation}`).execute(storage.db);
    } else {
      await sql.raw(`drop trigger ${table}_is_append_only on ${table}`).execute(storage.db);
    }
  }
}

/**
 * Edits of a transfer row behind the ledger's back, each with the edit that undoes it: every
 * field the row holds, the balances kept for its accounts' statements included.
 */
export const transferRowEdits = {
  amount: ['amount = amount + 1', 'amount = amount - 1'],
  sequence: ['sequence = sequence + 1000000000', 'sequence = sequence - 1000000000'],
  description: ["description = description || '~'", 'description = substr(description, 1, length(description) - 1)'],
  accounts: ['debit_account_id = credit_account_id, credit_account_id = debit_account_id'],
  timestamp: ['timestamp_ms = timestamp_ms + 1', 'timestamp_ms = timestamp_ms - 1'],
  creditPostedBalanceAfter: [
    'credit_posted_balance_after = credit_posted_balance_after + 1',
    'credit_posted_balance_after = credit_posted_balance_after - 1',
  ],
  debitDebitsPendingAfter: [
    'debit_debits_pending_after = debit_debits_pending_after + 1',
    'debit_debits_pending_after = debit_debits_pending_after - 1',
  ],
} as const;

/** Applies edit `edit` (or its undoing) to the stored transfer `id`; the append-only guards must be dropped first. */
export async function editTransferRow(storage: Storage, id: string, edit: keyof typeof transferRowEdits, undo = false): Promise<void> {
  const [forward, backward] = transferRowEdits[edit];
  await sql`update ledger_transfers set ${sql.raw(undo ? (backward ?? forward) : forward)} where id = ${id}`.execute(storage.db);
}
