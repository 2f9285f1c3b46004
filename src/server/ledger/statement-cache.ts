/**
 * SQLite's prepared statements, kept by their text: Kysely's SQLite driver prepares every
 * statement anew, and a batch's rows travel more cheaply one by one through a statement prepared
 * once (in process, there is no round trip to save) than as one JSON parameter taken apart by
 * `json_each`; reads and the journal's append too, since Kysely would prepare them again at every
 * batch. Used only inside a ledger write transaction on SQLite, which holds Kysely's one
 * connection (`db.connection()`), so these statements never interleave with Kysely's.
 */
import type SQLite from 'better-sqlite3';
import type { Compilable } from 'kysely';
import type { LedgerDatabase } from './tables.js';

type Cell = string | number | bigint | null;

/** The statements of one SQLite database, prepared once each (a handful of texts). */
export class StatementCache {
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(private readonly database: SQLite.Database) {}

  /** The statement with this text, prepared the first time it is asked for. */
  prepare(text: string): SQLite.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.database.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  /** The rows a Kysely query returns, through a prepared statement (the same rows Kysely would give). */
  all<Row>(query: Compilable<Row>): Row[] {
    const compiled = query.compile();
    return this.prepare(compiled.sql).all(...compiled.parameters) as Row[];
  }

  /** Runs a Kysely query that returns nothing through a prepared statement. */
  run(query: Compilable<unknown>): void {
    const compiled = query.compile();
    this.prepare(compiled.sql).run(...compiled.parameters);
  }

  /** Inserts `rows` (all with the keys of the first) into `table`, one prepared insert each. */
  insertEach(table: keyof LedgerDatabase, rows: readonly Record<string, Cell>[]): void {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first);
    const statement = this.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) statement.run(...columns.map((column) => row[column] ?? null));
  }

  /** Sets `columns` of the rows of `table` whose `id` matches, from `rows` (each with `id` and those columns). */
  updateEachById(table: keyof LedgerDatabase, columns: readonly string[], rows: readonly Record<string, Cell>[]): void {
    if (rows.length === 0) return;
    const statement = this.prepare(`update ${table} set ${columns.map((column) => `${column} = ?`).join(', ')} where id = ?`);
    for (const row of rows) statement.run(...columns.map((column) => row[column] ?? null), row.id ?? null);
  }
}
