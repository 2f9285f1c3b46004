/**
 * Opens the database: embedded SQLite by default, PostgreSQL when a URL is given.
 * Both go through one Kysely query layer and the same migrations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  Kysely,
  type Migration,
  Migrator,
  PostgresDialect,
  type PostgresDialectConfig,
  type SchemaMetadata,
  SqliteDialect,
  sql,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** Which engine a `Storage` runs on. */
export type StorageEngine = 'sqlite' | 'postgres';

/** An open, migrated database. */
export interface Storage {
  readonly db: Kysely<Database>;
  readonly engine: StorageEngine;
  /**
   * SQLite only (undefined on PostgreSQL): the `better-sqlite3` handle under `db`, for a domain
   * that keeps its own prepared statements. Use it only inside `db.connection().execute(…)`, which
   * holds the one connection Kysely's driver runs statements on, one at a time.
   */
  readonly sqliteDatabase?: SQLite.Database | undefined;
  /** Runs a trivial query; rejects when the database cannot answer. */
  ping(): Promise<void>;
  /** Closes every connection. Idempotent. */
  close(): Promise<void>;
}

/** Where to store: a SQLite file (or `:memory:`), or a PostgreSQL URL and schema. */
export type StorageOptions = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; schema: string; poolSize?: number };

function openSqlite(file: string): { db: Kysely<Database>; database: SQLite.Database } {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), database };
}

/**
 * Kysely's PostgreSQL introspector reads every schema's tables and resolves each one's name
 * again (`pg_get_serial_sequence`), so it fails with "schema … does not exist" or "column … does
 * not exist" when another instance (or test) drops or alters its own schema at that moment. The
 * migrator only asks whether its bookkeeping tables exist: this one looks at our schema alone.
 */
class OneSchemaIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly schema: string,
  ) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{
      name: string;
    }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${this.schema}`.execute(this.db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ table: string; type: string; column: string; dataType: string; nullable: string; defaulted: boolean }>`
      select t.table_name as "table", t.table_type as "type", c.column_name as "column", c.data_type as "dataType",
             c.is_nullable as "nullable", c.column_default is not null as "defaulted"
      from information_schema.tables t
      join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = ${this.schema}
      order by t.table_name, c.ordinal_position`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const row of rows) {
      let table = tables.get(row.table);
      if (!table) {
        table = { name: row.table, schema: this.schema, isView: row.type === 'VIEW', columns: [] };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.dataType,
        isNullable: row.nullable === 'YES',
        hasDefaultValue: row.defaulted,
        isAutoIncrementing: false,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** PostgreSQL confined to one schema, introspection included. */
class OneSchemaPostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly schema: string,
  ) {
    super(config);
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OneSchemaIntrospector(db, this.schema);
  }
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
  // An idle connection that dies (PostgreSQL restarting, a network cut) is dropped from the pool,
  // which opens a new one for the next query; unheard, the pool's 'error' would end the process.
  // Queries while the database is away fail on their own, and /healthz says it is unreachable.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema) });
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
  const { db, database } =
    options.engine === 'sqlite'
      ? openSqlite(options.file)
      : { db: await openPostgres(options.url, options.schema, options.poolSize ?? 10), database: undefined };
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
    sqliteDatabase: database,
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
