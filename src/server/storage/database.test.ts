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
