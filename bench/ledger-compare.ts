/**
 * `bench/ledger.ts --compare`: the configurations the goals of issue 21 compare, measured in one
 * process and in the same rounds, so that the machine's load (which moves a rate by ±50 % from one
 * minute to the next) falls on both sides of every quotient alike.
 *
 * Per engine, the subjects are a fresh ledger with each of `--accounts` (temporary, removed
 * afterwards) and, for each of `--history-accounts`, a ledger after `--history` transfers. The
 * loaded ones are kept for the next run (loading 1,000,000 transfers takes minutes): SQLite files
 * under `--keep` (default /tmp/plenary-ledger-bench), PostgreSQL schemas `bench_ledger_<accounts>_<history>`
 * in the test database; `--forget` removes them. Each round runs, for every subject in turn (the
 * order turns from round to round), a slice of `--slice-seconds` through the ledger and one of the
 * plain-insert baseline in the same database, with `--batch` transfers per request and `--clients`
 * clients. Printed: each subject's medians (ledger, plain, ledger ÷ plain), then the medians of the
 * per-round quotients the goals name: after the history ÷ fresh, and most accounts ÷ fewest.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { Ledger, ledgerMigrations } from '../src/server/ledger/index.js';
import { ManualClock } from '../src/server/platform/clock.js';
import type { Storage, StorageEngine } from '../src/server/storage/index.js';
import { openStorage } from '../src/server/storage/index.js';
import { openTestStorage, testPostgresUrl } from '../src/server/storage/testing.js';
import { loadAverage, loadHistory, median, prepareBenchLedger, rate, type Send, senders } from './ledger-workload.js';

/** What `--compare` is told. */
export interface CompareOptions {
  engines: StorageEngine[];
  accounts: number[];
  historyAccounts: number[];
  history: number;
  sliceSeconds: number;
  rounds: number;
  batch: number;
  clients: number;
  keep: string;
  forget: boolean;
}

interface Subject {
  name: string;
  accounts: number;
  history: number;
  viaLedger: Send;
  plain: Send;
  ledgerRates: number[];
  plainRates: number[];
  close(): Promise<void>;
}

function keptLocation(options: CompareOptions, engine: StorageEngine, accounts: number) {
  const name = `bench_ledger_${accounts}_${options.history}`;
  return engine === 'sqlite'
    ? { engine, file: path.join(options.keep, `${name}.sqlite`) }
    : { engine, url: testPostgresUrl, schema: name, poolSize: 5 };
}

