/**
 * The trading network's speed: `node --import tsx bench/network.ts [payments]`.
 * For SQLite and PostgreSQL: members pay each other through `PaymentsService.pay` (what the HTTP
 * route calls: authorisation, amount parsing, the ledger transfer, the payee's email to a real
 * SMTP sink), one after another and ten at a time; payment requests are created and accepted;
 * the directory is searched with 1,000 members of three listings each; a busy account's statement
 * is read with and without a filter. Prints p50/p95 latencies and rates. Nothing asserted.
 */
import { performance } from 'node:perf_hooks';
import { nanoid } from 'nanoid';
import type { Actor } from '../src/server/network/context.js';
import type { NetworkTables } from '../src/server/network/migrations.js';
import { administratorEmail, approvedTrader, type NetworkTestApp, startNetworkTestApp } from '../src/server/network/testing.js';
import { signedUpPerson } from '../src/server/people/testing.js';
import { searchTextOf } from '../src/server/platform/search-text.js';
import type { StorageEngine } from '../src/server/storage/index.js';
import { networkLimits } from '../src/shared/limits.js';

const paymentsCount = Number(process.argv[2] ?? 1_000);
const tradersCount = 10;
const directoryMembers = 1_000;
const words = ['bread', 'servers', 'design', 'bicycle', 'repairs', 'coffee', 'training', 'printing', 'hosting', 'cleaning'];

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** Runs `count` calls, `concurrency` at a time; prints p50/p95 per call and calls per second. */
async function measure(label: string, count: number, concurrency: number, call: (index: number) => Promise<boolean>): Promise<void> {
  const durations: number[] = [];
  let refused = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const before = performance.now();
        if (!(await call(index))) refused += 1;
        durations.push(performance.now() - before);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((first, second) => first - second);
  console.log(
    `  ${label.padEnd(44)} p50 ${percentile(durations, 0.5).toFixed(1).padStart(6)} ms  p95 ${percentile(durations, 0.95).toFixed(1).padStart(6)} ms  ${(count / seconds).toFixed(0).padStart(5)}/s  (n=${count}${refused ? `, ${refused} refused` : ''})`,
  );
}

async function actorOf(fixture: NetworkTestApp, email: string): Promise<Actor> {
  const person = await fixture.people.accounts.findByEmail(email);
  if (!person) throw new Error(`${email} is missing`);
  return fixture.network.context.actor(person, 'en');
}

/** Approved members written straight into the tables, each with three listings (the directory only reads them). */
async function fillDirectory(fixture: NetworkTestApp): Promise<void> {
  const db = fixture.storage.db.withTables<
    NetworkTables & { organisations: { id: string; slug: string; name: string; created_at_ms: number } }
  >();
  for (let index = 0; index < directoryMembers; index += 1) {
    const name = `Business ${index} ${words[index % words.length]}`;
    const organisationId = `org_${nanoid(16)}`;
    await db
      .insertInto('organisations')
      .values({ id: organisationId, slug: `business-${index}`, name, created_at_ms: Date.now() })
      .execute();
    const memberId = `mem_${nanoid(16)}`;
    await db
      .insertInto('network_members')
      .values({
        id: memberId,
        organisation_id: organisationId,
        slug: `business-${index}`,
        name,
        status: 'approved',
        co_op: 0,
        description: 'A member business',
        location: 'Leeds',
        website: '',
        contact: '',
        show_balance: 0,
        applied_by: 'bench',
        applied_at_ms: Date.now(),
        reviewed_by: null,
        reviewed_at_ms: null,
        reason: null,
        account_id: null,
        search_text: searchTextOf(name, 'A member business', 'Leeds'),
        sort_key: name.toLowerCase(),
      })
      .execute();
    for (let listing = 0; listing < 3; listing += 1) {
      const title = `${words[(index + listing) % words.length]} service ${listing}`;
      await db
        .insertInto('network_listings')
        .values({
          id: `lst_${nanoid(16)}`,
          member_id: memberId,
          kind: listing === 2 ? 'want' : 'offer',
          title,
          description: 'Good and local',
          category: networkLimits.categories[(index + listing) % networkLimits.categories.length] ?? 'other',
          created_at_ms: Date.now(),
          search_text: searchTextOf(title, 'Good and local'),
        })
        .execute();
    }
  }
}

