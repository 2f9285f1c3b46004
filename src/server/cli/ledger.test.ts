import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../ledger/index.js';
import { openAccounts, request } from '../ledger/test-support.js';
import { allMigrations } from '../migrations.js';
import { systemClock } from '../platform/clock.js';
import { openStorage } from '../storage/index.js';
import { bothEngines, openTestStorage } from '../storage/testing.js';

describe.each(bothEngines)('the verify command on %s', (engine) => {
  it('exits 0 on an intact ledger and 1 with the first broken entry after tampering', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'plenary-ledger-cli-'));
    const testStorage = engine === 'postgres' ? await openTestStorage(engine, allMigrations) : undefined;
    const storage = testStorage ?? (await openStorage({ engine: 'sqlite', file: path.join(folder, 'plenary.sqlite') }, allMigrations));
    const environment: NodeJS.ProcessEnv = { PATH: process.env.PATH, DATA_DIR: folder };
    if (testStorage?.location.engine === 'postgres') {
      environment.DATABASE_URL = testStorage.location.url;
      environment.DATABASE_SCHEMA = testStorage.location.schema;
    }
    try {
      const ledger = new Ledger(storage, systemClock);
      await ledger.createCurrency({ code: 'SOLI' as never, name: 'Solidarity', scale: 2 });
      await openAccounts(ledger, ['alice', 'bob'], -100n, 100n);
      await ledger.createTransfers([request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '10' })]);
      const run = () =>
        spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./ledger.ts', import.meta.url)), 'verify'], {
          env: environment,
          encoding: 'utf8',
          timeout: 60_000,
        });
      const intact = run();
      expect(intact.status).toBe(0);
      expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, transfersChecked: 1 });
      await sql`update ledger_accounts set debits_posted = 0 where id = 'alice'`.execute(storage.db);
      const broken = run();
      expect(broken.status).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, problem: 'account_row_mismatch' });
    } finally {
      if (testStorage) await testStorage.dispose();
      else await storage.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
