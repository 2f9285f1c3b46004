/**
 * The co-op's finances, on both engines with the real ledger and network: invoice payments in
 * money and credits, the co-op paying a supplier in credits through the network, the treasurer's
 * own entries — by month and category, with the credit balance, as JSON and as CSV — and who may
 * read them (members) and write them (treasurers).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creditAccounts } from '../network/index.js';
import { administratorEmail, approvedTrader, newIdempotencyKey } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { CoopFinances, lastTwelveMonths } from './finances.js';
import type { BillingTables } from './migrations.js';
import { type BillingTestApp, startBillingTestApp } from './testing.js';

const dayMs = 86_400_000;

describe('the months of the finances', () => {
  it('are the twelve UTC months ending with this one, across a year’s end', () => {
    const months = lastTwelveMonths(Date.UTC(2027, 1, 15));
    expect(months[0]).toBe('2026-03');
    expect(months.at(-1)).toBe('2027-02');
    expect(months).toHaveLength(12);
  });
});

describe.each(bothEngines)('the co-op’s finances (%s)', (engine) => {
  let fixture: BillingTestApp;
  let admin: TestBrowser;
  let trader: TestBrowser;
  let alice: TestBrowser;

  beforeEach(async () => {
    fixture = await startBillingTestApp(engine);
    admin = await signedUpPerson(fixture, administratorEmail, 'Tess Treasurer');
    await admin.request('POST', '/api/network/applications', {
      business: { name: 'The Co-op', slug: 'coop' },
      profile: { description: '', location: '', website: '', contact: '', showBalance: true },
    });
    await admin.request('POST', '/api/network/admin/members/coop/approve', {});
    trader = await approvedTrader(fixture, admin, 'trader@green.test', { name: 'Green Bakery', slug: 'green' });
    alice = await signedUpPerson(fixture, 'alice@blue.test', 'Alice');
    await alice.request('POST', '/api/orgs', { name: 'Blue Press', slug: 'blue' });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('shows income and expenses by month and category, in money and credits, to members only, and as CSV', async () => {
    // March: Green pays Level 1 in credits at once; Blue pays Level 2 by bank.
    await trader.request('PUT', '/api/orgs/green/billing-profile', {
      legalName: 'Green Bakery',
      address: '',
      taxId: '',
      email: '',
      language: 'en',
      creditPayment: 'by_request',
    });
    await trader.request('PUT', '/api/orgs/green/subscription', { planId: 'level-1' });
    await alice.request('PUT', '/api/orgs/blue/subscription', { planId: 'level-2' });
    expect(
      (await trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', { idempotencyKey: 'click-0001' })).statusCode,
    ).toBe(200);
    expect(
      (
        await admin.request('POST', '/api/operator/invoices/2026-000002/payments', { amountMinor: '2000', currency: 'EUR', note: '' })
      ).json().paid,
    ).toBe(true);
    // The co-op pays its host 4.00 credits through the network, and the treasurer records €50 of bank costs in April.
    await approvedTrader(fixture, admin, 'host@hosting.test', { name: 'Hosting Ltd', slug: 'hosting' });
    const paid = await admin.request('POST', '/api/network/members/coop/payments', {
      payee: 'hosting',
      amount: '4',
      description: 'Servers, March',
      reference: '',
      idempotencyKey: newIdempotencyKey(),
    });
    expect(paid.statusCode, paid.body).toBe(201);
    fixture.clock.advance(31 * dayMs);
    await admin.logIn(administratorEmail, 'correct horse battery');
    await alice.logIn('alice@blue.test', 'correct horse battery');
    const entry = {
      bookedOn: '2026-04-02',
      direction: 'expense',
      category: 'Bank fees',
      description: 'Account, Q2',
      moneyMinor: '5000',
      creditMinor: '0',
    };
    expect((await admin.request('POST', '/api/operator/finance-entries', entry)).statusCode).toBe(201);
    expect((await alice.request('POST', '/api/operator/finance-entries', entry)).json().error.code).toBe('operator_only');
    for (const bad of [
      { moneyMinor: '0' },
      { moneyMinor: '-5' },
      { bookedOn: '2026-02-30' },
      { category: 'subscriptions' },
      { category: 'Network payments' },
      { direction: 'gift' },
      { category: '' },
    ]) {
      expect((await admin.request('POST', '/api/operator/finance-entries', { ...entry, ...bad })).statusCode, JSON.stringify(bad)).toBe(
        400,
      );
    }

    const finances = (await alice.request('GET', '/api/coop/finances')).json();
    expect(finances.months.at(-1)).toBe('2026-04');
    expect(finances.lines).toEqual([
      { month: '2026-03', direction: 'expense', category: 'network_payments', moneyMinor: '0', creditMinor: '400' },
      { month: '2026-03', direction: 'income', category: 'subscriptions', moneyMinor: '2000', creditMinor: '1000' },
      { month: '2026-04', direction: 'expense', category: 'Bank fees', moneyMinor: '5000', creditMinor: '0' },
    ]);
    expect(finances).toMatchObject({ creditBalanceMinor: '600', currency: 'EUR', credit: { name: 'credits', scale: 2 } });

    const csv = await alice.request('GET', '/api/coop/finances.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.trim().split('\n')).toEqual([
      'month,direction,category,money_EUR,credits',
      '2026-03,expense,network_payments,0.00,4.00',
      '2026-03,income,subscriptions,20.00,10.00',
      '2026-04,expense,Bank fees,50.00,0.00',
    ]);

    // A member in the co-op's register (governance) reads them too, whatever their organisations.
    const registered = new CoopFinances({
      db: () => fixture.storage.db.withTables<BillingTables>(),
      clock: fixture.clock,
      ledger: fixture.ledger,
      creditAccounts: creditAccounts(fixture.network.context),
      organisations: fixture.people.organisations,
      coOpOrganisation: 'coop',
      inRegister: async (personId) => personId === 'person-in-register',
      currency: 'EUR',
    });
    expect(await registered.isMember('person-in-register')).toBe(true);
    expect(await registered.isMember('someone-else')).toBe(false);

    // Someone of no subscribing organisation is not a member; nobody signed out reads anything.
    const stranger = await signedUpPerson(fixture, 'eve@example.test', 'Eve');
    const refused = await stranger.request('GET', '/api/coop/finances');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('members_only');
    expect((await stranger.request('GET', '/api/coop/finances.csv')).statusCode).toBe(403);
    expect((await fixture.app.inject({ method: 'GET', url: '/api/coop/finances' })).statusCode).toBe(401);
  });
});