async function run(engine: StorageEngine): Promise<void> {
  console.log(`\n${engine}`);
  const fixture = await startNetworkTestApp(engine);
  try {
    const admin = await signedUpPerson(fixture, administratorEmail, 'Bench Admin');
    const traders: { slug: string; actor: Actor }[] = [];
    for (let index = 0; index < tradersCount; index += 1) {
      const email = `trader${index}@bench.test`;
      await approvedTrader(fixture, admin, email, { name: `Trader ${index}`, slug: `trader-${index}` });
      traders.push({ slug: `trader-${index}`, actor: await actorOf(fixture, email) });
    }
    const pair = (index: number) => {
      const payer = traders[index % tradersCount];
      const payee = traders[(index + 1 + (index % (tradersCount - 1))) % tradersCount];
      if (!payer || !payee || payer === payee) throw new Error('bad pair');
      return { payer, payee };
    };
    const pay = async (index: number) => {
      const { payer, payee } = pair(index);
      const result = await fixture.network.payments.pay(payer.actor, payer.slug, {
        payee: payee.slug,
        amount: `0.${String(1 + (index % 99)).padStart(2, '0')}`,
        description: `Bench payment ${index}`,
        reference: '',
        idempotencyKey: `bench-${engine}-${index}-${nanoid(8)}`,
      });
      return result.ok;
    };
    await measure('pay, one at a time', paymentsCount, 1, pay);
    await measure('pay, ten at a time', paymentsCount, 10, pay);
    await measure('request a payment, then accept it', Math.ceil(paymentsCount / 4), 1, async (index) => {
      const { payer, payee } = pair(index);
      const created = await fixture.network.requests.create(payee.actor, payee.slug, {
        payer: payer.slug,
        amount: '0.50',
        description: `Bench request ${index}`,
        reference: '',
        idempotencyKey: `bench-request-${engine}-${index}-${nanoid(8)}`,
      });
      if (!created.ok) return false;
      return (await fixture.network.requests.accept(payer.actor, payer.slug, created.value.request.id)).ok;
    });
    const busy = traders[0];
    if (!busy) throw new Error('no trader');
    await measure(
      "a busy account's first statement page",
      50,
      1,
      async () => (await fixture.network.accounts.account(busy.actor, busy.slug, {})).ok,
    );
    await measure(
      'the same, filtered to one counterparty',
      50,
      1,
      async () => (await fixture.network.accounts.account(busy.actor, busy.slug, { counterparty: 'trader-9', direction: 'in' })).ok,
    );
    await fillDirectory(fixture);
    await measure(
      `directory search, ${directoryMembers} members`,
      200,
      1,
      async (index) => (await fixture.network.directory.search(busy.actor, { q: words[index % words.length] })).ok,
    );
    await measure('directory, one category, third page', 200, 1, async (index) => {
      const category = networkLimits.categories[index % networkLimits.categories.length];
      const first = await fixture.network.directory.search(busy.actor, { category });
      const second =
        first.ok && first.value.nextCursor
          ? await fixture.network.directory.search(busy.actor, { category, cursor: first.value.nextCursor })
          : first;
      return second.ok;
    });
    const verification = await fixture.ledger.verify();
    console.log(`  ledger verified: ${verification.ok ? `ok, ${verification.transfersChecked} transfers` : verification.detail}`);
  } finally {
    await fixture.close();
  }
}

console.log(`Trading network, ${paymentsCount} payments between ${tradersCount} members (service layer, real database and SMTP sink)`);
for (const engine of ['sqlite', 'postgres'] as const) await run(engine);
