/**
 * Property tests of every line of GUARANTEES.md, on both engines: random histories of transfers,
 * reservations, posts, voids, expiries, limit changes, retries and linked batches.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothEngines } from '../storage/testing.js';
import type { Ledger } from './ledger.js';
import { accountId, currency, openTestLedger, request, type TestLedger } from './test-support.js';
import { isWithinLimits, postedBalance } from './transfer-engine.js';
import type { TransferRequest, TransferResult } from './types.js';

const accountsPerRun = 4;
// Mostly workable limits and amounts, with zeros, tight limits and oversized amounts mixed in.
const limitArbitrary = fc.record({
  lowerLimit: fc.oneof(
    { weight: 5, arbitrary: fc.bigInt({ min: -2000n, max: -300n }) },
    fc.bigInt({ min: -100n, max: 0n }),
    fc.constant(null),
  ),
  upperLimit: fc.oneof(
    { weight: 5, arbitrary: fc.bigInt({ min: 300n, max: 2000n }) },
    fc.bigInt({ min: 0n, max: 100n }),
    fc.constant(null),
  ),
});
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: 300n }) },
  fc.constant(0n),
  fc.bigInt({ min: 1000n, max: 5000n }),
);
const accountIndex = fc.integer({ min: 0, max: accountsPerRun - 1 });
type TransferPlan =
  | { kind: 'single_phase' | 'pending'; debit: number; credit: number; amount: bigint; timeoutMs: number }
  | { kind: 'post_pending'; target: number; amount: bigint | undefined }
  | { kind: 'void_pending'; target: number }
  | { kind: 'retry'; target: number };
const transferArbitrary: fc.Arbitrary<TransferPlan> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('single_phase' as const, 'pending' as const),
      debit: accountIndex,
      credit: accountIndex,
      amount,
      timeoutMs: fc.integer({ min: 1, max: 5000 }),
    }),
  },
  fc.record({ kind: fc.constantFrom('post_pending' as const), target: fc.nat(20), amount: fc.option(amount, { nil: undefined }) }),
  fc.record({ kind: fc.constantFrom('void_pending' as const), target: fc.nat(20) }),
  fc.record({ kind: fc.constant('retry' as const), target: fc.nat(40) }),
);
const operationArbitrary = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('batch' as const),
      linked: fc.constantFrom(false, false, true),
      transfers: fc.array(transferArbitrary, { minLength: 1, maxLength: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('advance' as const), durationMs: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('limits' as const), account: accountIndex, limits: limitArbitrary }) },
);
const historyArbitrary = fc.record({
  limits: fc.array(limitArbitrary, { minLength: accountsPerRun, maxLength: accountsPerRun }),
  operations: fc.array(operationArbitrary, { minLength: 1, maxLength: 15 }),
});
type Operation = typeof operationArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Plays a history with its own account and transfer ids, returning what the ledger reported. */
class Player {
  readonly sent: TransferRequest[] = [];
  readonly results: TransferResult[] = [];
  private readonly pendingIds: string[] = [];
  constructor(
    private readonly subject: TestLedger,
    private readonly prefix: string,
  ) {}

  account(index: number) {
    return accountId(`${this.prefix}-a${index}`);
  }

  private build(transfer: TransferPlan, id: string): TransferRequest | undefined {
    if (transfer.kind === 'retry') return this.sent[transfer.target % Math.max(this.sent.length, 1)];
    if ('debit' in transfer) {
      if (transfer.kind === 'pending') this.pendingIds.push(id);
      const timeout = transfer.kind === 'pending' ? { timeoutMs: transfer.timeoutMs } : {};
      return request({
        kind: transfer.kind,
        id,
        debitAccountId: this.account(transfer.debit),
        creditAccountId: this.account(transfer.credit),
        amount: transfer.amount.toString(),
        ...timeout,
      });
    }
    const pendingId = this.pendingIds[transfer.target % Math.max(this.pendingIds.length, 1)] ?? `${this.prefix}-none`;
    const posted = transfer.kind === 'post_pending' && transfer.amount !== undefined ? { amount: transfer.amount.toString() } : {};
    return request({ kind: transfer.kind, id, pendingId, ...posted });
  }

  async play(operation: Operation, step: number): Promise<void> {
    const { ledger, clock } = this.subject;
    if (operation.type === 'advance') {
      clock.advance(operation.durationMs);
      await ledger.expirePendingTransfers();
    } else if (operation.type === 'limits') {
      await ledger.changeAccountLimits(this.account(operation.account), {
        ...operation.limits,
        changedBy: 'property',
        reason: 'random change',
      });
    } else {
      const requests = operation.transfers
        .map((transfer, index) => this.build(transfer, `${this.prefix}-t${step}-${index}`))
        .filter((built): built is TransferRequest => built !== undefined);
      if (requests.length === 0) return;
      this.sent.push(...requests);
      this.results.push(...(await ledger.createTransfers(requests, { linked: operation.linked })));
    }
  }
}

