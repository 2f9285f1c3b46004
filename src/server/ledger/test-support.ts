/** Helpers for the ledger's tests: a fresh ledger on an engine, with a currency and accounts. */
import type { Kysely } from 'kysely';
import { ManualClock } from '../platform/clock.js';
import type { Storage, StorageEngine } from '../storage/index.js';
import { openTestStorage, type TestStorage } from '../storage/testing.js';
import { ChangesAppliedPayloadSchema } from './journal-payloads.js';
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
  const payloads = await db.selectFrom('ledger_journal').select('payload').where('kind', '=', 'changes_applied').execute();
  for (const { payload } of payloads) {
    for (const change of ChangesAppliedPayloadSchema.parse(JSON.parse(payload)).changes) {
      if ('transfer' in change) journalEntries.set(change.transfer.id, (journalEntries.get(change.transfer.id) ?? 0) + 1);
    }
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
