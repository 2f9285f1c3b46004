/** Migrations on a database that already holds data: every domain's, in whatever order they were added. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../migrations.js';
import { openStorage } from './database.js';
import { bothEngines, openTestStorage } from './testing.js';

describe.each(bothEngines)('migrations on %s', (engine) => {
  it('apply one that was added later with a name that sorts before migrations the database already ran', async () => {
    // 0201_email_outbox_retries was added after 0202…0303 had shipped: databases that ran those
    // first must still take it, rather than refuse to start ("corrupted migrations").
    const { '0201_email_outbox_retries': addedLater, ...shippedFirst } = allMigrations;
    expect(addedLater).toBeDefined();
    const first = await openTestStorage(engine, shippedFirst);
    try {
      const location = first.location;
      const reopened = await openStorage(location.engine === 'sqlite' ? location : { ...location, poolSize: 2 }, allMigrations);
      try {
        const columns = await sql<{ attempts: number }>`select attempts from email_outbox`.execute(reopened.db);
        expect(columns.rows).toEqual([]);
      } finally {
        await reopened.close();
      }
    } finally {
      await first.dispose();
    }
  });
});

describe('PostgreSQL schemas side by side', () => {
  it('migrate while another schema is dropped and altered at the same moment (the introspection sees only its own)', async () => {
    // Kysely's own introspector resolves every schema's tables by name and failed ("schema … does
    // not exist") when another instance dropped its schema meanwhile — as parallel tests do.
    const neighbour = await openTestStorage('postgres', allMigrations);
    const ours = await openTestStorage('postgres', allMigrations);
    try {
      const tables = await ours.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(new Set(tables.map((table) => table.schema))).toEqual(new Set([ours.location.engine === 'postgres' && ours.location.schema]));
      expect(tables.map((table) => table.name)).toContain('kysely_migration');
      const churn = (async () => {
        for (let round = 0; round < 20; round++) {
          await sql`alter table email_outbox add column churn integer`.execute(neighbour.db);
          await sql`alter table email_outbox drop column churn`.execute(neighbour.db);
        }
      })();
      const reopenings = Array.from({ length: 20 }, async () => {
        const location = ours.location;
        if (location.engine !== 'postgres') throw new Error('postgres expected');
        const again = await openStorage({ ...location, poolSize: 1 }, allMigrations);
        await again.close();
      });
      await Promise.all([churn.then(() => neighbour.dispose()), ...reopenings]);
    } finally {
      await ours.dispose();
    }
  });
});