async function accountsOf(ledger: Ledger, player: Player) {
  const accounts = [];
  for (let index = 0; index < accountsPerRun; index++) {
    const account = await ledger.findAccount(player.account(index));
    if (!account) throw new Error('account missing');
    accounts.push(account);
  }
  return accounts;
}

async function expectZeroSum(ledger: Ledger) {
  const balance = await ledger.trialBalance(currency);
  expect(balance.postedSum).toBe(0n);
  expect(balance.pendingSum).toBe(0n);
}

describe.each(bothEngines)('the ledger guarantees on %s', (engine) => {
  let subject: TestLedger;
  let run = 0;
  beforeAll(async () => {
    subject = await openTestLedger(engine);
  });
  afterAll(async () => {
    await subject.storage.dispose();
  });

  async function openRun(limits: { lowerLimit: bigint | null; upperLimit: bigint | null }[]): Promise<Player> {
    run += 1;
    const player = new Player(subject, `r${run}`);
    for (const [index, accountLimits] of limits.entries()) {
      await subject.ledger.createAccount({
        id: player.account(index),
        currency,
        ownerKind: 'member_organisation',
        ownerId: `m${index}`,
        ...accountLimits,
      });
    }
    return player;
  }

  it('keeps every balance within its limits counting pending, and posted and pending sums at zero, after every step', async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const player = await openRun(history.limits);
        for (const [step, operation] of history.operations.entries()) {
          await player.play(operation, step);
          for (const account of await accountsOf(subject.ledger, player)) expect(isWithinLimits(account)).toBe(true);
          await expectZeroSum(subject.ledger);
        }
        applied += player.results.filter((result) => result.result === 'ok' && !result.replayed).length;
      }),
      { numRuns: 20 },
    );
    // The histories did move money (the property is not vacuous), and the journal replays to the same state.
    expect(applied).toBeGreaterThan(20);
    expect(await subject.ledger.verify()).toMatchObject({ ok: true });
  });

  it('applies each transfer id at most once: balances are exactly the sum of first successes, and retries replay the original', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const player = await openRun(history.limits);
        for (const [step, operation] of history.operations.entries()) await player.play(operation, step);
        const firstSuccess = new Map<string, TransferResult & { result: 'ok' }>();
        for (const result of player.results) {
          if (result.result !== 'ok') continue;
          const first = firstSuccess.get(result.id);
          if (first) {
            expect(result.replayed).toBe(true);
            expect(result.transfer.sequence).toBe(first.transfer.sequence);
          } else {
            expect(result.replayed).toBe(false);
            firstSuccess.set(result.id, result);
          }
        }
        const expected = new Map<string, bigint>();
        for (const { transfer } of firstSuccess.values()) {
          if (transfer.kind !== 'single_phase' && transfer.kind !== 'post_pending') continue;
          expected.set(transfer.debitAccountId, (expected.get(transfer.debitAccountId) ?? 0n) - transfer.amount);
          expected.set(transfer.creditAccountId, (expected.get(transfer.creditAccountId) ?? 0n) + transfer.amount);
        }
        for (const account of await accountsOf(subject.ledger, player)) expect(postedBalance(account)).toBe(expected.get(account.id) ?? 0n);
      }),
      { numRuns: 12 },
    );
  });

  it('applies a linked batch entirely or not at all', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const player = await openRun(history.limits);
        for (const [step, operation] of history.operations.entries()) {
          const before = await accountsOf(subject.ledger, player);
          const resultsBefore = player.results.length;
          await player.play(operation, step);
          if (operation.type !== 'batch' || !operation.linked) continue;
          const results = player.results.slice(resultsBefore);
          if (results.every((result) => result.result === 'ok')) continue;
          expect(results.filter((result) => result.result === 'ok')).toEqual([]);
          expect(await accountsOf(subject.ledger, player)).toEqual(before);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('resolves a pending transfer exactly once, whatever is tried against it', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const player = await openRun(history.limits);
        for (const [step, operation] of history.operations.entries()) await player.play(operation, step);
        const resolutions = new Map<string, Set<string>>();
        for (const result of player.results) {
          if (result.result !== 'ok' || result.transfer.pendingId === null) continue;
          const ids = resolutions.get(result.transfer.pendingId) ?? new Set();
          ids.add(result.id);
          resolutions.set(result.transfer.pendingId, ids);
        }
        for (const ids of resolutions.values()) expect(ids.size).toBe(1);
      }),
      { numRuns: 10 },
    );
    expect(await subject.ledger.verify()).toMatchObject({ ok: true });
  });
});
