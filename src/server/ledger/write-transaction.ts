/**
 * One database transaction per ledger write, on either engine. SQLite: `BEGIN IMMEDIATE` on its
 * single connection (Kysely's own transactions begin DEFERRED, which lets two processes deadlock
 * on the upgrade to a write lock). PostgreSQL: READ COMMITTED with rows locked `FOR UPDATE` in id
 * order by the caller. Conflicts a retry resolves (deadlock, serialization failure, a concurrent
 * insert of the same transfer id, a busy SQLite file) are retried a few times.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { Storage, StorageEngine } from '../storage/index.js';
import { StatementCache } from './statement-cache.js';
import type { LedgerDatabase } from './tables.js';

/** The ledger's handle on the database. */
export interface LedgerStore {
  db: Kysely<LedgerDatabase>;
  engine: StorageEngine;
  /** SQLite: its prepared statements, for the rows a batch writes (undefined on PostgreSQL). */
  statements?: StatementCache | undefined;
}

/** The ledger's handle on `storage`, with a statement cache on SQLite. */
export function ledgerStore(storage: Storage): LedgerStore {
  const statements = storage.sqliteDatabase ? new StatementCache(storage.sqliteDatabase) : undefined;
  return { db: storage.db as unknown as Kysely<LedgerDatabase>, engine: storage.engine, statements };
}

const attemptsMax = 10;
const retryablePostgresCodes = new Set(['40001', '40P01', '23505']);

function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = String(error.code);
  return retryablePostgresCodes.has(code) || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

async function runSqlite<T>(db: Kysely<LedgerDatabase>, work: (transaction: Kysely<LedgerDatabase>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const value = await work(connection);
      await sql`commit`.execute(connection);
      return value;
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}

/** Runs `work` in one write transaction, retrying it whole when the engine reports a transient conflict. */
export async function inWriteTransaction<T>(store: LedgerStore, work: (transaction: Kysely<LedgerDatabase>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (store.engine === 'sqlite') return await runSqlite(store.db, work);
      return await store.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attemptsMax || !isRetryable(error)) throw error;
      await delay(Math.random() * 5 * attempt);
    }
  }
}

/** `FOR UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds the only write lock. */
export function lockingClause(store: LedgerStore): ReturnType<typeof sql.raw> {
  return sql.raw(store.engine === 'postgres' ? ' for update' : '');
}
