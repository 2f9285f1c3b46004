/**
 * A year of billing on a moved clock, on both engines, with the real ledger and network: four
 * organisations subscribe; one upgrades mid-period and downgrades later and pays in credits
 * automatically; one pays part in credits (by request) and the rest in money by hand; one pays
 * by bank transfer read from camt.053 statements; one never pays and falls to Free's limits. Each
 * day the scheduler runs (twice, as two instances would). Afterwards: every invoice paid as its
 * organisation paid it, numbers without gaps in each year, and the ledger verifies.
 */
import { describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { administratorEmail, approvedTrader } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import type { BillingTables } from './migrations.js';
import { camt053, startBillingTestApp } from './testing.js';

const dayMs = 86_400_000;

describe.each(bothEngines)('a year of billing (%s)', (engine) => {
  it('bills, collects and restricts for a year, numbering without gaps, and the ledger verifies', { timeout: 120_000 }, async () => {
    const fixture = await startBillingTestApp(engine);
    try {
      const admin = await signedUpPerson(fixture, administratorEmail, 'Tess Treasurer');
      await admin.request('POST', '/api/network/applications', {
        business: { name: 'The Co-op', slug: 'coop' },
        profile: { description: '', location: '', website: '', contact: '', showBalance: true },
      });
      await admin.request('POST', '/api/network/admin/members/coop/approve', {});
      const green = await approvedTrader(fixture, admin, 'ops@green.test', { name: 'Green Bakery', slug: 'green' });
      const blue = await approvedTrader(fixture, admin, 'ops@blue.test', { name: 'Blue Press', slug: 'blue' });
      const red = await signedUpPerson(fixture, 'ops@red.test', 'Red');
      await red.request('POST', '/api/orgs', { name: 'Red Studio', slug: 'red' });
      const grey = await signedUpPerson(fixture, 'ops@grey.test', 'Grey');
      await grey.request('POST', '/api/orgs', { name: 'Grey Works', slug: 'grey' });
      const greyRoom = RoomIdSchema.parse(
        (await grey.request('POST', '/api/orgs/grey/rooms', { name: 'Main', slug: 'main' })).json().roomId,
      );
      const profile = (creditPayment: string) => ({
        legalName: 'Member',
        address: '',
        taxId: '',
        email: '',
        language: 'en',
        creditPayment,
      });
      await green.request('PUT', '/api/orgs/green/billing-profile', profile('automatic'));
      await blue.request('PUT', '/api/orgs/blue/billing-profile', profile('by_request'));
      const personId = async (browser: TestBrowser) => (await browser.request('GET', '/api/account/session')).json().person.id as string;
      const people = {
        green: await personId(green),
        blue: await personId(blue),
        red: await personId(red),
        grey: await personId(grey),
        admin: await personId(admin),
      };
      const { billing } = fixture;
      for (const [slug, planId] of [
        ['green', 'level-1'],
        ['blue', 'level-2'],
        ['red', 'level-1'],
        ['grey', 'level-1'],
      ] as const) {
        expect((await billing.changePlan(people[slug], slug, planId)).ok).toBe(true);
      }

      const db = fixture.storage.db.withTables<BillingTables & { organisations: { id: string; slug: string; name: string } }>();
      const handled = new Set<string>();
      let statementLine = 0;
      for (let day = 1; day <= 365; day += 1) {
        fixture.clock.advance(dayMs);
        if (day === 10) expect((await billing.changePlan(people.green, 'green', 'level-3')).ok).toBe(true);
        if (day === 150) expect((await billing.changePlan(people.green, 'green', 'level-2')).ok).toBe(true);
        await fixture.ledger.expirePendingTransfers();
        await Promise.all([billing.runScheduledWork(), billing.runScheduledWork()]);
        const fresh = await db
          .selectFrom('billing_invoices')
          .innerJoin('organisations', 'organisations.id', 'billing_invoices.organisation_id')
          .select([
            'billing_invoices.number',
            'billing_invoices.reference',
            'billing_invoices.gross_minor',
            'billing_invoices.credit_gross_minor',
            'organisations.slug',
          ])
          .where('billing_invoices.status', '=', 'open')
          .execute();
        for (const invoice of fresh) {
          if (handled.has(invoice.number)) continue;
          handled.add(invoice.number);
          if (invoice.slug === 'blue') {
            // Half in credits, by request; the rest in money, by hand.
            const half = BigInt(invoice.credit_gross_minor) / 2n;
            const paid = await billing.invoices.payInCredits(people.blue, 'blue', invoice.number, half, `blue-${invoice.number}`);
            expect(paid.ok, JSON.stringify(paid)).toBe(true);
            const rest = paid.ok ? BigInt(paid.value.dueMoneyMinor) : 0n;
            const byHand = await billing.treasury.recordByHand(people.admin, invoice.number, {
              amountMinor: rest,
              currency: 'EUR',
              note: '',
            });
            expect(byHand.ok && byHand.value.paid).toBe(true);
          }
          if (invoice.slug === 'red') {
            statementLine += 1;
            const gross = BigInt(invoice.gross_minor);
            const statement = camt053([
              {
                id: `RED-${statementLine}`,
                amount: `${gross / 100n}.${String(gross % 100n).padStart(2, '0')}`,
                remittance: invoice.reference,
              },
            ]);
            const imported = await billing.treasury.importStatement(Buffer.from(statement), 'statement.xml');
            expect(imported.ok && imported.value.matched).toBe(1);
          }
        }
      }

      const invoices = await db
        .selectFrom('billing_invoices')
        .innerJoin('organisations', 'organisations.id', 'billing_invoices.organisation_id')
        .select([
          'billing_invoices.number',
          'billing_invoices.year',
          'billing_invoices.sequence',
          'billing_invoices.status',
          'billing_invoices.paid_credit_minor',
          'billing_invoices.paid_money_minor',
          'organisations.slug',
        ])
        .orderBy('billing_invoices.year')
        .orderBy('billing_invoices.sequence')
        .execute();
      const bySlug = (slug: string) => invoices.filter((invoice) => invoice.slug === slug);
      // A first invoice at once, then one per month: 13 over a year of monthly plans.
      for (const slug of ['green', 'blue', 'red', 'grey']) expect(bySlug(slug), slug).toHaveLength(13);
      for (const year of new Set(invoices.map((invoice) => invoice.year))) {
        const sequences = invoices.filter((invoice) => invoice.year === year).map((invoice) => invoice.sequence);
        expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
      }
      // Green paid all in credits automatically; Blue part and part; Red by statements; Grey nothing.
      // (Its last invoice is not due yet: its credits are reserved, to be posted in its due date's last day.)
      const greens = bySlug('green');
      expect(greens.slice(0, -1).every((invoice) => invoice.status === 'paid' && BigInt(invoice.paid_money_minor) === 0n)).toBe(true);
      const [last] = await db
        .selectFrom('billing_invoices')
        .select(['status', 'credit_state', 'credit_reserved_minor'])
        .where('number', '=', greens.at(-1)?.number ?? '')
        .execute();
      expect(last).toMatchObject({ status: 'open', credit_state: 'reserved' });
      expect(
        bySlug('blue').every(
          (invoice) => invoice.status === 'paid' && BigInt(invoice.paid_credit_minor) > 0n && BigInt(invoice.paid_money_minor) > 0n,
        ),
      ).toBe(true);
      expect(bySlug('red').every((invoice) => invoice.status === 'paid' && BigInt(invoice.paid_credit_minor) === 0n)).toBe(true);
      expect(bySlug('grey').every((invoice) => invoice.status === 'open')).toBe(true);
      // Green's upgrade to Level 3 was invoiced once, prorated, on its second invoice.
      const adjustments = await db
        .selectFrom('billing_invoice_lines')
        .select(['invoice_id', 'description'])
        .where('description', 'like', 'Upgrade%')
        .execute();
      expect(adjustments).toHaveLength(1);
      expect(await billing.allowanceOf(greyRoom)).toMatchObject({ planName: 'Free', participantsMax: 5 });

      // The credits add up: what Green and Blue paid is what the co-op holds, and the ledger verifies.
      const credits = invoices.reduce((total, invoice) => total + BigInt(invoice.paid_credit_minor), 0n);
      const coOp = await fixture.network.context.members.bySlug('coop');
      const account = coOp?.accountId ? await fixture.ledger.findAccount(coOp.accountId as never) : undefined;
      expect(account ? account.creditsPosted - account.debitsPosted : -1n).toBe(credits);
      expect(account?.creditsPending).toBe(BigInt(last?.credit_reserved_minor ?? -1));
      expect((await fixture.ledger.verify()).ok).toBe(true);
    } finally {
      await fixture.close();
    }
  });
});
