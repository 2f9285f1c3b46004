import { type Kysely, type Migration, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { openStorage, type Storage } from '../storage/index.js';
import { bothEngines, openTestStorage, type TestStorage } from '../storage/testing.js';
import { appendJournal, canonicalJson, entryHash, genesisHash, takeChangeNumbers } from './journal.js';
import { changesPayload } from './journal-payloads.js';
import { Ledger } from './ledger.js';
import { ledgerMigrations } from './migrations.js';
import type { LedgerDatabase } from './tables.js';
import { accountId, currency, dropAppendOnlyGuards, editTransferRow, request, transferId } from './test-support.js';
import type { Transfer } from './types.js';
import { inWriteTransaction, ledgerStore } from './write-transaction.js';

const firstMigration: Record<string, Migration> = Object.fromEntries(
  Object.entries(ledgerMigrations).filter(([name]) => name.startsWith('0100_')),
);

/**
 * Writes, with SQL alone, what the ledger wrote before 0660: one journal entry per change, a
 * transfer numbered by its entry, and (as before 0662) its accounts' history rows.
 */
async function writeOldLedger(db: Kysely<LedgerDatabase>): Promise<void> {
  const entries: [string, Record<string, unknown>][] = [
    ['currency_created', { code: currency, name: 'Solidarity credit', scale: 2, createdAtMs: 0 }],
    ...['alice', 'bob'].map((id): [string, Record<string, unknown>] => [
      'account_created',
      { id, currency, ownerKind: 'member_organisation', ownerId: id, lowerLimit: '-1000', upperLimit: null, createdAtMs: 0 },
    ]),
  ];
  const transfer = { id: 'old', kind: 'single_phase', debitAccountId: 'alice', creditAccountId: 'bob', amount: '40', currency };
  entries.push(['transfer_created', { ...transfer, description: '', reference: '', pendingId: null, expiresAtMs: null, timestampMs: 0 }]);
  let previousHash = genesisHash;
  for (const [index, [kind, payload]] of entries.entries()) {
    const hash = entryHash(previousHash, index + 1, kind, 0, canonicalJson(payload));
    await sql`insert into ledger_journal values (${index + 1}, ${kind}, ${canonicalJson(payload)}, ${previousHash}, ${hash}, 0)`.execute(
      db,
    );
    previousHash = hash;
  }
  await sql`insert into ledger_currencies values (${currency}, 'Solidarity credit', 2, 0)`.execute(db);
  await sql`insert into ledger_accounts values ('alice', ${currency}, 'member_organisation', 'alice', -1000, null, 'active', 40, 0, 0, 0, 0),
    ('bob', ${currency}, 'member_organisation', 'bob', -1000, null, 'active', 0, 40, 0, 0, 0)`.execute(db);
  await sql`insert into ledger_transfers values ('old', 4, 'single_phase', 'alice', 'bob', 40, ${currency}, '', '', null, null, 0)`.execute(
    db,
  );
  // Its accounts' history rows, as every movement had one before 0662.
  await sql`insert into ledger_account_entries values ('alice', 4, 'old', 'single_phase', 'debit', 40, -40, 0, 0, 0),
    ('bob', 4, 'old', 'single_phase', 'credit', 40, 40, 0, 0, 0)`.execute(db);
  await sql`update ledger_chain_head set sequence = 4, hash = ${previousHash}`.execute(db);
}

/**
 * Writes, after `writeOldLedger` and the migrations, a batch as the ledger wrote it from 0662 until
 * the digests: transfer `mid` (bob pays alice 10) with its balances in its row, and a
 * `changes_applied` entry holding every field of it.
 */
async function writeBatchWithEveryField(storage: Storage): Promise<void> {
  const store = ledgerStore(storage);
  await inWriteTransaction(store, async (transaction) => {
    const [sequence = 0] = await takeChangeNumbers(store, transaction, 1);
    const transfer: Transfer = {
      id: transferId('mid'),
      kind: 'single_phase',
      debitAccountId: accountId('bob'),
      creditAccountId: accountId('alice'),
      amount: 10n,
      currency,
      description: 'written with every field',
      reference: '',
      pendingId: null,
      expiresAtMs: null,
      timestampMs: 0,
      sequence,
    };
    await sql`insert into ledger_transfers values ('mid', ${sequence}, 'single_phase', 'bob', 'alice', 10, ${currency},
      'written with every field', '', null, null, 0, 30, 0, 0, -30, 0, 0)`.execute(transaction);
    await sql`update ledger_accounts set debits_posted = debits_posted + 10 where id = 'bob'`.execute(transaction);
    await sql`update ledger_accounts set credits_posted = credits_posted + 10 where id = 'alice'`.execute(transaction);
    const payload = changesPayload([{ kind: 'transfer', transfer }], [sequence]);
    await appendJournal(store, transaction, [{ kind: 'changes_applied', payload }], 0);
  });
}

describe.each(bothEngines)('a ledger written before migration 0660, on %s', (engine) => {
  let before: TestStorage | undefined;
  let after: Storage | undefined;
  afterEach(async () => {
    await after?.close();
    await before?.dispose();
  });

  it('verifies after the migrations, numbers new transfers after the old ones, and replays an old transfer', async () => {
    before = await openTestStorage(engine, firstMigration);
    await writeOldLedger(before.db as unknown as Kysely<LedgerDatabase>);
    after = await openStorage({ ...before.location, ...(engine === 'postgres' ? { poolSize: 2 } : {}) }, ledgerMigrations);
    const ledger = new Ledger(after, new ManualClock());
    expect(await ledger.verify()).toMatchObject({ ok: true, entriesChecked: 4, transfersChecked: 1 });
    const results = await ledger.createTransfers([
      request({ id: 'new', debitAccountId: 'bob', creditAccountId: 'alice', amount: '15' }),
      request({ id: 'old', debitAccountId: 'alice', creditAccountId: 'bob', amount: '40' }),
    ]);
    expect(results.map((result) => [result.id, result.result, 'replayed' in result && result.replayed])).toEqual([
      ['new', 'ok', false],
      ['old', 'ok', true],
    ]);
    const sequences = results.map((result) => ('transfer' in result ? result.transfer.sequence : 0));
    expect(sequences[0]).toBeGreaterThan(4);
    expect(sequences[1]).toBe(4);
    expect(await ledger.findAccount(accountId('bob'))).toMatchObject({ creditsPosted: 40n, debitsPosted: 15n });
    expect(await ledger.verify()).toMatchObject({ ok: true, entriesChecked: 5, transfersChecked: 2 });
  });

  it('verifies entries with every field and entries with digests alike, and names an edited transfer of either', async () => {
    before = await openTestStorage(engine, firstMigration);
    await writeOldLedger(before.db as unknown as Kysely<LedgerDatabase>);
    after = await openStorage({ ...before.location, ...(engine === 'postgres' ? { poolSize: 2 } : {}) }, ledgerMigrations);
    await writeBatchWithEveryField(after);
    const ledger = new Ledger(after, new ManualClock());
    await ledger.createTransfers([request({ id: 'new', debitAccountId: 'alice', creditAccountId: 'bob', amount: '5' })]);
    const kinds = await sql<{ kind: string }>`select kind from ledger_journal order by sequence`.execute(after.db);
    expect(kinds.rows.map((row) => row.kind).slice(3)).toEqual(['transfer_created', 'changes_applied', 'changes_digested']);
    expect(await ledger.verify()).toMatchObject({ ok: true, entriesChecked: 6, transfersChecked: 3 });
    await dropAppendOnlyGuards(after);
    for (const [id, entry] of [
      ['old', 4],
      ['mid', 5],
      ['new', 6],
    ] as const) {
      await editTransferRow(after, id, 'amount');
      expect(await ledger.verify()).toMatchObject({
        ok: false,
        problem: 'transfer_row_mismatch',
        firstBrokenSequence: entry,
        detail: expect.stringContaining(id),
      });
      await editTransferRow(after, id, 'amount', true);
    }
    // The balances a row written with every field keeps (statements show them) are checked against the replay too.
    await editTransferRow(after, 'mid', 'creditPostedBalanceAfter');
    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'transfer_row_mismatch',
      firstBrokenSequence: 5,
      detail: expect.stringContaining('mid keeps balances'),
    });
    await editTransferRow(after, 'mid', 'creditPostedBalanceAfter', true);
    expect(await ledger.verify()).toMatchObject({ ok: true });
  });

  it("reads an account's history from its old history rows and its new transfer rows alike, expiries included", async () => {
    before = await openTestStorage(engine, firstMigration);
    await writeOldLedger(before.db as unknown as Kysely<LedgerDatabase>);
    after = await openStorage({ ...before.location, ...(engine === 'postgres' ? { poolSize: 2 } : {}) }, ledgerMigrations);
    const clock = new ManualClock();
    const ledger = new Ledger(after, clock);
    await ledger.createTransfers([
      request({ id: 'new', debitAccountId: 'bob', creditAccountId: 'alice', amount: '15' }),
      request({ kind: 'pending', id: 'held', debitAccountId: 'bob', creditAccountId: 'alice', amount: '5', timeoutMs: 1000 }),
    ]);
    clock.advance(1000);
    expect(await ledger.expirePendingTransfers()).toBe(1);
    const page = await ledger.statement(accountId('bob'), { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
    const line = (transferId: string, event: string, side: string, amount: bigint, posted: bigint, debitsPending: bigint) => ({
      transferId,
      event,
      side,
      amount,
      postedBalanceAfter: posted,
      debitsPendingAfter: debitsPending,
      creditsPendingAfter: 0n,
      counterpartyAccountId: 'alice',
    });
    expect(page?.lines).toMatchObject([
      line('old', 'single_phase', 'credit', 40n, 40n, 0n),
      line('new', 'single_phase', 'debit', 15n, 25n, 0n),
      line('held', 'pending', 'debit', 5n, 25n, 5n),
      line('held', 'pending_expired', 'debit', 5n, 25n, 0n),
    ]);
    const newest = await ledger.statement(accountId('bob'), { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, order: 'newest', limit: 3 });
    expect(newest?.lines.map((each) => each.transferId)).toEqual(['held', 'held', 'new']);
    expect((await ledger.statement(accountId('bob'), { fromMs: 1, toMs: Number.MAX_SAFE_INTEGER }))?.openingPostedBalance).toBe(40n);
    expect(await ledger.verify()).toMatchObject({ ok: true });
  });
});

/**
 * Kysely runs SQLite migrations outside a transaction, so the two that rebuild a table (0661
 * accounts, 0671 transfers) each hold their own: an upgrade stopped at any step after the first
 * leaves the table as it was, and the next start upgrades it. The step is made to fail by an object
 * already holding the name of something the rebuild makes last.
 */
describe('a SQLite upgrade stopped midway through a table rebuild', () => {
  let before: TestStorage | undefined;
  afterEach(async () => {
    await before?.dispose();
  });

  const rebuilds = [
    {
      migration: '0661',
      table: 'ledger_accounts',
      rows: 2,
      // The rebuild ends by making this index again; a table of that name is in its way.
      block: ['drop index ledger_accounts_currency', 'create table ledger_accounts_currency (x)'],
      unblock: ['drop table ledger_accounts_currency', 'create index ledger_accounts_currency on ledger_accounts (currency_code, id)'],
    },
    {
      migration: '0671',
      table: 'ledger_transfers',
      rows: 1,
      // The rebuild ends by making the append-only triggers again; one of that name on another table is in its way.
      block: [
        'drop trigger ledger_transfers_refuses_delete',
        "create trigger ledger_transfers_refuses_delete before delete on ledger_currencies begin select raise(abort, 'in the way'); end",
      ],
      unblock: [
        'drop trigger ledger_transfers_refuses_delete',
        "create trigger ledger_transfers_refuses_delete before delete on ledger_transfers begin select raise(abort, 'ledger_transfers is append-only'); end",
      ],
    },
  ];

  it.each(rebuilds)('leaves $table as it was when $migration fails, and completes on the next start', async (rebuild) => {
    before = await openTestStorage('sqlite', firstMigration);
    await writeOldLedger(before.db as unknown as Kysely<LedgerDatabase>);
    const location = before.location;
    const upTo = Object.fromEntries(Object.entries(ledgerMigrations).filter(([name]) => name < rebuild.migration));
    await (await openStorage(location, upTo)).close();
    for (const statement of rebuild.block) await sql.raw(statement).execute(before.db);
    // The table, its indexes and its triggers, as they stand before the upgrade is tried.
    const schemaOf = async () =>
      (
        await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master
        where tbl_name = ${rebuild.table} or name like '%before%' order by name`.execute(before?.db as Kysely<unknown>)
      ).rows;
    const schemaBefore = await schemaOf();
    expect(schemaBefore.map((entry) => entry.name)).toContain(rebuild.table);
    await expect(openStorage(location, ledgerMigrations)).rejects.toThrow();

    expect(await schemaOf()).toEqual(schemaBefore);
    const rows = await sql<{ count: number }>`select count(*) as count from ${sql.table(rebuild.table)}`.execute(before.db);
    expect(Number(rows.rows[0]?.count)).toBe(rebuild.rows);

    for (const statement of rebuild.unblock) await sql.raw(statement).execute(before.db);
    const after = await openStorage(location, ledgerMigrations);
    try {
      expect(await new Ledger(after, new ManualClock()).verify()).toMatchObject({ ok: true, transfersChecked: 1 });
      // Rebuilt WITHOUT ROWID, as the migration makes it.
      const made = await sql<{ sql: string }>`select sql from sqlite_master where name = ${rebuild.table}`.execute(after.db);
      expect(made.rows[0]?.sql).toMatch(/without rowid/i);
    } finally {
      await after.close();
    }
  });
});
