/**
 * The journal: every committed change, in order, each entry hashed with the previous entry's
 * hash (sha256 over a canonical encoding), so that any edit, deletion or reordering shows.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { insertStatement, runStatements } from './bulk.js';
import { genesisHash } from './migrations.js';
import { rowsOf } from './rows.js';
import type { LedgerDatabase } from './tables.js';
import type { LedgerStore } from './write-transaction.js';

/** What a journal entry records. */
export const journalKinds = [
  'currency_created',
  'account_created',
  'account_limits_changed',
  'account_state_changed',
  'changes_digested',
  // Written before migration 0671 (a batch's entry with every field of every transfer); still read by the verifier.
  'changes_applied',
  // Written before migration 0660 (one entry per transfer or expiry); still read by the verifier.
  'transfer_created',
  'pending_expired',
] as const;
export type JournalKind = (typeof journalKinds)[number];

/** An entry to append: its kind and a JSON-able payload (bigints become strings). */
export interface NewJournalEntry {
  kind: JournalKind;
  payload: Record<string, unknown>;
}

/**
 * JSON with keys sorted at every level (by UTF-16 code units, as `Array.prototype.sort` does) and
 * `bigint` as a string of digits: one encoding per value. Written with loops rather than
 * `entries`/`map`/`join`, since a batch's entry encodes every field of every transfer.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return `"${value}"`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) text += (index === 0 ? '' : ',') + (canonicalJson(value[index]) ?? '');
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

/** The hash of an entry: sha256 over the previous hash, its sequence, kind, time and canonical payload. */
export function entryHash(previousHash: string, sequence: number, kind: string, recordedAtMs: number, payload: string): string {
  return createHash('sha256').update(`${previousHash}\n${sequence}\n${kind}\n${recordedAtMs}\n${payload}`).digest('hex');
}

/** The chain head row: the last sequence and hash. */
export const ChainHeadRowSchema = z
  .object({ sequence: z.union([z.number(), z.string()]).transform(Number), hash: z.string().regex(/^[0-9a-f]{64}$/) })
  .transform((row) => ({ sequence: row.sequence, hash: row.hash }));

/**
 * Takes `count` change numbers (for the transfers and expiries of one batch), increasing, never
 * given twice. SQLite: the counter beside the chain head, under the write lock the transaction
 * already holds. PostgreSQL: a sequence, so the chain head is not taken for it. The caller holds
 * the locks of every account the changes touch, so each account's changes are numbered in the
 * order they commit.
 */
export async function takeChangeNumbers(store: LedgerStore, transaction: Kysely<LedgerDatabase>, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (store.engine === 'postgres') {
    const { rows } = await sql<{ number: string }>`
      select nextval('ledger_change_sequence')::text as number from generate_series(1, ${count})`.execute(transaction);
    return rows.map((row) => Number(row.number)).sort((left, right) => left - right);
  }
  const query = transaction
    .updateTable('ledger_chain_head')
    .set({ change_sequence: sql`change_sequence + ${count}` })
    .where('id', '=', 1)
    .returning('change_sequence as last');
  const rows = await rowsOf(query, store.statements);
  const last = Number(rows[0]?.last);
  assert(Number.isSafeInteger(last) && last >= count, 'the change counter is missing');
  return Array.from({ length: count }, (_, index) => last - count + 1 + index);
}

/**
 * Appends `entries` inside the caller's transaction and returns their sequence numbers. Locks the
 * chain head (the one row every writer updates), so entries are numbered and chained in commit order.
 */
export async function appendJournal(
  store: LedgerStore,
  transaction: Kysely<LedgerDatabase>,
  entries: readonly NewJournalEntry[],
  recordedAtMs: number,
): Promise<number[]> {
  if (entries.length === 0) return [];
  const headQuery = transaction.selectFrom('ledger_chain_head').select(['sequence', 'hash']).where('id', '=', 1);
  const [headRow] = await rowsOf(store.engine === 'postgres' ? headQuery.forUpdate() : headQuery, store.statements);
  const head = ChainHeadRowSchema.parse(headRow);
  let previousHash = head.hash;
  const rows = entries.map((entry, index) => {
    const sequence = head.sequence + index + 1;
    const payload = canonicalJson(entry.payload);
    const hash = entryHash(previousHash, sequence, entry.kind, recordedAtMs, payload);
    const row = { sequence, kind: entry.kind, payload, previous_hash: previousHash, hash, recorded_at_ms: recordedAtMs };
    previousHash = hash;
    return row;
  });
  const lastSequence = rows[rows.length - 1]?.sequence ?? head.sequence;
  if (store.statements) {
    store.statements.insertEach('ledger_journal', rows);
    store.statements.run(
      transaction.updateTable('ledger_chain_head').set({ sequence: lastSequence, hash: previousHash }).where('id', '=', 1),
    );
  } else {
    const moveHead = sql`update ledger_chain_head set sequence = ${lastSequence}, hash = ${previousHash} where id = 1`;
    await runStatements(store, transaction, [insertStatement(store, 'ledger_journal', rows), moveHead]);
  }
  return rows.map((row) => row.sequence);
}

export { genesisHash };
