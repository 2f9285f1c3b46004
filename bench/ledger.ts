/**
 * The ledger against its own storage: `node --import tsx bench/ledger.ts [--history 1000000]
 * [--accounts 10,100000] [--engines sqlite,postgres] [--seconds 3] [--repeat 2] [--verify]`.
 *
 * For each engine (SQLite in a temporary file; PostgreSQL at 127.0.0.1:5432 or `TEST_DATABASE_URL`,
 * in its own schema, dropped afterwards) and each number of accounts, it measures transfers per
 * second through `Ledger.createTransfers` and, right after, the **plain-insert baseline**: the same
 * transfer rows (same ids, same batches, same number of clients) inserted with one plain
 * `INSERT … VALUES` per request into a table shaped like `ledger_transfers` (text primary key, no
 * other index), one transaction per request. The ratio is the figure; absolute numbers move
 * with the machine's load. Cells: single transfers and batches of 100, 1 and 4 clients, on a fresh
 * ledger and after `--history` transfers (spread at random over the accounts, loaded through the
 * ledger's own batch path with `loadTransfers`; the baseline table gets as many rows). Each cell
 * runs `--seconds` per side, `--repeat` times alternating ledger and baseline. Numbers only;
 * nothing asserted; each cell's line ends with the one-minute load average. `--verify` verifies the
 * journal from scratch at the end (slow after a long history).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { loadAccounts, loadTransfers } from '../src/server/ledger/history-loader.js';
import {
  AccountIdSchema,
  CurrencyCodeSchema,
  Ledger,
  ledgerMigrations,
  type TransferRequest,
  TransferRequestSchema,
} from '../src/server/ledger/index.js';
import { ManualClock } from '../src/server/platform/clock.js';
import type { StorageEngine } from '../src/server/storage/index.js';
import { openTestStorage, type TestStorage } from '../src/server/storage/testing.js';

const { values: flags } = parseArgs({
  options: {
    history: { type: 'string', default: '1000000' },
    accounts: { type: 'string', default: '10,100000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '2' },
    verify: { type: 'boolean', default: false },
  },
});
const historyTransfers = Number(flags.history);
const accountCounts = flags.accounts.split(',').map(Number);
const engines = flags.engines.split(',') as StorageEngine[];
const secondsPerRun = Number(flags.seconds);
const repeats = Number(flags.repeat);
const currency = CurrencyCodeSchema.parse('BENCH');
const plainTable = 'bench_plain_transfers';

/** A transfer's row, as the ledger stores it and as the baseline inserts it. */
interface PlainRow {
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
type PlainDatabase = { [plainTable]: PlainRow };

let sequence = 0;
/** A random transfer between two of the first `accountsCount` accounts, with a random id as a client would choose. */
function randomTransfer(accountsCount: number): TransferRequest {
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

function plainRow(request: TransferRequest): PlainRow {
  if (!('debitAccountId' in request)) throw new Error('only new transfers');
  sequence += 1;
  return {
    id: request.id,
    sequence,
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

async function createPlainTable(db: Kysely<PlainDatabase>): Promise<void> {
  await sql
    .raw(`create table ${plainTable} (id text primary key, sequence bigint not null, kind text not null,
      debit_account_id text not null, credit_account_id text not null, amount bigint not null, currency_code text not null,
      description text not null, reference text not null, pending_id text, expires_at_ms bigint, timestamp_ms bigint not null)`)
    .execute(db);
}

async function insertPlain(db: Kysely<PlainDatabase>, rows: PlainRow[]): Promise<void> {
  if (rows.length === 1) {
    await db.insertInto(plainTable).values(rows).execute();
    return;
  }
  await db.transaction().execute((transaction) => transaction.insertInto(plainTable).values(rows).execute());
}

type Send = (batch: TransferRequest[]) => Promise<void>;

/** Transfers per second over `secondsPerRun`, `clients` sending batches of `batchSize` one after another. */
async function rate(send: Send, accountsCount: number, batchSize: number, clients: number): Promise<number> {
  let sent = 0;
  const started = performance.now();
  const deadline = started + secondsPerRun * 1000;
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

/** The machine's load average over the last minute, to print beside each cell (the machine is shared). */
function loadAverage(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function measureCells(storage: TestStorage, ledger: Ledger, accountsCount: number, history: string): Promise<void> {
  const plainDb = storage.db as unknown as Kysely<PlainDatabase>;
  const viaLedger: Send = async (batch) => {
    const results = await ledger.createTransfers(batch);
    const failed = results.find((result) => result.result !== 'ok');
    if (failed) throw new Error(`unexpected ${failed.result}`);
  };
  const plain: Send = (batch) => insertPlain(plainDb, batch.map(plainRow));
  for (const [batchSize, clients] of [
    [1, 1],
    [100, 1],
    [1, 4],
    [100, 4],
  ] as const) {
    const ledgerRates: number[] = [];
    const plainRates: number[] = [];
    for (let run = 0; run < repeats; run++) {
      ledgerRates.push(await rate(viaLedger, accountsCount, batchSize, clients));
      plainRates.push(await rate(plain, accountsCount, batchSize, clients));
    }
    const ratios = ledgerRates.map((value, index) => value / (plainRates[index] ?? 1));
    const shape = `${storage.engine.padEnd(8)} ${String(accountsCount).padStart(6)} accounts  ${history.padEnd(15)} ${(batchSize === 1 ? 'single' : 'batch 100').padEnd(9)} ${clients} client${clients === 1 ? ' ' : 's'}`;
    const runs = (values: number[]) => values.map((value) => String(Math.round(value)).padStart(6)).join(' /');
    console.log(
      `${shape}  ledger ${runs(ledgerRates)}  plain ${runs(plainRates)} transfers/s  ratio ${ratios.map((ratio) => ratio.toFixed(2)).join(' / ')} (median ${median(ratios).toFixed(2)})  load ${loadAverage()}`,
    );
  }
}

async function loadPlainHistory(db: Kysely<PlainDatabase>, count: number, accountsCount: number): Promise<void> {
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

async function benchLedger(engine: StorageEngine, accountsCount: number): Promise<void> {
  const storage = await openTestStorage(engine, ledgerMigrations);
  try {
    const clock = new ManualClock();
    const ledger = new Ledger(storage, clock);
    await createPlainTable(storage.db as unknown as Kysely<PlainDatabase>);
    await ledger.createCurrency({ code: currency, name: 'Bench credit', scale: 2 });
    const ids = Array.from({ length: accountsCount }, (_, index) => AccountIdSchema.parse(`a${index}`));
    let started = performance.now();
    await loadAccounts(storage, clock.nowMs(), currency, ids, { lowerLimit: -(10n ** 15n), upperLimit: null });
    console.log(`${engine}: opened ${accountsCount} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measureCells(storage, ledger, accountsCount, 'fresh');
    if (historyTransfers > 0) {
      started = performance.now();
      await loadTransfers(storage, clock.nowMs(), historyTransfers, () => randomTransfer(accountsCount));
      const ledgerSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      await loadPlainHistory(storage.db as unknown as Kysely<PlainDatabase>, historyTransfers, accountsCount);
      console.log(
        `${engine}: history of ${historyTransfers} transfers loaded in ${ledgerSeconds.toFixed(1)} s (ledger), ${((performance.now() - started) / 1000).toFixed(1)} s (plain rows)`,
      );
      await measureCells(storage, ledger, accountsCount, `after ${historyTransfers}`);
    }
    if (flags.verify) {
      started = performance.now();
      const report = await ledger.verify();
      console.log(
        `${engine}: verified ${report.entriesChecked} journal entries from scratch in ${((performance.now() - started) / 1000).toFixed(1)} s: ${report.ok ? 'ok' : `BROKEN ${report.problem} ${report.detail}`}`,
      );
    }
  } finally {
    await storage.dispose();
  }
}

console.log(
  `ledger bench ${new Date().toISOString()}: history ${historyTransfers}, accounts ${accountCounts.join(', ')}, ${secondsPerRun} s per run, ${repeats} runs per cell`,
);
for (const engine of engines) {
  for (const accountsCount of accountCounts) await benchLedger(engine, accountsCount);
}
