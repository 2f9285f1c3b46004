/**
 * Migrations, in order. Each one runs in a transaction on both engines; never edit one that
 * has shipped — add the next.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

const migrations: Record<string, Migration> = {
  '0001_rooms_and_meetings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rooms')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('participants_max', 'integer', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('room_id', 'text', (column) => column.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('started_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('ended_at_ms', 'bigint')
        .addColumn('participants_peak', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('meetings_room_started').on('meetings').columns(['room_id', 'started_at_ms']).execute();
    },
  },
};

/** Supplies the migrations above to Kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
