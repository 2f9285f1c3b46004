/**
 * Many rows in one statement with one parameter: the rows travel as a JSON array and the engine
 * unpacks them (`json_each` over arrays in SQLite, `json_populate_recordset` over objects in
 * PostgreSQL). The statement's text stays small and constant, which is several times faster than a multi-row `VALUES` list
 * with thousands of parameters that each engine must parse and plan anew. `bigint` values are
 * written as exact JSON integers, which both engines read back as 64-bit integers.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { LedgerDatabase } from './tables.js';
import type { LedgerStore } from './write-transaction.js';

type Cell = string | number | bigint | null;

function cellJson(value: Cell | undefined): string {
  return typeof value === 'bigint' || typeof value === 'number' ? String(value) : JSON.stringify(value ?? null);
}

/** JSON text of `rows` (all with the keys of the first), with `bigint` as exact integers. */
export function rowsJson(rows: readonly Record<string, Cell>[]): string {
  const first = rows[0];
  if (!first) return '[]';
  const keys = Object.keys(first);
  const prefixes = keys.map((key, index) => `${index === 0 ? '{' : ','}${JSON.stringify(key)}:`);
  const encoded = rows.map((row) => {
    let text = '';
    for (const [index, key] of keys.entries()) text += prefixes[index] + cellJson(row[key]);
    return `${text}}`;
  });
  return `[${encoded.join(',')}]`;
}

/** JSON text of `rows` as arrays of the values of `columns`, in that order: smaller, and faster for SQLite to take apart. */
export function rowsArrayJson(rows: readonly Record<string, Cell>[], columns: readonly string[]): string {
  const encoded = rows.map((row) => {
    let text = '[';
    for (const [index, column] of columns.entries()) text += (index === 0 ? '' : ',') + cellJson(row[column]);
    return `${text}]`;
  });
  return `[${encoded.join(',')}]`;
}

function rowsSource(store: LedgerStore, table: keyof LedgerDatabase, columns: readonly string[], rows: readonly Record<string, Cell>[]) {
  if (store.engine === 'postgres') {
    return sql`select ${sql.join(columns.map((column) => sql.ref(column)))} from json_populate_recordset(null::${sql.table(table)}, ${rowsJson(rows)}::json)`;
  }
  // `value ->> n` is the n-th element of the row's array.
  const extracted = columns.map((column, index) => sql`value ->> ${sql.raw(String(index))} as ${sql.ref(column)}`);
  return sql`select ${sql.join(extracted)} from json_each(${rowsArrayJson(rows, columns)})`;
}

/** The statement inserting `rows` (all with the same keys) into `table`; undefined when there are none. */
export function insertStatement(store: LedgerStore, table: keyof LedgerDatabase, rows: readonly Record<string, Cell>[]) {
  const first = rows[0];
  if (!first) return undefined;
  const columns = Object.keys(first);
  const source = rowsSource(store, table, columns, rows);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) ${source}`;
}

/** Inserts `rows` (all with the same keys) into `table`. */
export async function insertRows(
  store: LedgerStore,
  transaction: Kysely<LedgerDatabase>,
  table: keyof LedgerDatabase,
  rows: readonly Record<string, Cell>[],
): Promise<void> {
  await insertStatement(store, table, rows)?.execute(transaction);
}

/** The statement setting `columns` of the rows of `table` whose `id` matches, from `rows` (each with `id` and those columns). */
export function updateByIdStatement(
  store: LedgerStore,
  table: keyof LedgerDatabase,
  columns: readonly string[],
  rows: readonly Record<string, Cell>[],
) {
  if (rows.length === 0) return undefined;
  const source = rowsSource(store, table, ['id', ...columns], rows);
  const assignments = sql.join(columns.map((column) => sql`${sql.ref(column)} = source.${sql.ref(column)}`));
  return sql`update ${sql.table(table)} set ${assignments} from (${source}) as source where ${sql.table(table)}.id = source.id`;
}

/**
 * Runs data-changing `statements` (on different tables) in order. PostgreSQL: as one statement,
 * each a `WITH` part, so they cost one round trip; SQLite (in process): one after another.
 */
export async function runStatements(
  store: LedgerStore,
  transaction: Kysely<LedgerDatabase>,
  statements: readonly (RawBuilder<unknown> | undefined)[],
): Promise<void> {
  const present = statements.filter((statement) => statement !== undefined);
  if (store.engine === 'sqlite' || present.length < 2) {
    for (const statement of present) await statement.execute(transaction);
    return;
  }
  const parts = present.map((statement, index) => sql`${sql.raw(`part${index}`)} as (${statement})`);
  await sql`with ${sql.join(parts)} select 1`.execute(transaction);
}

/** `column in (ids)` with a single parameter. */
export function inIds(store: LedgerStore, column: string, ids: readonly string[]) {
  if (store.engine === 'postgres') return sql<boolean>`${sql.ref(column)} = any(${[...ids]}::text[])`;
  return sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}
