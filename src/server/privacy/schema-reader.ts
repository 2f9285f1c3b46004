/** Reads the tables and columns that every migration together produces, from a fresh SQLite database. */
import type { Migration } from 'kysely';
import { sql } from 'kysely';
import { openStorage } from '../storage/index.js';

/** A migrated schema: each table's columns, in their order; tables sorted by name. */
export type MigratedSchema = ReadonlyMap<string, readonly string[]>;

/**
 * Applies `migrations` to a fresh in-memory SQLite database and reads its tables
 * (`sqlite_master`) and their columns (`pragma table_info`). SQLite's own tables are left out.
 */
export async function readMigratedSchema(migrations: Record<string, Migration>): Promise<MigratedSchema> {
  const storage = await openStorage({ engine: 'sqlite', file: ':memory:' }, migrations);
  try {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(storage.db);
    const schema = new Map<string, readonly string[]>();
    for (const { name } of tables.rows) {
      const columns = await sql<{ name: string }>`select name from pragma_table_info(${name}) order by cid`.execute(storage.db);
      schema.set(
        name,
        columns.rows.map((column) => column.name),
      );
    }
    return schema;
  } finally {
    await storage.close();
  }
}
