import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bothEngines } from '../storage/testing.js';
import {
  dropAppendOnlyGuards as dropGuards,
  editTransferRow,
  openAccounts,
  openTestLedger,
  request,
  type TestLedger,
} from './test-support.js';

async function dropAppendOnlyGuards(subject: TestLedger): Promise<void> {
  await dropGuards(subject.storage);
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

  it('verifies entries whose text is beyond ASCII, hashed by the database on PostgreSQL as the verifier hashes them', async () => {
    await subject.ledger.createTransfers([
      request({
        id: 't4',
        debitAccountId: 'alice',
        creditAccountId: 'bob',
        amount: '1',
        description: 'café — 5 € 🎉 "quoted" \\ back\nline',
      }),
      request({ id: 't5', debitAccountId: 'bob', creditAccountId: 'alice', amount: '1', reference: 'Łódź ß 日本' }),
    ]);
    expect(await subject.ledger.verify()).toMatchObject({ ok: true, entriesChecked: 7, transfersChecked: 5 });
  });

  it('refuses to update or delete journal entries and transfers in the database itself', async () => {
    const db = subject.storage.db;
    await expect(sql`update ledger_journal set payload = '{}' where sequence = 5`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_transfers where id = 't1'`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('reports the first entry whose payload was changed', async () => {
    await dropAppendOnlyGuards(subject);
    await sql`update ledger_journal set payload = replace(payload, '"transferId":"t2"', '"transferId":"t1"') where sequence = 5`.execute(
      subject.storage.db,
    );
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

  it('records a batch as one entry listing its transfers, and names the transfer whose row was edited', async () => {
    await subject.ledger.createTransfers([
      request({ id: 't4', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1' }),
      request({ id: 't5', debitAccountId: 'bob', creditAccountId: 'alice', amount: '2' }),
      request({ id: 't6', debitAccountId: 'alice', creditAccountId: 'bob', amount: '3' }),
    ]);
    expect(await subject.ledger.verify()).toMatchObject({ ok: true, entriesChecked: 7, transfersChecked: 6 });
    await dropAppendOnlyGuards(subject);
    await sql`update ledger_transfers set amount = 30 where id = 't6'`.execute(subject.storage.db);
    expect(await subject.ledger.verify()).toMatchObject({
      ok: false,
      problem: 'transfer_row_mismatch',
      firstBrokenSequence: 7,
      detail: expect.stringContaining('t6'),
    });
  });

  it('reports a transfer row whose description, accounts or statement balances were edited, naming the transfer', async () => {
    await dropAppendOnlyGuards(subject);
    for (const edit of ['description', 'accounts', 'creditPostedBalanceAfter', 'debitDebitsPendingAfter', 'sequence'] as const) {
      await editTransferRow(subject.storage, 't2', edit);
      expect(await subject.ledger.verify()).toMatchObject({
        ok: false,
        problem: 'transfer_row_mismatch',
        firstBrokenSequence: 5,
        detail: expect.stringContaining('t2'),
      });
      await editTransferRow(subject.storage, 't2', edit, true);
    }
    expect(await subject.ledger.verify()).toMatchObject({ ok: true });
  });

  it('reports a transfer row edited into something that does not read as a transfer, rather than failing', async () => {
    await dropAppendOnlyGuards(subject);
    await sql`update ledger_transfers set kind = 'bogus' where id = 't2'`.execute(subject.storage.db);
    expect(await subject.ledger.verify()).toMatchObject({
      ok: false,
      problem: 'transfer_row_mismatch',
      firstBrokenSequence: 5,
      detail: expect.stringMatching(/t2 is malformed/),
    });
  });

  it('records a batch as the digests of its transfers, not their fields', async () => {
    const description = 'a description the journal entry does not repeat';
    await subject.ledger.createTransfers([
      request({ id: 't4', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1', description }),
    ]);
    const { rows } = await sql<{ kind: string; payload: string }>`select kind, payload from ledger_journal where sequence = 7`.execute(
      subject.storage.db,
    );
    const [entry] = rows;
    expect(entry).toMatchObject({ kind: 'changes_digested', payload: expect.stringMatching(/"digest":"[0-9a-f]{64}"/) });
    expect(JSON.stringify(entry)).not.toContain(description);
  });

  it('reports a change number given twice (nothing in the database refuses it since 0671)', async () => {
    const db = subject.storage.db;
    // Turn the numbering back by one, as a restored backup of the counter or a bug would.
    if (subject.storage.engine === 'sqlite') await sql`update ledger_chain_head set change_sequence = change_sequence - 1`.execute(db);
    else await sql`select setval('ledger_change_sequence', (select max(sequence) from ledger_transfers) - 1)`.execute(db);
    const [result] = await subject.ledger.createTransfers([
      request({ id: 't4', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1' }),
    ]);
    expect(result).toMatchObject({ result: 'ok' });
    expect(await subject.ledger.verify()).toMatchObject({ ok: false, problem: 'number_given_twice', firstBrokenSequence: 7 });
  });

  it('reports a balance edited behind the ledger’s back', async () => {
    await sql`update ledger_accounts set credits_posted = credits_posted + 1 where id = 'bob'`.execute(subject.storage.db);
    expect(await subject.ledger.verify()).toMatchObject({ ok: false, problem: 'account_row_mismatch', firstBrokenSequence: null });
  });
});