async function forgetKept(options: CompareOptions, engine: StorageEngine, accounts: number): Promise<void> {
  const location = keptLocation(options, engine, accounts);
  if (location.engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${location.file}${suffix}`, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${location.schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Every kept ledger, whatever its accounts and history (`--forget`): the files in the keep folder and the schemas. */
async function forgetAllKept(options: CompareOptions): Promise<string[]> {
  const files = existsSync(options.keep)
    ? readdirSync(options.keep).filter((name) => /^bench_ledger_\w+\.sqlite(-wal|-shm)?$/.test(name))
    : [];
  for (const name of files) rmSync(path.join(options.keep, name), { force: true });
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select schema_name as name from information_schema.schemata where schema_name like 'bench\\_ledger\\_%'",
    );
    for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
    return [...files, ...rows.map((row) => `schema ${row.name}`)];
  } finally {
    await client.end();
  }
}

async function historyLoaded(storage: Storage): Promise<number> {
  try {
    const { rows } = await sql<{ transfers: number | string }>`select transfers from bench_history_loaded`.execute(storage.db);
    return Number(rows[0]?.transfers ?? 0);
  } catch {
    return 0;
  }
}

/** The kept ledger after the history, loaded first when it is not there yet (or was left half loaded). */
async function openLoaded(options: CompareOptions, engine: StorageEngine, accounts: number): Promise<Storage> {
  mkdirSync(options.keep, { recursive: true });
  const location = keptLocation(options, engine, accounts);
  if (location.engine === 'sqlite' ? existsSync(location.file) : true) {
    const storage = await openStorage(location, ledgerMigrations);
    if ((await historyLoaded(storage)) >= options.history) return storage;
    await storage.close();
  }
  await forgetKept(options, engine, accounts);
  const storage = await openStorage(location, ledgerMigrations);
  await prepareBenchLedger(storage, accounts);
  const { ledgerSeconds, plainSeconds } = await loadHistory(storage, accounts, options.history);
  await sql`create table bench_history_loaded (transfers bigint not null)`.execute(storage.db);
  await sql`insert into bench_history_loaded values (${options.history})`.execute(storage.db);
  console.log(
    `${engine}: loaded ${options.history} transfers over ${accounts} accounts in ${ledgerSeconds.toFixed(0)} s (ledger), ${plainSeconds.toFixed(0)} s (plain rows); kept for the next run`,
  );
  return storage;
}

async function openSubjects(options: CompareOptions, engine: StorageEngine): Promise<Subject[]> {
  const subjects: Subject[] = [];
  const add = (storage: Storage, ledger: Ledger, accounts: number, history: number, close: () => Promise<void>) => {
    const name = `${history === 0 ? 'fresh' : `after ${history}`}, ${accounts} accounts`;
    subjects.push({ name, accounts, history, ...senders(storage, ledger), ledgerRates: [], plainRates: [], close });
  };
  for (const accounts of options.accounts) {
    const storage = await openTestStorage(engine, ledgerMigrations);
    add(storage, await prepareBenchLedger(storage, accounts), accounts, 0, () => storage.dispose());
  }
  if (options.history > 0) {
    for (const accounts of options.historyAccounts) {
      const storage = await openLoaded(options, engine, accounts);
      add(storage, new Ledger(storage, new ManualClock()), accounts, options.history, () => storage.close());
    }
  }
  return subjects;
}

function quotients(top: readonly number[], bottom: readonly number[]): number[] {
  return top.map((value, index) => value / (bottom[index] ?? Number.NaN));
}

function report(engine: StorageEngine, subjects: readonly Subject[]): void {
  const figure = (value: number) => Math.round(value).toLocaleString('en-GB').padStart(7);
  for (const subject of subjects) {
    const ratios = quotients(subject.ledgerRates, subject.plainRates);
    console.log(
      `${engine.padEnd(8)} ${subject.name.padEnd(32)} ledger ${figure(median(subject.ledgerRates))}  plain ${figure(median(subject.plainRates))} transfers/s  ledger ÷ plain ${median(ratios).toFixed(2)} (rounds ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')})`,
    );
  }
  const compare = (label: string, top: Subject | undefined, bottom: Subject | undefined) => {
    if (!top || !bottom) return;
    const ledger = quotients(top.ledgerRates, bottom.ledgerRates);
    const ratio = quotients(quotients(top.ledgerRates, top.plainRates), quotients(bottom.ledgerRates, bottom.plainRates));
    console.log(
      `${engine.padEnd(8)} ${label.padEnd(32)} ledger ${median(ledger).toFixed(2)} (rounds ${ledger.map((value) => value.toFixed(2)).join(' ')}), ledger ÷ plain ${median(ratio).toFixed(2)}`,
    );
  };
  const fresh = (accounts: number) => subjects.find((subject) => subject.history === 0 && subject.accounts === accounts);
  for (const loaded of subjects.filter((subject) => subject.history > 0)) {
    compare(`after ${loaded.history} ÷ fresh, ${loaded.accounts} acc.`, loaded, fresh(loaded.accounts));
  }
  const freshOnes = subjects.filter((subject) => subject.history === 0);
  const fewest = freshOnes[0];
  for (const more of freshOnes.slice(1)) compare(`${more.accounts} ÷ ${fewest?.accounts} accounts, fresh`, more, fewest);
}

/** Runs the comparison for every engine and prints it. */
export async function compareConfigurations(options: CompareOptions): Promise<void> {
  if (options.forget) {
    const removed = await forgetAllKept(options);
    console.log(removed.length === 0 ? 'no kept ledgers to remove' : `removed: ${removed.join(', ')}`);
    return;
  }
  console.log(
    `ledger bench --compare ${new Date().toISOString()}: history ${options.history}, accounts ${options.accounts.join(', ')}, batches of ${options.batch}, ${options.clients} client(s), ${options.rounds} rounds of ${options.sliceSeconds} s slices`,
  );
  for (const engine of options.engines) {
    const subjects = await openSubjects(options, engine);
    try {
      const loads: string[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const turn = round % subjects.length;
        for (const subject of [...subjects.slice(turn), ...subjects.slice(0, turn)]) {
          const ledgerFirst = round % 2 === 0;
          const measure = (send: Send) => rate(send, subject.accounts, options.batch, options.clients, options.sliceSeconds);
          const first = await measure(ledgerFirst ? subject.viaLedger : subject.plain);
          const second = await measure(ledgerFirst ? subject.plain : subject.viaLedger);
          subject.ledgerRates.push(ledgerFirst ? first : second);
          subject.plainRates.push(ledgerFirst ? second : first);
        }
        loads.push(loadAverage());
      }
      report(engine, subjects);
      console.log(`${engine.padEnd(8)} load average after each round: ${loads.join(' ')}`);
    } finally {
      for (const subject of subjects) await subject.close();
    }
  }
}
