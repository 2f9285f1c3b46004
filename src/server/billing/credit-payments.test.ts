/**
 * Paying invoices in the network's credits, on both engines, with the real ledger and network:
 * the reservation on issue, automatic posting in the due date's last day, paying by request in
 * full or in part, too few credits, a suspended member, and the ledger's books after it all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { administratorEmail, approvedTrader } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { type BillingTestApp, startBillingTestApp } from './testing.js';

const dayMs = 86_400_000;

describe.each(bothEngines)('paying invoices in credits (%s)', (engine) => {
  let fixture: BillingTestApp;
  let admin: TestBrowser;
  let trader: TestBrowser;

  beforeEach(async () => {
    fixture = await startBillingTestApp(engine);
    admin = await signedUpPerson(fixture, administratorEmail, 'Network Admin');
    const opened = await admin.request('POST', '/api/network/applications', {
      business: { name: 'The Co-op', slug: 'coop' },
      profile: { description: '', location: '', website: '', contact: '', showBalance: true },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await admin.request('POST', '/api/network/admin/members/coop/approve', {})).statusCode).toBe(200);
    trader = await approvedTrader(fixture, admin, 'trader@green.test', { name: 'Green Bakery', slug: 'green' });
  });
  afterEach(async () => {
    await fixture.close();
  });

  const payIn = async (mode: 'automatic' | 'by_request' | 'off') => {
    const answer = await trader.request('PUT', '/api/orgs/green/billing-profile', {
      legalName: 'Green Bakery',
      address: '',
      taxId: '',
      email: '',
      language: 'en',
      creditPayment: mode,
    });
    expect(answer.statusCode, answer.body).toBe(200);
  };
  const invoice = async (number = '2026-000001') => (await trader.request('GET', `/api/orgs/green/invoices/${number}`)).json();
  const balanceOf = async (slug: string) => {
    const account = await fixture.network.context.members.bySlug(slug);
    const found = account?.accountId ? await fixture.ledger.findAccount(account.accountId as never) : undefined;
    return found ? found.creditsPosted - found.debitsPosted : undefined;
  };
  const later = async (ms: number) => {
    fixture.clock.advance(ms);
    await trader.logIn('trader@green.test', 'correct horse battery');
  };

  it('reserves the credits on issue and pays automatically in the due date’s last day', async () => {
    await payIn('automatic');
    expect((await trader.request('PUT', '/api/orgs/green/subscription', { planId: 'level-2' })).statusCode).toBe(200);
    // Reserved at once, with the subscription; the scheduler then only sends the invoice's letter.
    expect(await invoice()).toMatchObject({ creditState: 'reserved', creditReservedMinor: '2000' });
    expect(await fixture.billing.runScheduledWork()).toBe(1);
    expect(await invoice()).toMatchObject({ status: 'open', creditState: 'reserved', creditReservedMinor: '2000', dueCreditMinor: '2000' });
    // The reservation counts against what the member can spend, but nothing has moved yet.
    expect(await balanceOf('green')).toBe(0n);
    // Running again changes nothing before the last day.
    await later(5 * dayMs);
    expect(await fixture.billing.runScheduledWork()).toBe(0);
    await later(8 * dayMs + 1);
    await Promise.all([fixture.billing.runScheduledWork(), fixture.billing.runScheduledWork()]);
    expect(await invoice()).toMatchObject({
      status: 'paid',
      creditState: 'posted',
      paidCreditMinor: '2000',
      dueMoneyMinor: '0',
      payments: [{ kind: 'credits', amountMinor: '2000', method: 'ledger' }],
    });
    expect(await balanceOf('green')).toBe(-2000n);
    expect(await balanceOf('coop')).toBe(2000n);
    expect((await fixture.ledger.verify()).ok).toBe(true);
  });

  it('pays by request, in part, once per click, the rest due in money', async () => {
    await payIn('by_request');
    await trader.request('PUT', '/api/orgs/green/subscription', { planId: 'level-1' });
    await fixture.billing.runScheduledWork();
    const part = { amountMinor: '400', idempotencyKey: 'click-0001' };
    const [first, second] = await Promise.all([
      trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', part),
      trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', part),
    ]);
    expect([first.statusCode, second.statusCode]).toContain(200);
    const after = await invoice();
    expect(after).toMatchObject({
      status: 'open',
      paidCreditMinor: '400',
      dueMoneyMinor: '600',
      dueCreditMinor: '600',
      creditState: 'posted',
    });
    expect(after.payments).toHaveLength(1);
    expect(after.creditPayable).toBe(true);
    // The same form for another amount is a mistake, not a second payment.
    const reused = await trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', { ...part, amountMinor: '300' });
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    // The rest of the reservation went back: the member can spend it again.
    expect(await balanceOf('green')).toBe(-400n);
    const account = await fixture.ledger.findAccount((await fixture.network.context.members.bySlug('green'))?.accountId as never);
    expect(account?.debitsPending).toBe(0n);
    // Paying more than is due is refused; the rest in credits, without a reservation now, is a transfer.
    const tooMuch = await trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', {
      amountMinor: '601',
      idempotencyKey: 'click-0002',
    });
    expect(tooMuch.json().error).toEqual({
      code: 'payment_exceeds_due',
      message: 'Only 6.00 credits is still due on invoice 2026-000001.',
    });
    const rest = await trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', { idempotencyKey: 'click-0003' });
    expect(rest.json()).toMatchObject({ status: 'paid', paidCreditMinor: '1000' });
    const again = await trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', { idempotencyKey: 'click-0004' });
    expect(again.json().error.code).toBe('invoice_already_paid');
    expect(await balanceOf('coop')).toBe(1000n);
    expect((await fixture.ledger.verify()).ok).toBe(true);
  });

  it('leaves the invoice open with what is available when credits are short, and with a suspended account', async () => {
    await admin.request('PUT', '/api/network/admin/members/green/credit-limit', { creditLimit: '5', reason: 'New member' });
    await payIn('automatic');
    await trader.request('PUT', '/api/orgs/green/subscription', { planId: 'level-1' });
    await fixture.billing.runScheduledWork();
    expect(await invoice()).toMatchObject({ status: 'open', creditState: 'insufficient', creditAvailableMinor: '500' });
    const refused = await trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', { idempotencyKey: 'click-0001' });
    expect(refused.json().error).toEqual({
      code: 'insufficient_credit',
      message: 'There are too few credits to pay invoice 2026-000001: 5.00 credits available.',
    });
    // More credit: the next run reserves it.
    await admin.request('PUT', '/api/network/admin/members/green/credit-limit', { creditLimit: '50', reason: 'Trading well' });
    await fixture.billing.runScheduledWork();
    expect(await invoice()).toMatchObject({ creditState: 'reserved', creditReservedMinor: '1000' });

    // Suspended: paying now is refused and nothing moves; the invoice stays open.
    await admin.request('POST', '/api/network/admin/members/green/suspend', { reason: 'Unpaid debts elsewhere' });
    const frozen = await trader.request('POST', '/api/orgs/green/invoices/2026-000001/credit-payment', { idempotencyKey: 'click-0002' });
    expect(frozen.json().error.code).toBe('credits_unavailable');
    expect(await invoice()).toMatchObject({ status: 'open', paidCreditMinor: '0' });
    expect(await balanceOf('green')).toBe(0n);
  });

  it('refuses paying in credits to people who may not, and malformed requests', async () => {
    await payIn('by_request');
    await trader.request('PUT', '/api/orgs/green/subscription', { planId: 'level-1' });
    const stranger = await signedUpPerson(fixture, 'eve@example.test', 'Eve');
    const url = '/api/orgs/green/invoices/2026-000001/credit-payment';
    expect((await stranger.request('POST', url, { idempotencyKey: 'click-0001' })).json().error.code).toBe('organisation_not_found');
    for (const body of [
      {},
      { idempotencyKey: 'short' },
      { idempotencyKey: 'click-0001', amountMinor: '0' },
      { idempotencyKey: 'click-0001', amountMinor: '-5' },
      { idempotencyKey: 'click-0001', amountMinor: '1.5' },
      { idempotencyKey: 'click-0001', amountMinor: 100 },
    ]) {
      expect((await trader.request('POST', url, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await invoice()).toMatchObject({ status: 'open', paidCreditMinor: '0' });
  });
});
