/**
 * Test helpers: the same test against both engines. SQLite gets a fresh file in a temporary
 * folder; PostgreSQL (127.0.0.1:5432, or `TEST_DATABASE_URL`) gets a fresh schema that is
 * dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Migration } from 'kysely';
import pg from 'pg';
import { openStorage, type Storage, type StorageEngine } from './database.js';

/** The PostgreSQL server tests use. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A storage for one test, with a `dispose()` that removes every trace of it. */
export interface TestStorage extends Storage {
  dispose(): Promise<void>;
  /** Where it lives, for a second process to open the same database. */
  location: { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; schema: string };
}

/** Opens a fresh, migrated storage on `engine`. */
export async function openTestStorage(engine: StorageEngine, migrations: Record<string, Migration>): Promise<TestStorage> {
  if (engine === 'sqlite') {
    const folder = mkdtempSync(path.join(tmpdir(), 'plenary-test-'));
    const file = path.join(folder, 'test.sqlite');
    const storage = await openStorage({ engine: 'sqlite', file }, migrations);
    return {
      ...storage,
      location: { engine, file },
      async dispose() {
        await storage.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const storage = await openStorage({ engine: 'postgres', url: testPostgresUrl, schema, poolSize: 5 }, migrations);
  return {
    ...storage,
    location: { engine, url: testPostgresUrl, schema },
    async dispose() {
      await storage.close();
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Both engines, for `describe.each`. */
export const bothEngines: StorageEngine[] = ['sqlite', 'postgres'];
