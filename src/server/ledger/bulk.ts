/**
 * Many rows in one statement with one parameter: the rows travel as a JSON array and the engine
 * unpacks them (`json_each` in SQLite, `json_populate_recordset` in PostgreSQL). The statement's
 * text stays small and constant, which is several times faster than a multi-row `VALUES` list
 * with thousands of parameters that each engine must parse and plan anew. `bigint` values are
 * written as exact JSON integers, which both engines read back as 64-bit integers.
 */
import { type Kysely, sql } from 'kysely';
import type { LedgerDatabase } from './tables.js';
import type { LedgerStore } from './write-transaction.js';

type Cell = string | number | bigint | null;

/** JSON text of `rows` (all with the keys of the first), with `bigint` as exact integers. */
export function rowsJson(rows: readonly Record<string, Cell>[]): string {
  const first = rows[0];
  if (!first) return '[]';
  const keys = Object.keys(first);
  const prefixes = keys.map((key, index) => `${index === 0 ? '{' : ','}${JSON.stringify(key)}:`);
  const encoded = rows.map((row) => {
    let text = '';
    for (const [index, key] of keys.entries()) {
      const value = row[key];
      text += prefixes[index] + (typeof value === 'bigint' || typeof value === 'number' ? String(value) : JSON.stringify(value ?? null));
    }
    return `${text}}`;
  });
  return `[${encoded.join(',')}]`;
}

function rowsSource(store: LedgerStore, table: keyof LedgerDatabase, columns: readonly string[], json: string) {
  if (store.engine === 'postgres') {
    return sql`select ${sql.join(columns.map((column) => sql.ref(column)))} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`;
  }
  const extracted = columns.map((column) => sql`value ->> ${`$.${column}`} as ${sql.ref(column)}`);
  return sql`select ${sql.join(extracted)} from json_each(${json})`;
}

/** Inserts `rows` (all with the same keys) into `table`. */
export async function insertRows(
  store: LedgerStore,
  transaction: Kysely<LedgerDatabase>,
  table: keyof LedgerDatabase,
  rows: readonly Record<string, Cell>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const source = rowsSource(store, table, columns, rowsJson(rows));
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) ${source}`.execute(transaction);
}

/** Sets `columns` of the rows of `table` whose `id` matches, from `rows` (each with `id` and those columns). */
export async function updateRowsById(
  store: LedgerStore,
  transaction: Kysely<LedgerDatabase>,
  table: keyof LedgerDatabase,
  columns: readonly string[],
  rows: readonly Record<string, Cell>[],
): Promise<void> {
  if (rows.length === 0) return;
  const source = rowsSource(store, table, ['id', ...columns], rowsJson(rows));
  const assignments = sql.join(columns.map((column) => sql`${sql.ref(column)} = source.${sql.ref(column)}`));
  await sql`update ${sql.table(table)} set ${assignments} from (${source}) as source where ${sql.table(table)}.id = source.id`.execute(
    transaction,
  );
}

/** `column in (ids)` with a single parameter. */
export function inIds(store: LedgerStore, column: string, ids: readonly string[]) {
  if (store.engine === 'postgres') return sql<boolean>`${sql.ref(column)} = any(${[...ids]}::text[])`;
  return sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}
