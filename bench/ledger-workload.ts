/**
 * What `bench/ledger.ts` sends, to the ledger and to the plain-insert baseline: random transfers
 * between a ledger's accounts, the baseline's table and inserts, and the timing of one slice.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { loadAccounts, loadTransfers } from '../src/server/ledger/history-loader.js';
import { AccountIdSchema, CurrencyCodeSchema, Ledger, type TransferRequest, TransferRequestSchema } from '../src/server/ledger/index.js';
import { ManualClock } from '../src/server/platform/clock.js';
import type { Storage } from '../src/server/storage/index.js';

/** The benchmark's currency. */
export const currency = CurrencyCodeSchema.parse('BENCH');
/** The baseline's table, beside the ledger's in the same database. */
export const plainTable = 'bench_plain_transfers';

/** A transfer's row, as the ledger stores it and as the baseline inserts it. */
export interface PlainRow {
  id: string;
  sequence: number;
  kind: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: string;
  currency_code: string;
  description: string;
  reference: string;
  pending_id: string | null;
  expires_at_ms: number | null;
  timestamp_ms: number;
}
/** The baseline's database: its one table. */
export type PlainDatabase = { [plainTable]: PlainRow };

/** A random transfer between two of the first `accountsCount` accounts, with a random id as a client would choose. */
export function randomTransfer(accountsCount: number): TransferRequest {
  const first = Math.floor(Math.random() * accountsCount);
  const second = (first + 1 + Math.floor(Math.random() * (accountsCount - 1))) % accountsCount;
  return TransferRequestSchema.parse({
    kind: 'single_phase',
    id: `t-${randomBytes(12).toString('hex')}`,
    debitAccountId: `a${first}`,
    creditAccountId: `a${second}`,
    amount: String(1 + Math.floor(Math.random() * 1000)),
    currency,
  });
}

let plainSequence = 0;
/** The row the baseline inserts for `request` (a new transfer). */
export function plainRow(request: TransferRequest): PlainRow {
  if (!('debitAccountId' in request)) throw new Error('only new transfers');
  plainSequence += 1;
  return {
    id: request.id,
    sequence: plainSequence,
    kind: request.kind,
    debit_account_id: request.debitAccountId,
    credit_account_id: request.creditAccountId,
    amount: String(request.amount),
    currency_code: request.currency,
    description: request.description,
    reference: request.reference,
    pending_id: null,
    expires_at_ms: null,
    timestamp_ms: 0,
  };
}

/** The baseline's table: shaped like `ledger_transfers` before 0662, a text primary key and no other index. */
export async function createPlainTable(db: Kysely<PlainDatabase>): Promise<void> {
  await sql
    .raw(`create table ${plainTable} (id text primary key, sequence bigint not null, kind text not null,
      debit_account_id text not null, credit_account_id text not null, amount bigint not null, currency_code text not null,
      description text not null, reference text not null, pending_id text, expires_at_ms bigint, timestamp_ms bigint not null)`)
    .execute(db);
}

/** One request of the baseline: one plain `INSERT … VALUES`, in a transaction of its own when it holds several rows. */
export async function insertPlain(db: Kysely<PlainDatabase>, rows: PlainRow[]): Promise<void> {
  if (rows.length === 1) {
    await db.insertInto(plainTable).values(rows).execute();
    return;
  }
  await db.transaction().execute((transaction) => transaction.insertInto(plainTable).values(rows).execute());
}

/** `count` random rows into the baseline's table, 10,000 per transaction. */
export async function loadPlainHistory(db: Kysely<PlainDatabase>, count: number, accountsCount: number): Promise<void> {
  for (let done = 0; done < count; done += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, count - done) }, () => plainRow(randomTransfer(accountsCount)));
    await db.transaction().execute(async (transaction) => {
      for (let start = 0; start < rows.length; start += 500) {
        await transaction
          .insertInto(plainTable)
          .values(rows.slice(start, start + 500))
          .execute();
      }
    });
  }
}

/** Sends one request (a batch of transfers) and resolves when it is done. */
export type Send = (batch: TransferRequest[]) => Promise<void>;

/** A ledger on `storage` with the baseline's table, the currency and accounts `a0` … `a<accountsCount − 1>`. */
export async function prepareBenchLedger(storage: Storage, accountsCount: number): Promise<Ledger> {
  const clock = new ManualClock();
  const ledger = new Ledger(storage, clock);
  await createPlainTable(storage.db as unknown as Kysely<PlainDatabase>);
  await ledger.createCurrency({ code: currency, name: 'Bench credit', scale: 2 });
  const ids = Array.from({ length: accountsCount }, (_, index) => AccountIdSchema.parse(`a${index}`));
  await loadAccounts(storage, clock.nowMs(), currency, ids, { lowerLimit: -(10n ** 15n), upperLimit: null });
  return ledger;
}

/** `count` transfers of history through the ledger's own path, and as many rows in the baseline's table; seconds each took. */
export async function loadHistory(
  storage: Storage,
  accountsCount: number,
  count: number,
): Promise<{ ledgerSeconds: number; plainSeconds: number }> {
  let started = performance.now();
  await loadTransfers(storage, 0, count, () => randomTransfer(accountsCount));
  const ledgerSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await loadPlainHistory(storage.db as unknown as Kysely<PlainDatabase>, count, accountsCount);
  return { ledgerSeconds, plainSeconds: (performance.now() - started) / 1000 };
}

/** The two ways to send a request to one bench database: through the ledger, and as plain rows. */
export function senders(storage: Storage, ledger: Ledger): { viaLedger: Send; plain: Send } {
  const plainDb = storage.db as unknown as Kysely<PlainDatabase>;
  return {
    async viaLedger(batch) {
      const results = await ledger.createTransfers(batch);
      const failed = results.find((result) => result.result !== 'ok');
      if (failed) throw new Error(`unexpected ${failed.result}`);
    },
    plain: (batch) => insertPlain(plainDb, batch.map(plainRow)),
  };
}

/** Transfers per second over `seconds`, `clients` sending batches of `batchSize` one after another. */
export async function rate(send: Send, accountsCount: number, batchSize: number, clients: number, seconds: number): Promise<number> {
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const batch = Array.from({ length: batchSize }, () => randomTransfer(accountsCount));
      await send(batch);
      sent += batchSize;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return sent / ((performance.now() - started) / 1000);
}

/** The machine's load average over the last minute, to print beside each figure (the machine is shared). */
export function loadAverage(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

/** The median of `values` (the mean of the middle two when even). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
