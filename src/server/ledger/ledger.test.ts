import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bothEngines } from '../storage/testing.js';
import type { StatementQuery } from './statements.js';
import { accountId, currency, openAccounts, openTestLedger, request, type TestLedger, transferId } from './test-support.js';

describe.each(bothEngines)('the ledger on %s', (engine) => {
  let subject: TestLedger;
  beforeEach(async () => {
    subject = await openTestLedger(engine);
    await openAccounts(subject.ledger, ['alice', 'bob'], -1000n, 1000n);
  });
  afterEach(async () => {
    await subject.storage.dispose();
  });

  it('moves credit from one account to another and keeps the sum at zero', async () => {
    const [result] = await subject.ledger.createTransfers([
      request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '250' }),
    ]);
    expect(result).toMatchObject({ result: 'ok', replayed: false });
    const alice = await subject.ledger.findAccount(accountId('alice'));
    const bob = await subject.ledger.findAccount(accountId('bob'));
    expect(alice?.debitsPosted).toBe(250n);
    expect(bob?.creditsPosted).toBe(250n);
    const balance = await subject.ledger.trialBalance(currency);
    expect(balance.balanced).toBe(true);
    expect(balance.totals.debitsPosted).toBe(250n);
  });

  it('returns the original transfer for an identical resubmission and refuses a different one with the same id', async () => {
    const payment = request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '100' });
    await subject.ledger.createTransfers([payment]);
    subject.clock.advance(1000);
    const [again] = await subject.ledger.createTransfers([payment]);
    expect(again).toMatchObject({ result: 'ok', replayed: true });
    const [different] = await subject.ledger.createTransfers([
      request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '101' }),
    ]);
    expect(different).toEqual({ id: 't1', result: 'exists_with_different_fields' });
    expect((await subject.ledger.findAccount(accountId('alice')))?.debitsPosted).toBe(100n);
  });

  it('refuses a transfer beyond the credit limit, then beyond the upper limit', async () => {
    const [tooMuch] = await subject.ledger.createTransfers([
      request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1001' }),
    ]);
    expect(tooMuch?.result).toBe('exceeds_credit_limit');
    await openAccounts(subject.ledger, ['carol'], null, null);
    const [full] = await subject.ledger.createTransfers([
      request({ id: 't2', debitAccountId: 'carol', creditAccountId: 'bob', amount: '1001' }),
    ]);
    expect(full?.result).toBe('exceeds_upper_limit');
    const balance = await subject.ledger.trialBalance(currency);
    expect(balance.totals.debitsPosted).toBe(0n);
  });

  it('names each refusal in the documented precedence order', async () => {
    const results = await subject.ledger.createTransfers([
      request({ id: 'a', debitAccountId: 'alice', creditAccountId: 'alice', amount: '0' }),
      request({ id: 'b', debitAccountId: 'alice', creditAccountId: 'bob', amount: '0' }),
      request({ id: 'c', debitAccountId: 'nobody', creditAccountId: 'bob', amount: '1' }),
      request({ id: 'd', debitAccountId: 'alice', creditAccountId: 'nobody', amount: '1' }),
      request({ id: 'e', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1', currency: 'EUR' }),
      request({ kind: 'post_pending', id: 'f', pendingId: 'missing' }),
    ]);
    expect(results.map((result) => result.result)).toEqual([
      'accounts_must_be_different',
      'amount_must_not_be_zero',
      'debit_account_not_found',
      'credit_account_not_found',
      'transfer_currency_must_match_accounts',
      'pending_transfer_not_found',
    ]);
  });

  it('refuses transfers between currencies', async () => {
    await subject.ledger.createCurrency({ code: currency === 'SOLI' ? ('EUR' as typeof currency) : currency, name: 'Euro', scale: 2 });
    await subject.ledger.createAccount({
      id: accountId('euro-account'),
      currency: 'EUR' as typeof currency,
      ownerKind: 'co_op',
      ownerId: 'coop',
      lowerLimit: -10n,
      upperLimit: 10n,
    });
    const [result] = await subject.ledger.createTransfers([
      request({ id: 'x', debitAccountId: 'alice', creditAccountId: 'euro-account', amount: '1' }),
    ]);
    expect(result?.result).toBe('accounts_must_have_the_same_currency');
  });

  it('reserves with a pending transfer, then posts part of it, exactly once', async () => {
    await subject.ledger.createTransfers([
      request({ kind: 'pending', id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '800' }),
    ]);
    const [blocked] = await subject.ledger.createTransfers([
      request({ id: 't2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '201' }),
    ]);
    expect(blocked?.result).toBe('exceeds_credit_limit');
    const [posted] = await subject.ledger.createTransfers([
      request({ kind: 'post_pending', id: 'p1-post', pendingId: 'p1', amount: '300' }),
    ]);
    expect(posted).toMatchObject({ result: 'ok', transfer: { amount: 300n, debitAccountId: 'alice' } });
    const [twice] = await subject.ledger.createTransfers([request({ kind: 'void_pending', id: 'p1-void', pendingId: 'p1' })]);
    expect(twice?.result).toBe('pending_transfer_already_posted');
    const alice = await subject.ledger.findAccount(accountId('alice'));
    expect(alice).toMatchObject({ debitsPosted: 300n, debitsPending: 0n });
    expect((await subject.ledger.findTransfer(transferId('p1')))?.pendingStatus).toBe('posted');
  });

  it('refuses to post more than was reserved and voids a reservation', async () => {
    await subject.ledger.createTransfers([
      request({ kind: 'pending', id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '100' }),
    ]);
    const [tooMuch] = await subject.ledger.createTransfers([
      request({ kind: 'post_pending', id: 'p1-post', pendingId: 'p1', amount: '101' }),
    ]);
    expect(tooMuch?.result).toBe('exceeds_pending_transfer_amount');
    const [voided] = await subject.ledger.createTransfers([request({ kind: 'void_pending', id: 'p1-void', pendingId: 'p1' })]);
    expect(voided?.result).toBe('ok');
    expect(await subject.ledger.findAccount(accountId('bob'))).toMatchObject({ creditsPending: 0n, creditsPosted: 0n });
  });

  it('expires a pending transfer after its timeout by the clock, releasing the reservation', async () => {
    await subject.ledger.createTransfers([
      request({ kind: 'pending', id: 'p1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '100', timeoutMs: 60_000 }),
    ]);
    expect(await subject.ledger.expirePendingTransfers()).toBe(0);
    subject.clock.advance(60_000);
    const [late] = await subject.ledger.createTransfers([request({ kind: 'post_pending', id: 'p1-post', pendingId: 'p1' })]);
    expect(late?.result).toBe('pending_transfer_expired');
    expect(await subject.ledger.expirePendingTransfers()).toBe(1);
    expect(await subject.ledger.expirePendingTransfers()).toBe(0);
    expect(await subject.ledger.findAccount(accountId('alice'))).toMatchObject({ debitsPending: 0n, debitsPosted: 0n });
    expect((await subject.ledger.findTransfer(transferId('p1')))?.pendingStatus).toBe('expired');
    expect((await subject.ledger.verify()).ok).toBe(true);
  });

  it('applies a linked batch entirely or not at all', async () => {
    await openAccounts(subject.ledger, ['coop-fees'], null, null);
    const results = await subject.ledger.createTransfers(
      [
        request({ id: 'pay', debitAccountId: 'alice', creditAccountId: 'bob', amount: '990' }),
        request({ id: 'fee', debitAccountId: 'alice', creditAccountId: 'coop-fees', amount: '20' }),
      ],
      { linked: true },
    );
    expect(results.map((result) => result.result)).toEqual(['linked_event_failed', 'exceeds_credit_limit']);
    expect((await subject.ledger.findAccount(accountId('alice')))?.debitsPosted).toBe(0n);
    expect(await subject.ledger.findTransfer(transferId('pay'))).toBeUndefined();
    const ok = await subject.ledger.createTransfers(
      [
        request({ id: 'pay', debitAccountId: 'alice', creditAccountId: 'bob', amount: '900' }),
        request({ id: 'fee', debitAccountId: 'alice', creditAccountId: 'coop-fees', amount: '20' }),
      ],
      { linked: true },
    );
    expect(ok.map((result) => result.result)).toEqual(['ok', 'ok']);
    expect((await subject.ledger.findAccount(accountId('alice')))?.debitsPosted).toBe(920n);
  });

  it('records limit changes with who and why, and refuses limits that exclude the balance', async () => {
    await subject.ledger.createTransfers([request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '500' })]);
    const refused = await subject.ledger.changeAccountLimits(accountId('alice'), {
      lowerLimit: -400n,
      upperLimit: 1000n,
      changedBy: 'admin',
      reason: 'risk',
    });
    expect(refused.result).toBe('balance_outside_new_limits');
    const changed = await subject.ledger.changeAccountLimits(accountId('alice'), {
      lowerLimit: -5000n,
      upperLimit: 1000n,
      changedBy: 'admin',
      reason: 'trusted member',
    });
    expect(changed.result).toBe('ok');
    const changes = await subject.ledger.listAccountChanges(accountId('alice'));
    expect(changes).toMatchObject([{ change: 'limits', lowerLimit: -5000n, changedBy: 'admin', reason: 'trusted member' }]);
    const [bigger] = await subject.ledger.createTransfers([
      request({ id: 't2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '499' }),
    ]);
    expect(bigger?.result).toBe('ok');
  });

  it('blocks transfers on a frozen account and closes only a settled one', async () => {
    const by = { changedBy: 'admin', reason: 'dispute' };
    await subject.ledger.changeAccountState(accountId('alice'), { state: 'frozen', ...by });
    const [frozen] = await subject.ledger.createTransfers([
      request({ id: 't1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '5' }),
    ]);
    expect(frozen?.result).toBe('account_frozen');
    await subject.ledger.changeAccountState(accountId('alice'), { state: 'active', ...by });
    await subject.ledger.createTransfers([request({ id: 't2', debitAccountId: 'alice', creditAccountId: 'bob', amount: '5' })]);
    expect((await subject.ledger.changeAccountState(accountId('alice'), { state: 'closed', ...by })).result).toBe(
      'account_must_be_settled_to_close',
    );
    await subject.ledger.createTransfers([request({ id: 't3', debitAccountId: 'bob', creditAccountId: 'alice', amount: '5' })]);
    expect((await subject.ledger.changeAccountState(accountId('alice'), { state: 'closed', ...by })).result).toBe('ok');
    const [closed] = await subject.ledger.createTransfers([
      request({ id: 't4', debitAccountId: 'bob', creditAccountId: 'alice', amount: '1' }),
    ]);
    expect(closed?.result).toBe('account_closed');
    expect((await subject.ledger.verify()).ok).toBe(true);
  });

  it('serialises concurrent calls from one process without losing an update', async () => {
    const payments = Array.from({ length: 20 }, (_, index) =>
      request({ id: `c${index}`, debitAccountId: 'alice', creditAccountId: 'bob', amount: '10' }),
    );
    const results = await Promise.all(payments.map((payment) => subject.ledger.createTransfers([payment])));
    expect(results.flat().every((result) => result.result === 'ok')).toBe(true);
    expect(await subject.ledger.findAccount(accountId('bob'))).toMatchObject({ creditsPosted: 200n });
    expect((await subject.ledger.verify()).ok).toBe(true);
  });

  it('pages a statement oldest first or newest first, each page continuing where the last stopped', async () => {
    for (const index of [1, 2, 3, 4, 5]) {
      await subject.ledger.createTransfers([
        request({ id: `s${index}`, debitAccountId: 'alice', creditAccountId: 'bob', amount: String(index) }),
      ]);
      subject.clock.advance(1000);
    }
    const read = async (order: 'oldest' | 'newest') => {
      const amounts: bigint[][] = [];
      let cursor: string | undefined;
      do {
        const page = await subject.ledger.statement(accountId('alice'), {
          fromMs: 0,
          toMs: Number.MAX_SAFE_INTEGER,
          limit: 2,
          cursor,
          order,
        });
        amounts.push(page?.lines.map((line) => line.amount) ?? []);
        cursor = page?.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return amounts;
    };
    expect(await read('oldest')).toEqual([[1n, 2n], [3n, 4n], [5n]]);
    expect(await read('newest')).toEqual([[5n, 4n], [3n, 2n], [1n]]);
  });

  it('filters a statement by side, counterparty and kind of movement in the database', async () => {
    await openAccounts(subject.ledger, ['carol'], -1000n, 1000n);
    await subject.ledger.createTransfers([
      request({ id: 'f1', debitAccountId: 'alice', creditAccountId: 'bob', amount: '1' }),
      request({ id: 'f2', debitAccountId: 'bob', creditAccountId: 'alice', amount: '2' }),
      request({ id: 'f3', debitAccountId: 'alice', creditAccountId: 'carol', amount: '3' }),
      request({ kind: 'pending', id: 'f4', debitAccountId: 'alice', creditAccountId: 'carol', amount: '4' }),
    ]);
    const amounts = async (filters: Partial<StatementQuery>) =>
      (await subject.ledger.statement(accountId('alice'), { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, ...filters }))?.lines.map(
        (line) => line.amount,
      );
    expect(await amounts({})).toEqual([1n, 2n, 3n, 4n]);
    expect(await amounts({ side: 'debit', events: ['single_phase'] })).toEqual([1n, 3n]);
    expect(await amounts({ side: 'credit' })).toEqual([2n]);
    expect(await amounts({ counterpartyAccountId: accountId('carol') })).toEqual([3n, 4n]);
    expect(await amounts({ counterpartyAccountId: accountId('bob'), order: 'newest' })).toEqual([2n, 1n]);
  });

  it('stores and reads back amounts near 2^63 exactly', async () => {
    await openAccounts(subject.ledger, ['source', 'sink'], null, null);
    const huge = '9223372036854775807';
    const [result] = await subject.ledger.createTransfers([
      request({ id: 'big', debitAccountId: 'source', creditAccountId: 'sink', amount: huge }),
    ]);
    expect(result?.result).toBe('ok');
    expect((await subject.ledger.findAccount(accountId('sink')))?.creditsPosted).toBe(BigInt(huge));
    const [overflow] = await subject.ledger.createTransfers([
      request({ id: 'big2', debitAccountId: 'source', creditAccountId: 'sink', amount: '1' }),
    ]);
    expect(overflow?.result).toBe('overflows_debits_posted');
    expect((await subject.ledger.verify()).ok).toBe(true);
  });
});
