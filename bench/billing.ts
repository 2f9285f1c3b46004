/**
 * Billing's speed: `node --import tsx bench/billing.ts [organisations]` (default 10,000).
 * For SQLite and PostgreSQL (or the engines named, comma-separated, after the count): that many organisations subscribe (written straight into the
 * tables, a third of them with an upgrade waiting to be invoiced); the clock moves past their
 * period's end; then one billing run — every period rolled and its invoice issued, numbered and
 * written, as the scheduler does it — is timed, and a second run (nothing left to do) too. Then
 * the letters for 200 of those invoices (each PDF rendered and put in the outbox) are timed, and
 * the finances report over them. Prints seconds per run and invoices per second. Nothing asserted.
 */
import { performance } from 'node:perf_hooks';
import { nanoid } from 'nanoid';
import type { BillingTables } from '../src/server/billing/migrations.js';
import { startBillingTestApp } from '../src/server/billing/testing.js';
import type { StorageEngine } from '../src/server/storage/index.js';

const organisationsCount = Number(process.argv[2] ?? 10_000);
const dayMs = 86_400_000;

async function seconds<T>(label: string, work: () => Promise<T>, count?: (result: T) => number): Promise<T> {
  const started = performance.now();
  const result = await work();
  const elapsed = (performance.now() - started) / 1000;
  const per = count ? `  ${(count(result) / elapsed).toFixed(0).padStart(6)}/s (n=${count(result)})` : '';
  console.log(`  ${label.padEnd(52)} ${elapsed.toFixed(2).padStart(7)} s${per}`);
  return result;
}

async function benchEngine(engine: StorageEngine): Promise<void> {
  console.log(`${engine}: ${organisationsCount.toLocaleString('en')} organisations`);
  const fixture = await startBillingTestApp(engine);
  try {
    const db = fixture.storage.db.withTables<
      BillingTables & { organisations: { id: string; slug: string; name: string; created_at_ms: number } }
    >();
    const now = fixture.clock.nowMs();
    const start = now - 40 * dayMs;
    await seconds('subscribing (rows written directly)', async () => {
      for (let first = 0; first < organisationsCount; first += 500) {
        const batch = Array.from({ length: Math.min(500, organisationsCount - first) }, (_, offset) => {
          const index = first + offset;
          return { id: `org_bench_${index}`, slug: `bench-${index}`, name: `Bench ${index}`, index };
        });
        await db
          .insertInto('organisations')
          .values(batch.map(({ id, slug, name }) => ({ id, slug, name, created_at_ms: start })))
          .execute();
        await db
          .insertInto('billing_subscriptions')
          .values(
            batch.map(({ id, index }) => ({
              organisation_id: id,
              plan_id: index % 3 === 0 ? 'level-2' : 'level-1',
              period_start_ms: start,
              period_end_ms: start + 31 * dayMs,
              next_plan_id: null,
              cancel_at_period_end: 0,
              created_at_ms: start,
              updated_at_ms: start,
            })),
          )
          .execute();
        await db
          .insertInto('billing_profiles')
          .values(
            batch.map(({ id, name, index }) => ({
              organisation_id: id,
              legal_name: `${name} Ltd`,
              address: `${index} Market Street\nLeeds`,
              tax_id: null,
              email: `accounts@bench-${index}.test`,
              language: index % 2 === 0 ? 'en' : 'fr',
              credit_payment: 'off',
              updated_at_ms: start,
            })),
          )
          .execute();
        const upgraded = batch.filter(({ index }) => index % 3 === 0);
        if (upgraded.length > 0) {
          await db
            .insertInto('billing_adjustments')
            .values(
              upgraded.map(({ id }) => ({
                id: `adjustment_${nanoid(16)}`,
                organisation_id: id,
                kind: 'upgrade',
                from_plan_id: 'level-1',
                to_plan_id: 'level-2',
                days: 12,
                period_days: 31,
                money_minor: 387n,
                credit_minor: 387n,
                at_ms: start + 19 * dayMs,
                invoice_id: null,
              })),
            )
            .execute();
        }
      }
    });
    await seconds(
      'billing run: roll every period, issue its invoice',
      () => fixture.billing.advancePeriods(),
      (rolled) => rolled,
    );
    await seconds('billing run again: nothing to do', () => fixture.billing.advancePeriods());
    const invoices = await db
      .selectFrom('billing_invoices')
      .select((expression) => expression.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    console.log(`  invoices written: ${Number(invoices.count).toLocaleString('en')}`);
    // The letters: keep 200 unsent, mark the rest sent, and time rendering and queueing those.
    const keep = await db.selectFrom('billing_invoices').select('id').orderBy('sequence').limit(200).execute();
    await db
      .updateTable('billing_invoices')
      .set({ emailed_at_ms: now })
      .where(
        'id',
        'not in',
        keep.map((row) => row.id),
      )
      .execute();
    await seconds(
      'letters: 200 invoice PDFs rendered and queued',
      () => fixture.billing.notices.send(),
      (sent) => sent,
    );
    await seconds('finances report over the year', () => fixture.billing.finances.report());
  } finally {
    await fixture.close();
  }
}

const engines = (process.argv[3]?.split(',') ?? ['sqlite', 'postgres']) as StorageEngine[];
for (const engine of engines) await benchEngine(engine);
