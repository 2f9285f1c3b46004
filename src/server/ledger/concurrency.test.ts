/**
 * Several processes against one database, and a process killed in the middle of load: limits,
 * exactly-once, linked batches and the chain must all hold afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bothEngines } from '../storage/testing.js';
import type { LoadWorkerOptions } from './load-worker.js';
import { currency, openAccounts, openTestLedger, request, type TestLedger, transferId } from './test-support.js';
import { isWithinLimits } from './transfer-engine.js';

const accounts = ['m1', 'm2', 'm3', 'm4', 'm5'];

function startWorker(options: LoadWorkerOptions): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./load-worker.ts', import.meta.url)), JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(errors);
      resolve(code);
    });
  });
  return { child, output: () => output, exited };
}

async function expectInvariants(subject: TestLedger): Promise<void> {
  const balance = await subject.ledger.trialBalance(currency);
  expect(balance.postedSum).toBe(0n);
  expect(balance.pendingSum).toBe(0n);
  for (const account of balance.accounts) expect(isWithinLimits(account)).toBe(true);
  expect(await subject.ledger.verify()).toMatchObject({ ok: true });
}

describe.each(bothEngines)('several processes on one %s database', (engine) => {
  let subject: TestLedger;
  beforeEach(async () => {
    subject = await openTestLedger(engine);
    await openAccounts(subject.ledger, accounts, -300n, 300n);
  });
  afterEach(async () => {
    await subject.storage.dispose();
  });

  it('never breach a limit, and apply each shared transfer id exactly once', async () => {
    const base = { location: subject.storage.location, accounts, currency, batches: 150, sharedIds: 30, mode: 'mixed' as const };
    const workers = [1, 2, 3].map((worker) => startWorker({ ...base, prefix: `w${worker}`, seed: worker }));
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0, 0]);
    const summaries = workers.map((worker) => JSON.parse(worker.output().trim().split('\n').at(-1) ?? '{}'));
    const applied = summaries.flatMap((summary) => summary.sharedApplied as string[]);
    expect(new Set(applied).size).toBe(applied.length);
    for (const id of applied) expect(await subject.ledger.findTransfer(transferId(id))).toBeDefined();
    const failedOnLimits = summaries.reduce(
      (sum, summary) => sum + (summary.counts.exceeds_credit_limit ?? 0) + (summary.counts.exceeds_upper_limit ?? 0),
      0,
    );
    const succeeded = summaries.reduce((sum, summary) => sum + (summary.counts.ok ?? 0), 0);
    expect(failedOnLimits).toBeGreaterThan(0);
    expect(succeeded).toBeGreaterThan(200);
    await expectInvariants(subject);
  });

  it('leave no partial transfer or batch when one is killed with SIGKILL in the middle of load', async () => {
    const base = { location: subject.storage.location, accounts, currency, batches: 0, sharedIds: 0, mode: 'linked' as const };
    const victim = startWorker({ ...base, prefix: 'victim', seed: 7 });
    const bystander = startWorker({ ...base, prefix: 'bystander', seed: 8, batches: 60 });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if ((victim.output().match(/progress/g)?.length ?? 0) >= 30) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    expect(await bystander.exited).toBe(0);
    const batches = (victim.output().match(/progress/g)?.length ?? 0) + 5;
    let complete = 0;
    for (let index = 0; index < batches; index++) {
      const present = [];
      for (let position = 0; position < 3; position++)
        present.push(await subject.ledger.findTransfer(transferId(`victim-b${index}-${position}`)));
      const count = present.filter((found) => found !== undefined).length;
      expect([0, 3]).toContain(count);
      if (count === 3) complete += 1;
    }
    expect(complete).toBeGreaterThan(0);
    await expectInvariants(subject);
    const [after] = await subject.ledger.createTransfers([
      request({ id: 'after-crash', debitAccountId: 'm1', creditAccountId: 'm2', amount: '1' }),
    ]);
    expect(after?.result === 'ok' || after?.result === 'exceeds_credit_limit' || after?.result === 'exceeds_upper_limit').toBe(true);
  });
});
