/**
 * Ledger throughput and latency: `node --import tsx bench/ledger.ts [transfers]`.
 * For SQLite and PostgreSQL, with transfers spread over 10,000 accounts and with every transfer
 * touching one hot account, it sends single transfers one after another and batches of 100, and
 * prints transfers per second with p50/p99 latency per request. Numbers only; nothing asserted.
 */
import { performance } from 'node:perf_hooks';
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
import { openTestStorage } from '../src/server/storage/testing.js';

const accountsCount = 10_000;
const batchedTransfers = Number(process.argv[2] ?? 20_000);
const singleTransfers = Math.min(2_000, batchedTransfers);
const currency = CurrencyCodeSchema.parse('BENCH');

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

async function openAccounts(ledger: Ledger): Promise<void> {
  const ids = Array.from({ length: accountsCount }, (_, index) => `a${index}`);
  for (let start = 0; start < ids.length; start += 10) {
    await Promise.all(
      ids.slice(start, start + 10).map((id) =>
        ledger.createAccount({
          id: AccountIdSchema.parse(id),
          currency,
          ownerKind: 'member_organisation',
          ownerId: id,
          lowerLimit: -(10n ** 15n),
          upperLimit: null,
        }),
      ),
    );
  }
}

let counter = 0;
function transfer(hot: boolean): TransferRequest {
  counter += 1;
  const other = 1 + Math.floor(Math.random() * (accountsCount - 1));
  const first = hot ? 0 : Math.floor(Math.random() * accountsCount);
  const second = first === other ? (other + 1) % accountsCount : other;
  const [debit, credit] = Math.random() < 0.5 ? [first, second] : [second, first];
  return TransferRequestSchema.parse({
    kind: 'single_phase',
    id: `t${counter}`,
    debitAccountId: `a${debit}`,
    creditAccountId: `a${credit}`,
    amount: String(1 + Math.floor(Math.random() * 1000)),
    currency,
  });
}

async function measure(ledger: Ledger, hot: boolean, batchSize: number, total: number, clients: number) {
  const latencies: number[] = [];
  const started = performance.now();
  const client = async () => {
    for (let sent = 0; sent < total / clients; sent += batchSize) {
      const batch = Array.from({ length: batchSize }, () => transfer(hot));
      const before = performance.now();
      const results = await ledger.createTransfers(batch);
      latencies.push(performance.now() - before);
      const failed = results.find((result) => result.result !== 'ok');
      if (failed) throw new Error(`unexpected ${failed.result}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((left, right) => left - right);
  return { transfersPerSecond: Math.round(total / seconds), p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

async function benchEngine(engine: StorageEngine): Promise<void> {
  const storage = await openTestStorage(engine, ledgerMigrations);
  try {
    const ledger = new Ledger(storage, new ManualClock());
    await ledger.createCurrency({ code: currency, name: 'Bench credit', scale: 2 });
    const setupStarted = performance.now();
    await openAccounts(ledger);
    console.log(`${engine}: opened ${accountsCount} accounts in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);
    for (const hot of [false, true]) {
      // SQLite has one connection, so concurrent clients only queue; PostgreSQL also runs 4 at once.
      const runs: (readonly [number, number, number])[] = [
        [1, singleTransfers, 1],
        [100, batchedTransfers, 1],
      ];
      if (engine === 'postgres') runs.push([1, singleTransfers, 4], [100, batchedTransfers, 4]);
      for (const [batchSize, total, clients] of runs) {
        const result = await measure(ledger, hot, batchSize, total, clients);
        const shape = hot ? 'one hot account' : `spread over ${accountsCount} accounts`;
        const kind = `${batchSize === 1 ? 'single' : 'batch of 100'}, ${clients} client${clients === 1 ? '' : 's'}`;
        console.log(
          `${engine.padEnd(8)} ${kind.padEnd(23)} ${shape.padEnd(28)} ${String(result.transfersPerSecond).padStart(7)} transfers/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms (per request)`,
        );
      }
    }
    const verifyStarted = performance.now();
    const report = await ledger.verify();
    console.log(
      `${engine}: verified ${report.entriesChecked} journal entries from scratch in ${((performance.now() - verifyStarted) / 1000).toFixed(1)} s: ${report.ok ? 'ok' : 'BROKEN'}`,
    );
  } finally {
    await storage.dispose();
  }
}

for (const engine of ['sqlite', 'postgres'] as const) await benchEngine(engine);
