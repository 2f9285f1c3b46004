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
 *
 * `--compare` measures instead what the goals compare, in one process and the same rounds
 * (`bench/ledger-compare.ts`): fresh against after `--history` transfers, and 10 against 100,000
 * accounts, each against the plain baseline, in alternating slices of `--slice-seconds` over
 * `--rounds` rounds (`--batch 100`, `--clients 1`, `--history-accounts 10`; the loaded ledgers are
 * kept under `--keep`, default /tmp/plenary-ledger-bench, and in PostgreSQL schemas
 * `bench_ledger_*`, for the next run; `--forget` removes them).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Ledger } from '../src/server/ledger/index.js';
import { ledgerMigrations } from '../src/server/ledger/index.js';
import type { StorageEngine } from '../src/server/storage/index.js';
import { openTestStorage, type TestStorage } from '../src/server/storage/testing.js';
import { compareConfigurations } from './ledger-compare.js';
import { loadAverage, loadHistory, median, prepareBenchLedger, rate, senders } from './ledger-workload.js';

const { values: flags } = parseArgs({
  options: {
    history: { type: 'string', default: '1000000' },
    accounts: { type: 'string', default: '10,100000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '2' },
    verify: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    'history-accounts': { type: 'string', default: '10' },
    'slice-seconds': { type: 'string', default: '0.5' },
    rounds: { type: 'string', default: '8' },
    batch: { type: 'string', default: '100' },
    clients: { type: 'string', default: '1' },
    keep: { type: 'string', default: '/tmp/plenary-ledger-bench' },
    forget: { type: 'boolean', default: false },
  },
});
const historyTransfers = Number(flags.history);
const accountCounts = flags.accounts.split(',').map(Number);
const engines = flags.engines.split(',') as StorageEngine[];
const secondsPerRun = Number(flags.seconds);
const repeats = Number(flags.repeat);

async function measureCells(storage: TestStorage, ledger: Ledger, accountsCount: number, history: string): Promise<void> {
  const { viaLedger, plain } = senders(storage, ledger);
  for (const [batchSize, clients] of [
    [1, 1],
    [100, 1],
    [1, 4],
    [100, 4],
  ] as const) {
    const ledgerRates: number[] = [];
    const plainRates: number[] = [];
    for (let run = 0; run < repeats; run++) {
      ledgerRates.push(await rate(viaLedger, accountsCount, batchSize, clients, secondsPerRun));
      plainRates.push(await rate(plain, accountsCount, batchSize, clients, secondsPerRun));
    }
    const ratios = ledgerRates.map((value, index) => value / (plainRates[index] ?? 1));
    const shape = `${storage.engine.padEnd(8)} ${String(accountsCount).padStart(6)} accounts  ${history.padEnd(15)} ${(batchSize === 1 ? 'single' : 'batch 100').padEnd(9)} ${clients} client${clients === 1 ? ' ' : 's'}`;
    const runs = (values: number[]) => values.map((value) => String(Math.round(value)).padStart(6)).join(' /');
    console.log(
      `${shape}  ledger ${runs(ledgerRates)}  plain ${runs(plainRates)} transfers/s  ratio ${ratios.map((ratio) => ratio.toFixed(2)).join(' / ')} (median ${median(ratios).toFixed(2)})  load ${loadAverage()}`,
    );
  }
}

async function benchLedger(engine: StorageEngine, accountsCount: number): Promise<void> {
  const storage = await openTestStorage(engine, ledgerMigrations);
  try {
    let started = performance.now();
    const ledger = await prepareBenchLedger(storage, accountsCount);
    console.log(`${engine}: opened ${accountsCount} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measureCells(storage, ledger, accountsCount, 'fresh');
    if (historyTransfers > 0) {
      const { ledgerSeconds, plainSeconds } = await loadHistory(storage, accountsCount, historyTransfers);
      console.log(
        `${engine}: history of ${historyTransfers} transfers loaded in ${ledgerSeconds.toFixed(1)} s (ledger), ${plainSeconds.toFixed(1)} s (plain rows)`,
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

if (flags.compare || flags.forget) {
  await compareConfigurations({
    engines,
    accounts: accountCounts,
    historyAccounts: flags['history-accounts'].split(',').map(Number),
    history: historyTransfers,
    sliceSeconds: Number(flags['slice-seconds']),
    rounds: Number(flags.rounds),
    batch: Number(flags.batch),
    clients: Number(flags.clients),
    keep: flags.keep,
    forget: flags.forget,
  });
} else {
  console.log(
    `ledger bench ${new Date().toISOString()}: history ${historyTransfers}, accounts ${accountCounts.join(', ')}, ${secondsPerRun} s per run, ${repeats} runs per cell`,
  );
  for (const engine of engines) {
    for (const accountsCount of accountCounts) await benchLedger(engine, accountsCount);
  }
}
