import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import { allMigrations } from '../services.js';
import { openStorage } from '../storage/index.js';
import { bothEngines, openTestStorage } from '../storage/testing.js';
import { Ledger } from './ledger.js';
import { ledgerMigrations } from './migrations.js';
import { openAccounts, openTestLedger, request, type TestLedger } from './test-support.js';

async function dropAppendOnlyGuards(subject: TestLedger): Promise<void> {
  const db = subject.storage.db;
  if (subject.storage.engine === 'sqlite') {
    for (const table of ['ledger_journal', 'ledger_transfers']) {
      for (const operation of ['update', 'delete']) await sql.raw(`drop trigger ${table}_refuses_${operation}`).execute(db);
    }
  } else {
    for (const table of ['ledger_journal', 'ledger_transfers'])
      await sql.raw(`drop trigger ${table}_is_append_only on ${table}`).execute(db);
  }
}

describe.each(bothEngines)('verifying the journal on %s', (engine) => {
  let subject: TestLedger;
  beforeEach(async () => {
    subject = await openTestLedger(engine);
    await openAccounts(subject.ledger, ['alice', 'bob'], -1000n, 1000n);
    // Journal: 1 currency, 2 accounts, then 3 transfers at sequences 4, 5, 6.
    await subject.ledger.createTransfers([request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '10' })]);
    await subject.ledger.createTransfers([request({ id: 't2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '20' })]);
    await subject.ledger.createTransfers([request({ id: 't3', debitAccountId: 'bob', creditAccountId: 'alice', amount: '5' })]);
  });
  afterEach(async () => {
    await subject.storage.dispose();
  });

  it('verifies an intact ledger', async () => {
    expect(await subject.ledger.verify()).toMatchObject({
      ok: true,
      entriesChecked: 6,
      headSequence: 6,
      transfersChecked: 3,
      accountsChecked: 2,
    });
  });

  it('refuses to update or delete journal entries and transfers in the database itself', async () => {
    const db = subject.storage.db;
    await expect(sql`update ledger_journal set payload = '{}' where sequence = 5`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_transfers where id = 't1'`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('reports the first entry whose payload was changed', async () => {
    await dropAppendOnlyGuards(subject);
    await sql`update ledger_journal set payload = replace(payload, '"20"', '"2"') where sequence = 5`.execute(subject.storage.db);
    expect(await subject.ledger.verify()).toMatchObject({ ok: false, problem: 'hash_mismatch', firstBrokenSequence: 5, entriesChecked: 4 });
  });

  it('reports a deleted entry as a gap', async () => {
    await dropAppendOnlyGuards(subject);
    await sql`delete from ledger_journal where sequence = 4`.execute(subject.storage.db);
    expect(await subject.ledger.verify()).toMatchObject({ ok: false, problem: 'sequence_gap', firstBrokenSequence: 4 });
  });

  it('reports an entry rewritten with a recomputed hash, because the next entry no longer follows it', async () => {
    await dropAppendOnlyGuards(subject);
    const db = subject.storage.db;
    await sql`update ledger_journal set hash = ${'f'.repeat(64)} where sequence = 4`.execute(db);
    expect(await subject.ledger.verify()).toMatchObject({ ok: false, firstBrokenSequence: 4 });
  });

  it('reports a transfer row that differs from its journal entry', async () => {
    await dropAppendOnlyGuards(subject);
    await sql`update ledger_transfers set amount = 200 where id = 't2'`.execute(subject.storage.db);
    expect(await subject.ledger.verify()).toMatchObject({ ok: false, problem: 'transfer_row_mismatch', firstBrokenSequence: 5 });
  });

  it('reports a balance edited behind the ledger’s back', async () => {
    await sql`update ledger_accounts set credits_posted = credits_posted + 1 where id = 'bob'`.execute(subject.storage.db);
    expect(await subject.ledger.verify()).toMatchObject({ ok: false, problem: 'account_row_mismatch', firstBrokenSequence: null });
  });
});

describe.each(bothEngines)('the verify command on %s', (engine) => {
  it('exits 0 on an intact ledger and 1 with the first broken entry after tampering', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'plenary-ledger-cli-'));
    const migrations = { ...allMigrations, ...ledgerMigrations };
    const testStorage = engine === 'postgres' ? await openTestStorage(engine, migrations) : undefined;
    const storage = testStorage ?? (await openStorage({ engine: 'sqlite', file: path.join(folder, 'plenary.sqlite') }, migrations));
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
        spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./cli.ts', import.meta.url)), 'verify'], {
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
