/**
 * A separate process that drives load at a ledger, for the concurrency and crash tests (and
 * usable by hand): `node --import tsx src/server/ledger/load-worker.ts '<json options>'`.
 * It prints `progress <batches>` after each committed batch and a JSON summary at the end.
 * With `killAfterBatch`, it prints `sending <json requests>` before that batch and kills itself
 * with SIGKILL as soon as the batch has committed: a reply lost between the commit and the client.
 */
import { z } from 'zod';
import { systemClock } from '../platform/clock.js';
import { openStorage } from '../storage/index.js';
import { Ledger } from './ledger.js';
import { ledgerMigrations } from './migrations.js';
import { TransferRequestSchema, type TransferResult } from './types.js';

const OptionsSchema = z.object({
  location: z.union([
    z.object({ engine: z.literal('sqlite'), file: z.string() }),
    z.object({ engine: z.literal('postgres'), url: z.string(), schema: z.string() }),
  ]),
  accounts: z.array(z.string()).min(2),
  currency: z.string(),
  prefix: z.string(),
  /** Batches to send; 0 means until killed. */
  batches: z.number().int().min(0),
  seed: z.number().int(),
  /** Transfers with ids `shared-<n>` and identical fields in every worker: each must apply once. */
  sharedIds: z.number().int().min(0),
  /** `mixed`: unlinked batches of every kind of transfer; `linked`: linked batches of three. */
  mode: z.enum(['mixed', 'linked']),
  /** Kill this process with SIGKILL right after this batch (counted from 1) commits, before reporting it. */
  killAfterBatch: z.number().int().min(1).optional(),
});
/** Options of the load worker, passed as JSON in argv[2]. */
export type LoadWorkerOptions = z.input<typeof OptionsSchema>;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** The JSON form of a batch (amounts as strings), as a client would send it. */
function batchFor(options: z.output<typeof OptionsSchema>, next: () => number, index: number, pendingIds: string[]): unknown[] {
  const pick = () => options.accounts[Math.floor(next() * options.accounts.length)] ?? '';
  const newTransfer = (id: string, kind: 'single_phase' | 'pending', debit = pick(), credit = pick()) => ({
    kind,
    id,
    debitAccountId: debit,
    creditAccountId: credit === debit ? (options.accounts.find((account) => account !== debit) ?? '') : credit,
    amount: String(1 + Math.floor(next() * 200)),
    currency: options.currency,
  });
  const raw: unknown[] = [];
  const size = options.mode === 'linked' ? 3 : 1 + Math.floor(next() * 8);
  for (let position = 0; position < size; position++) {
    const id = `${options.prefix}-b${index}-${position}`;
    const choice = next();
    if (options.mode === 'mixed' && choice < 0.15 && options.sharedIds > 0) {
      const shared = Math.floor(next() * options.sharedIds);
      const debit = options.accounts[shared % options.accounts.length] ?? '';
      const credit = options.accounts[(shared + 1) % options.accounts.length] ?? '';
      raw.push({ ...newTransfer(`shared-${shared}`, 'single_phase', debit, credit), amount: String(1 + (shared % 50)) });
    } else if (options.mode === 'mixed' && choice < 0.3) {
      raw.push({ ...newTransfer(id, 'pending'), timeoutMs: 60_000 });
      pendingIds.push(id);
    } else if (options.mode === 'mixed' && choice < 0.45 && pendingIds.length > 0) {
      const pendingId = pendingIds.splice(Math.floor(next() * pendingIds.length), 1)[0];
      raw.push(next() < 0.5 ? { kind: 'post_pending', id, pendingId } : { kind: 'void_pending', id, pendingId });
    } else {
      raw.push(newTransfer(id, 'single_phase'));
    }
  }
  return raw;
}

/** Counts per shared id in one worker: first applications here, replays of an earlier application, refusals. */
type SharedCounts = Record<string, { applied: number; replayed: number; refused: number }>;

function countShared(shared: SharedCounts, result: TransferResult): void {
  if (!result.id.startsWith('shared-')) return;
  const counts = shared[result.id] ?? { applied: 0, replayed: 0, refused: 0 };
  if (result.result !== 'ok') counts.refused += 1;
  else if (result.replayed) counts.replayed += 1;
  else counts.applied += 1;
  shared[result.id] = counts;
}

async function main(): Promise<void> {
  const options = OptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const storage = await openStorage(
    options.location.engine === 'sqlite' ? options.location : { ...options.location, poolSize: 2 },
    ledgerMigrations,
  );
  const ledger = new Ledger(storage, systemClock);
  const next = random(options.seed);
  const counts: Record<string, number> = {};
  const shared: SharedCounts = {};
  const pendingIds: string[] = [];
  for (let index = 0; options.batches === 0 || index < options.batches; index++) {
    const batch = batchFor(options, next, index, pendingIds);
    const killed = options.killAfterBatch === index + 1;
    if (killed) process.stdout.write(`sending ${JSON.stringify(batch)}\n`);
    const requests = batch.map((item) => TransferRequestSchema.parse(item));
    const results = await ledger.createTransfers(requests, { linked: options.mode === 'linked' });
    // Committed: dying here loses the reply, never the transfers.
    if (killed) process.kill(process.pid, 'SIGKILL');
    for (const result of results) {
      counts[result.result] = (counts[result.result] ?? 0) + 1;
      countShared(shared, result);
    }
    process.stdout.write(`progress ${index + 1}\n`);
  }
  await storage.close();
  process.stdout.write(`${JSON.stringify({ counts, shared })}\n`);
}

await main();
