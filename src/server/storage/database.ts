/**
 * Opens the database: embedded SQLite by default, PostgreSQL when a URL is given.
 * Both go through one Kysely query layer and the same migrations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** Which engine a `Storage` runs on. */
export type StorageEngine = 'sqlite' | 'postgres';

/** An open, migrated database. */
export interface Storage {
  readonly db: Kysely<Database>;
  readonly engine: StorageEngine;
  /** Runs a trivial query; rejects when the database cannot answer. */
  ping(): Promise<void>;
  /** Closes every connection. Idempotent. */
  close(): Promise<void>;
}

/** Where to store: a SQLite file (or `:memory:`), or a PostgreSQL URL and schema. */
export type StorageOptions = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; schema: string; poolSize?: number };

function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgres(url: string, schema: string, poolSize: number): Promise<Kysely<Database>> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(`create schema if not exists "${schema}"`);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path="${schema}"` });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the database and applies `migrations` (every domain's, merged by the caller). Kysely
 * applies them in the order of their names, so each name starts with a sequence number that
 * is unique across domains (`0001_meetings_…`, `0100_ledger_…`). A migration added later whose
 * name sorts before ones a database already ran is applied too (each domain's migrations touch
 * only its own tables, so their order across domains does not matter); give new ones the next
 * number anyway.
 */
export async function openStorage(options: StorageOptions, migrations: Record<string, Migration>): Promise<Storage> {
  const db =
    options.engine === 'sqlite' ? openSqlite(options.file) : await openPostgres(options.url, options.schema, options.poolSize ?? 10);
  // In PostgreSQL the migration bookkeeping lives in the same schema as the data; otherwise
  // Kysely would look for it in every schema and trip over other instances' tables.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    ...(options.engine === 'postgres' ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  let closed = false;
  return {
    db,
    engine: options.engine,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
