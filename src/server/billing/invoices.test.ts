/**
 * Invoices over HTTP on both engines, on a clock the tests move: one per period paid for, issued
 * with the period (a first subscription, a rollover), numbered without gaps per year, with net,
 * tax and gross lines and the parties' details; readable by the organisation's owners and admins
 * only, as JSON and as PDF; and issued once however many schedulers run at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../ledger/index.js';
import { creditAccounts } from '../network/index.js';
import { administratorEmail } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { BillingService } from './billing-service.js';
import { isCreditorReference } from './creditor-reference.js';
import { type BillingTestApp, startBillingTestApp, testInvoiceTerms } from './testing.js';

const dayMs = 86_400_000;

describe.each(bothEngines)('invoices (%s)', (engine) => {
  let fixture: BillingTestApp;
  let alice: TestBrowser;

  beforeEach(async () => {
    fixture = await startBillingTestApp(engine);
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    expect((await alice.request('POST', '/api/orgs', { name: 'Green Bakery', slug: 'green' })).statusCode).toBe(201);
  });
  afterEach(async () => {
    await fixture.close();
  });

  const later = async (ms: number) => {
    fixture.clock.advance(ms);
    await alice.logIn('alice@example.org', 'correct horse battery');
  };
  const change = (planId: string, browser = alice, slug = 'green') => browser.request('PUT', `/api/orgs/${slug}/subscription`, { planId });
  const invoices = async (browser = alice, slug = 'green') => (await browser.request('GET', `/api/orgs/${slug}/invoices`)).json().invoices;

  it('issues the first period’s invoice at once, with the parties, lines, totals, due date and a creditor reference', async () => {
    const profile = {
      legalName: 'Green Bakery SCRL',
      address: '12 Mill Lane\nLeeds LS1 4AB\nUnited Kingdom',
      taxId: 'GB123456789',
      email: 'accounts@green.test',
      language: 'en',
      creditPayment: 'off',
    };
    expect((await alice.request('PUT', '/api/orgs/green/billing-profile', profile)).json()).toEqual({ profile, tradingMember: false });
    const issuedAtMs = fixture.clock.nowMs();
    expect((await change('level-2')).statusCode).toBe(200);
    const [summary] = await invoices();
    expect(summary).toMatchObject({ number: '2026-000001', status: 'open', grossMinor: '2000', overdue: false, dueMoneyMinor: '2000' });
    const invoice = (await alice.request('GET', '/api/orgs/green/invoices/2026-000001')).json();
    expect(invoice).toMatchObject({
      issuedAtMs,
      dueAtMs: issuedAtMs + 14 * dayMs,
      periodStartMs: issuedAtMs,
      currency: 'EUR',
      netMinor: '2000',
      taxMinor: '0',
      grossMinor: '2000',
      creditGrossMinor: '2000',
      seller: { ...testInvoiceTerms.seller.party },
      buyer: { name: 'Green Bakery SCRL', addressLines: ['12 Mill Lane', 'Leeds LS1 4AB', 'United Kingdom'], taxId: 'GB123456789' },
      bank: { iban: 'BE71096123456769' },
      lines: [{ description: 'Level 2 plan, 1 March 2026 to 1 April 2026', netMinor: '2000', grossMinor: '2000' }],
      creditState: 'none',
      creditPayable: false,
      payments: [],
    });
    // Not a trading member: credits cannot pay it, and asking says why.
    const credits = await alice.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', { idempotencyKey: 'click-0001' });
    expect(credits.json().error.code).toBe('credits_need_trading_member');
    expect(isCreditorReference(invoice.reference)).toBe(true);
  });

  it('bills each new period with the upgrades of the last, taxed, numbered without gaps, and nothing after a cancellation', async () => {
    const operator = await signedUpPerson(fixture, administratorEmail, 'Operator');
    const level3 = (await fixture.billing.plans()).find((plan) => plan.id === 'level-3');
    expect(
      (
        await operator.request('PUT', '/api/operator/plans/level-3', {
          name: 'Level 3',
          participantsMax: 50,
          meetingsMax: 1,
          meetingMinutesMax: null,
          storageMb: level3?.storageMb,
          period: 'month',
          taxRateBasisPoints: 2_100,
          quoted: false,
          moneyPriceMinor: '4500',
          creditPriceMinor: '4500',
        })
      ).statusCode,
    ).toBe(200);
    await change('level-1');
    // Ten days into March, Level 3 at once: 21 of 31 days of the €35 difference, taxed at 21 %.
    await later(10 * dayMs);
    await change('level-3');
    // A second organisation subscribes meanwhile and takes the next number.
    const bob = await signedUpPerson(fixture, 'bob@example.org', 'Bob');
    await bob.request('POST', '/api/orgs', { name: 'Blue Press', slug: 'blue' });
    await change('level-1', bob, 'blue');
    await later(21 * dayMs);
    expect(await fixture.billing.advancePeriods()).toBe(1);
    const [april, march] = await invoices();
    expect(march.number).toBe('2026-000001');
    expect((await invoices(bob, 'blue'))[0].number).toBe('2026-000002');
    expect(april.number).toBe('2026-000003');
    const whole = (await alice.request('GET', `/api/orgs/green/invoices/${april.number}`)).json();
    expect(whole.lines).toMatchObject([
      {
        description: 'Level 3 plan, 1 April 2026 to 1 May 2026',
        netMinor: '4500',
        taxRateBasisPoints: 2_100,
        taxMinor: '945',
        grossMinor: '5445',
      },
      {
        description: 'Upgrade from Level 1 to Level 3 on 11 March 2026: 21 days of 31',
        netMinor: '2371',
        taxMinor: '498',
        grossMinor: '2869',
      },
    ]);
    expect(whole).toMatchObject({ netMinor: '6871', taxMinor: '1443', grossMinor: '8314' });
    // The adjustment is carried once.
    expect(await fixture.billing.openAdjustments(await organisationIdOf('green'))).toEqual([]);

    await change('free');
    await later(31 * dayMs);
    await fixture.billing.advancePeriods();
    expect(await invoices()).toHaveLength(2);
    // A new year starts its numbers again at 1.
    await later(300 * dayMs);
    await change('level-1');
    expect((await invoices())[0].number).toBe('2027-000001');
  });

  const organisationIdOf = async (slug: string) => {
    const session = (await alice.request('GET', '/api/account/session')).json();
    const membership = await fixture.people.organisations.membership(session.person.id, slug);
    if (!membership) throw new Error(`Alice is not in ${slug}`);
    return membership.organisationId;
  };

  it('issues each invoice once when two schedulers on two instances roll the same periods at once', async () => {
    const slugs = ['one', 'two', 'three', 'four', 'five', 'six'];
    for (const slug of slugs) {
      expect((await alice.request('POST', '/api/orgs', { name: `Org ${slug}`, slug })).statusCode).toBe(201);
      expect((await change('level-1', alice, slug)).statusCode).toBe(200);
    }
    const options = {
      storage: fixture.storage,
      clock: fixture.clock,
      organisations: fixture.people.organisations,
      creditScale: 2,
      terms: testInvoiceTerms,
      credit: { code: 'CREDIT' as CurrencyCode, currencyName: 'credits', scale: 2 },
      creditAccounts: creditAccounts(fixture.network.context),
      ledger: fixture.ledger,
      mailer: fixture.people.mailer,
      link: (path: string) => path,
      coOpOrganisation: 'coop',
    };
    const instances = [new BillingService(options), new BillingService(options)];
    for (let month = 0; month < 3; month += 1) {
      fixture.clock.advance(31 * dayMs);
      const rolled = await Promise.all([...instances, ...instances].map((instance) => instance.advancePeriods()));
      expect(rolled.reduce((total, count) => total + count, 0)).toBe(slugs.length);
    }
    await alice.logIn('alice@example.org', 'correct horse battery');
    const numbers = (await Promise.all(slugs.map((slug) => invoices(alice, slug)))).flat().map((invoice) => invoice.number);
    expect(numbers).toHaveLength(slugs.length * 4);
    expect(new Set(numbers).size).toBe(numbers.length);
    const sequences = numbers.map((number: string) => Number(number.slice(5))).sort((a: number, b: number) => a - b);
    expect(sequences).toEqual(Array.from({ length: numbers.length }, (_, index) => index + 1));
  });

  it('shows invoices only to the organisation’s owners and admins, and a PDF of each', async () => {
    await change('level-1');
    const bob = await signedUpPerson(fixture, 'bob@example.org', 'Bob');
    for (const url of ['/api/orgs/green/invoices', '/api/orgs/green/invoices/2026-000001', '/api/orgs/green/invoices/2026-000001/pdf']) {
      expect((await bob.request('GET', url)).json().error.code).toBe('organisation_not_found');
      expect((await fixture.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    await alice.request('POST', '/api/orgs/green/invitations', { email: 'carol@example.org', role: 'member' });
    const carol = await signedUpPerson(fixture, 'carol@example.org', 'Carol');
    const token = (await fixture.mail.waitFor('carol@example.org', /invites you/)).text.match(/token=([\w-]+)/)?.[1];
    await carol.request('POST', '/api/invitations/accept', { token });
    const refused = await carol.request('GET', '/api/orgs/green/invoices');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({
      code: 'role_required',
      message: 'Only the owners and admins of Green Bakery can see and change its billing.',
    });
    expect((await alice.request('GET', '/api/orgs/green/invoices/2026-000002')).json().error.code).toBe('invoice_not_found');
    expect((await alice.request('GET', '/api/orgs/green/invoices/2026-1')).statusCode).toBe(400);

    const pdf = await alice.request('GET', '/api/orgs/green/invoices/2026-000001/pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="invoice-2026-000001.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses bad billing details and paying in credits without a trading account, keeping what was there', async () => {
    const good = { legalName: 'Green', address: '', taxId: '', email: '', language: 'fr', creditPayment: 'off' };
    expect((await alice.request('PUT', '/api/orgs/green/billing-profile', good)).statusCode).toBe(200);
    for (const bad of [
      { legalName: '' },
      { address: 'a\nb\nc\nd\ne\nf' },
      { email: 'not an email' },
      { language: 'de' },
      { creditPayment: 'sometimes' },
      { extra: 1 },
      { legalName: 'x'.repeat(71) },
    ]) {
      expect((await alice.request('PUT', '/api/orgs/green/billing-profile', { ...good, ...bad })).statusCode, JSON.stringify(bad)).toBe(
        400,
      );
    }
    const credits = await alice.request('PUT', '/api/orgs/green/billing-profile', { ...good, creditPayment: 'automatic' });
    expect(credits.statusCode).toBe(409);
    expect(credits.json().error.code).toBe('credits_need_trading_member');
    expect((await alice.request('GET', '/api/orgs/green/billing-profile')).json().profile).toEqual(good);
    // The invoice is written in the organisation's language.
    await change('level-1');
    expect((await alice.request('GET', '/api/orgs/green/invoices/2026-000001')).json()).toMatchObject({
      language: 'fr',
      lines: [{ description: 'Formule Level 1, du 1 mars 2026 au 1 avril 2026' }],
    });
  });
});
