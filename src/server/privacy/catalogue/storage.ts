/** The migration bookkeeping tables Kysely keeps (`storage/database.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** Kysely's own tables, and the sweeps' leases (`platform/leases.ts`). */
export const storageCatalogue: DataCatalogue = {
  kysely_migration: {
    purpose: 'Which migrations have run.',
    retention: "Kept for the database's life.",
    columns: {
      name: column("A migration's name.", 'Each runs once.', false),
      timestamp: column('When it ran.', 'The record.', false),
    },
  },
  kysely_migration_lock: {
    purpose: 'The lock that keeps two instances from migrating at once (one row).',
    retention: 'One row.',
    columns: {
      id: column("The lock's name.", 'One lock.', false),
      is_locked: column('1 while a migration runs.', 'Migrations run one at a time.', false),
    },
  },
  scheduler_leases: {
    purpose: 'Which instance runs each background sweep, so that several instances sharing the database run it once.',
    retention: 'One row per sweep; given back when its instance stops.',
    columns: {
      name: column('The sweep.', 'One lease each.', false),
      holder: column('The instance holding it.', 'Only it runs the sweep.', false),
      expires_at_ms: column('When it lapses unless renewed.', 'Another instance takes over from a dead one.', false),
    },
  },
};
