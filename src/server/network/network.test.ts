import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, InvoiceView, PaymentView } from '../../shared/network-api.js';
import type { CurrencyCode } from '../ledger/index.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { administratorEmail, approvedTrader, type NetworkTestApp, newIdempotencyKey as newKey, startNetworkTestApp } from './testing.js';

const dayMs = 86_400_000;

describe.each(bothEngines)('the mutual-credit network over HTTP (%s)', (engine) => {
  let fixture: NetworkTestApp;
  let admin: TestBrowser;
  let alice: TestBrowser;
  let bob: TestBrowser;

  const account = async (browser: TestBrowser, slug: string, query = ''): Promise<AccountView> => {
    const response = await browser.request('GET', `/api/network/members/${slug}/account${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const pay = (browser: TestBrowser, from: string, body: Record<string, unknown>) =>
    browser.request('POST', `/api/network/members/${from}/payments`, {
      description: 'Web hosting',
      reference: '',
      idempotencyKey: newKey(),
      ...body,
    });
  const requestPayment = (browser: TestBrowser, from: string, body: Record<string, unknown>) =>
    browser.request('POST', `/api/network/members/${from}/requests`, {
      description: 'Design work',
      reference: 'INV-7',
      idempotencyKey: newKey(),
      ...body,
    });
  const ledgerIsSound = async () => {
    expect((await fixture.ledger.trialBalance('CREDIT' as CurrencyCode)).balanced).toBe(true);
    expect((await fixture.ledger.verify()).ok).toBe(true);
  };

  beforeEach(async () => {
    fixture = await startNetworkTestApp(engine);
    admin = await signedUpPerson(fixture, administratorEmail, 'Network Admin');
    alice = await approvedTrader(fixture, admin, 'alice@acme.test', { name: 'Acme Hosting', slug: 'acme' });
    bob = await approvedTrader(fixture, admin, 'bob@bakery.test', { name: 'Bob Bakery', slug: 'bakery' });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('reviews applications: administrators are told, approval opens an account at zero with the default credit limit', async () => {
    await fixture.mail.waitFor(administratorEmail, /Acme Hosting applied to join/);
    await fixture.mail.waitFor('alice@acme.test', /Acme Hosting is now a member/);
    const carol = await signedUpPerson(fixture, 'carol@cafe.test', 'Carol');
    const home = (await carol.request('GET', '/api/network')).json();
    expect(home).toMatchObject({
      currency: { code: 'CREDIT', name: 'credits', scale: 2 },
      defaultCreditLimit: '500.00',
      administrator: false,
      mine: [],
    });
    const applied = await carol.request('POST', '/api/network/applications', {
      business: { name: 'Carol Cafe', slug: 'cafe' },
      profile: { description: 'Coffee', location: 'York', website: 'https://cafe.test', contact: 'carol@cafe.test', showBalance: true },
    });
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({ slug: 'cafe', status: 'applied', access: 'trader' });
    const again = await carol.request('POST', '/api/network/applications', {
      organisation: 'cafe',
      profile: applied.json() && { description: '', location: '', website: '', contact: '', showBalance: false },
    });
    expect(again.json().error.code).toBe('already_applied');
    expect((await admin.request('GET', '/api/network/admin')).json().applications).toEqual([
      expect.objectContaining({ slug: 'cafe', appliedBy: 'Carol <carol@cafe.test>' }),
    ]);
    // An applicant is not yet in the network: the directory is closed to it, and others cannot see it.
    expect((await carol.request('GET', '/api/network/directory')).json().error.code).toBe('network_membership_required');
    expect((await carol.request('GET', '/api/network/members')).json().error.code).toBe('network_membership_required');
    expect((await alice.request('GET', '/api/network/members/cafe')).statusCode).toBe(404);
    expect((await alice.request('POST', '/api/network/admin/members/cafe/approve', {})).json().error.code).toBe('administrator_required');
    const declined = await admin.request('POST', '/api/network/admin/members/cafe/decline', { reason: 'Please add a website' });
    expect(declined.json()).toMatchObject({ status: 'declined', statusReason: 'Please add a website' });
    await fixture.mail.waitFor('carol@cafe.test', /declined/);
    // Carol's home page says why, and offers the organisation for a new application.
    expect((await carol.request('GET', '/api/network')).json()).toMatchObject({
      mine: [{ slug: 'cafe', status: 'declined', balance: null, statusReason: 'Please add a website' }],
      canApplyFor: [{ slug: 'cafe', name: 'Carol Cafe' }],
    });
    expect((await admin.request('POST', '/api/network/admin/members/cafe/approve', {})).json().error.code).toBe('application_not_pending');
    const reapplied = await carol.request('POST', '/api/network/applications', {
      organisation: 'cafe',
      profile: { description: 'Coffee', location: 'York', website: 'https://cafe.test', contact: '', showBalance: true },
    });
    expect(reapplied.statusCode).toBe(201);
    expect((await admin.request('POST', '/api/network/admin/members/cafe/approve', {})).statusCode).toBe(200);
    const opened = await account(carol, 'cafe');
    expect(opened).toMatchObject({ balance: '0.00', available: '500.00', creditLimit: '500.00', balanceLimit: null, lines: [] });
    expect((await carol.request('GET', '/api/network')).json()).toMatchObject({
      mine: [{ slug: 'cafe', status: 'approved', balance: '0.00', statusReason: null }],
      canApplyFor: [],
    });
  });

  it('pays another member once, even when the same payment is sent twice, and both statements show it', async () => {
    const idempotencyKey = newKey();
    const first = await pay(alice, 'acme', { payee: 'bakery', amount: '12.5', reference: 'PO-1', idempotencyKey });
    expect(first.statusCode, first.body).toBe(201);
    const payment: PaymentView = first.json();
    expect(payment).toMatchObject({ payer: 'acme', payee: 'bakery', amount: '12.50', replayed: false, balanceAfter: '-12.50' });
    const retry = await pay(alice, 'acme', { payee: 'bakery', amount: '12.50', reference: 'PO-1', idempotencyKey });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ transferId: payment.transferId, replayed: true });
    const different = await pay(alice, 'acme', { payee: 'bakery', amount: '13', reference: 'PO-1', idempotencyKey });
    expect(different.json().error.code).toBe('idempotency_key_reused');
    const payer = await account(alice, 'acme');
    expect(payer).toMatchObject({ balance: '-12.50', available: '487.50', bought: '12.50' });
    expect(payer.lines).toEqual([
      expect.objectContaining({
        direction: 'out',
        amount: '12.50',
        balanceAfter: '-12.50',
        counterparty: { slug: 'bakery', name: 'Bob Bakery' },
        reference: 'PO-1',
      }),
    ]);
    const payee = await account(bob, 'bakery');
    expect(payee).toMatchObject({ balance: '12.50', sold: '12.50' });
    expect(payee.lines[0]).toMatchObject({ direction: 'in', counterparty: { slug: 'acme' } });
    const mail = await fixture.mail.waitFor('bob@bakery.test', /Acme Hosting paid you 12.50 credits/);
    expect(mail.text).toContain('Web hosting');
    await ledgerIsSound();
  });

  it('refuses bad payments with a clear error and moves nothing', async () => {
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const response = await pay(alice, 'acme', body);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error.code).toBe(code);
      return response.json().error.message as string;
    };
    await refused({ payee: 'acme', amount: '1' }, 422, 'cannot_pay_yourself');
    expect(await refused({ payee: 'bakery', amount: '500.01' }, 422, 'insufficient_credit')).toContain('500.00 credits');
    expect(await refused({ payee: 'bakery', amount: '1.234' }, 422, 'amount_has_too_many_decimals')).toContain('at most 2 places');
    await refused({ payee: 'bakery', amount: '0' }, 422, 'amount_must_be_positive');
    await refused({ payee: 'bakery', amount: '-5' }, 422, 'amount_must_be_positive');
    await refused({ payee: 'bakery', amount: '1e3' }, 422, 'amount_not_a_number');
    await refused({ payee: 'bakery', amount: '99999999999999999' }, 422, 'amount_too_large');
    await refused({ payee: 'nobody-here', amount: '1' }, 404, 'payee_not_found');
    await refused({ payee: 'bakery', amount: 5 }, 400, 'invalid_request');
    await refused({ payee: 'bakery', amount: '1', idempotencyKey: 'short' }, 400, 'invalid_request');
    await refused({ payee: 'bakery', amount: '1', description: '' }, 400, 'invalid_request');
    await refused({ payee: 'bakery', amount: '1', description: 'Bread \ud800' }, 400, 'invalid_request');
    await refused({ payee: 'bakery', amount: '1', reference: 'INV-\udfff' }, 400, 'invalid_request');
    await refused({ payee: 'bakery', amount: '1', extra: true }, 400, 'invalid_request');
    expect((await admin.request('POST', '/api/network/admin/members/bakery/suspend', { reason: 'Unpaid dues' })).statusCode).toBe(200);
    await refused({ payee: 'bakery', amount: '1' }, 409, 'payee_not_approved');
    const suspendedPays = await pay(bob, 'bakery', { payee: 'acme', amount: '1' });
    expect(suspendedPays.json().error.code).toBe('payer_not_approved');
    // Bob's people are told why; Alice, another member, is not.
    expect((await bob.request('GET', '/api/network/members/bakery')).json()).toMatchObject({
      status: 'suspended',
      statusReason: 'Unpaid dues',
    });
    expect((await alice.request('GET', '/api/network/members/bakery')).json()).toMatchObject({ statusReason: null });
    expect((await account(alice, 'acme')).balance).toBe('0.00');
    expect((await account(bob, 'bakery')).balance).toBe('0.00');
    expect((await admin.request('POST', '/api/network/admin/members/bakery/reinstate', { reason: 'Dues paid' })).statusCode).toBe(200);
    expect((await pay(alice, 'acme', { payee: 'bakery', amount: '500.00' })).statusCode).toBe(201);
    expect((await account(alice, 'acme')).available).toBe('0.00');
    await ledgerIsSound();
  });

  it('lets a member send a payment request that the payer accepts once, rejects with a reason, or that expires', async () => {
    const sent = await requestPayment(bob, 'bakery', { payer: 'acme', amount: '40', dueDate: '2026-03-15' });
    expect(sent.statusCode, sent.body).toBe(201);
    const invoice: InvoiceView = sent.json();
    expect(invoice).toMatchObject({
      status: 'open',
      amount: '40.00',
      requester: { slug: 'bakery' },
      payer: { slug: 'acme' },
      dueDate: '2026-03-15',
    });
    await fixture.mail.waitFor('alice@acme.test', /Bob Bakery asks you to pay 40.00 credits/);
    const incoming = (await alice.request('GET', '/api/network/members/acme/requests')).json();
    expect(incoming.incoming.map((request: InvoiceView) => request.id)).toEqual([invoice.id]);
    // Only the payer can accept: the requester, and anyone else, are told it does not exist.
    expect((await bob.request('POST', `/api/network/members/bakery/requests/${invoice.id}/accept`, {})).statusCode).toBe(404);
    const accepted = await alice.request('POST', `/api/network/members/acme/requests/${invoice.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', transferId: `req-${invoice.id}`, acceptedAutomatically: false });
    const twice = await alice.request('POST', `/api/network/members/acme/requests/${invoice.id}/accept`, {});
    expect(twice.json().error).toMatchObject({ code: 'request_not_open', message: 'This payment request was already accepted.' });
    expect((await account(alice, 'acme')).balance).toBe('-40.00');
    await fixture.mail.waitFor('bob@bakery.test', /Acme Hosting paid your request/);

    const second = (await requestPayment(bob, 'bakery', { payer: 'acme', amount: '5' })).json();
    const rejected = await alice.request('POST', `/api/network/members/acme/requests/${second.id}/reject`, { reason: 'Not ordered' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: 'Not ordered' });
    await fixture.mail.waitFor('bob@bakery.test', /rejected a payment request/);
    expect((await bob.request('POST', `/api/network/members/bakery/requests/${second.id}/cancel`, {})).json().error.code).toBe(
      'request_not_open',
    );

    const third = (await requestPayment(bob, 'bakery', { payer: 'acme', amount: '6', expiresInDays: 2 })).json();
    fixture.clock.advance(2 * dayMs);
    const expired = await alice.request('POST', `/api/network/members/acme/requests/${third.id}/accept`, {});
    expect(expired.json().error.code).toBe('request_expired');
    const listed = (await alice.request('GET', '/api/network/members/acme/requests')).json().incoming;
    expect(listed.find((request: InvoiceView) => request.id === third.id).status).toBe('expired');
    // The requester is told once that it expired unpaid.
    expect(await fixture.network.requests.notifyExpired()).toBe(1);
    expect(await fixture.network.requests.notifyExpired()).toBe(0);
    const notice = await fixture.mail.waitFor('bob@bakery.test', /request to Acme Hosting expired unpaid/);
    expect(notice.text).toContain('6.00 credits');

    const fourth = (await requestPayment(bob, 'bakery', { payer: 'acme', amount: '7' })).json();
    expect((await alice.request('POST', `/api/network/members/acme/requests/${fourth.id}/cancel`, {})).statusCode).toBe(404);
    expect((await bob.request('POST', `/api/network/members/bakery/requests/${fourth.id}/cancel`, {})).json().status).toBe('cancelled');
    expect((await account(alice, 'acme')).balance).toBe('-40.00');
    // Long after, the accepted, rejected and cancelled requests are never said to have expired.
    fixture.clock.advance(60 * dayMs);
    expect(await fixture.network.requests.notifyExpired()).toBe(0);
    await ledgerIsSound();
  });

  it('accepts requests from a trusted supplier automatically, up to the amount the payer set', async () => {
    const rule = await alice.request('PUT', '/api/network/members/acme/auto-accept/bakery', { maxAmount: '50' });
    expect(rule.json()).toEqual({ rules: [{ payee: 'bakery', payeeName: 'Bob Bakery', maxAmount: '50.00' }] });
    const small = await requestPayment(bob, 'bakery', { payer: 'acme', amount: '20' });
    expect(small.json()).toMatchObject({ status: 'accepted', acceptedAutomatically: true });
    const large = await requestPayment(bob, 'bakery', { payer: 'acme', amount: '80' });
    expect(large.json()).toMatchObject({ status: 'open' });
    expect((await account(bob, 'bakery')).balance).toBe('20.00');
    expect((await alice.request('DELETE', '/api/network/members/acme/auto-accept/bakery')).json()).toEqual({ rules: [] });
  });

  it('keeps each member to its own accounts, requests and hidden balances', async () => {
    // Alice cannot pay from, read, or act for Bob's business.
    expect((await pay(alice, 'bakery', { payee: 'acme', amount: '1' })).statusCode).toBe(404);
    expect((await alice.request('GET', '/api/network/members/bakery/account')).statusCode).toBe(404);
    expect((await alice.request('GET', '/api/network/members/bakery/statement.csv')).statusCode).toBe(404);
    expect((await alice.request('GET', '/api/network/members/bakery/requests')).statusCode).toBe(404);
    expect(
      (
        await alice.request('PUT', '/api/network/members/bakery/profile', {
          description: 'x',
          location: '',
          website: '',
          contact: '',
          showBalance: true,
        })
      ).statusCode,
    ).toBe(404);
    expect((await alice.request('GET', '/api/network/admin')).json().error.code).toBe('administrator_required');
    // A request addressed to Bob cannot be accepted by Alice, even through her own member.
    const carol = await approvedTrader(fixture, admin, 'carol@cafe.test', { name: 'Carol Cafe', slug: 'cafe' });
    const toBob = (await requestPayment(carol, 'cafe', { payer: 'bakery', amount: '3' })).json();
    expect((await alice.request('POST', `/api/network/members/acme/requests/${toBob.id}/accept`, {})).statusCode).toBe(404);
    expect((await alice.request('POST', `/api/network/members/bakery/requests/${toBob.id}/accept`, {})).statusCode).toBe(404);
    // Balances are hidden unless the member shows them.
    expect((await alice.request('GET', '/api/network/members/bakery')).json().trust).toBeNull();
    await bob.request('PUT', '/api/network/members/bakery/profile', {
      description: 'Bread',
      location: 'Leeds',
      website: '',
      contact: '',
      showBalance: true,
    });
    expect((await alice.request('GET', '/api/network/members/bakery')).json().trust).toEqual({
      balance: '0.00',
      sold: '0.00',
      bought: '0.00',
    });
    // An organisation's plain member reads its account but cannot trade for it.
    const viewer = await signedUpPerson(fixture, 'dan@acme.test', 'Dan');
    await alice.request('POST', '/api/orgs/acme/invitations', { email: 'dan@acme.test', role: 'member' });
    const invitation = await fixture.mail.waitFor('dan@acme.test', /invit/i);
    const token = new URL((invitation.text.match(/https?:\/\/\S+/) ?? [''])[0]).searchParams.get('token');
    expect((await viewer.request('POST', '/api/invitations/accept', { token })).statusCode).toBe(200);
    expect((await account(viewer, 'acme')).balance).toBe('0.00');
    expect((await pay(viewer, 'acme', { payee: 'bakery', amount: '1' })).json().error.code).toBe('trader_required');
    // Without the CSRF token nothing changes.
    expect(
      (
        await alice.request(
          'POST',
          '/api/network/members/acme/payments',
          { payee: 'bakery', amount: '1', description: 'x', reference: '', idempotencyKey: newKey() },
          { 'x-csrf-token': 'forged' },
        )
      ).statusCode,
    ).toBe(403);
    expect((await account(alice, 'acme')).balance).toBe('0.00');
  });

  it('lists offers and wants in a searchable directory', async () => {
    const offer = await alice.request('POST', '/api/network/members/acme/listings', {
      kind: 'offer',
      title: 'Green web hosting',
      description: 'Servers on renewable power',
      category: 'hosting-and-it',
    });
    expect(offer.statusCode, offer.body).toBe(201);
    await bob.request('POST', '/api/network/members/bakery/listings', {
      kind: 'want',
      title: 'Website',
      description: '',
      category: 'design-and-marketing',
    });
    await bob.request('POST', '/api/network/members/bakery/listings', {
      kind: 'offer',
      title: 'Sourdough 100%_real',
      description: '',
      category: 'food-and-drink',
    });
    const search = async (query: string) => (await bob.request('GET', `/api/network/directory${query}`)).json();
    type Entry = { slug: string; offers: { title: string }[]; wants: { title: string }[] };
    const titles = (view: { entries: Entry[] }) =>
      view.entries.flatMap((entry) => [...entry.offers, ...entry.wants].map((listing) => `${entry.slug}: ${listing.title}`));
    expect(titles(await search('?q=RENEWABLE'))).toEqual(['acme: Green web hosting']);
    expect(titles(await search('?kind=want'))).toEqual(['bakery: Website']);
    expect(titles(await search('?category=food-and-drink'))).toEqual(['bakery: Sourdough 100%_real']);
    expect(titles(await search('?q=%25_'))).toEqual(['bakery: Sourdough 100%_real']);
    // A member found by its own name comes with its listings; one without any matches nothing by category.
    expect(titles(await search('?q=acme'))).toEqual(['acme: Green web hosting']);
    expect((await search('?q=nothing-like-this')).entries).toEqual([]);
    // Pages by name, each continuing after the last member of the one before.
    const first = await search('?limit=1');
    expect(first.entries.map((entry: Entry) => entry.slug)).toEqual(['acme']);
    const second = await search(`?limit=1&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({
      entries: [{ slug: 'bakery', offers: [{ title: 'Sourdough 100%_real' }], wants: [{ title: 'Website' }] }],
      nextCursor: null,
    });
    expect((await bob.request('GET', '/api/network/directory?limit=0')).statusCode).toBe(400);
    // Whom one may pay: every approved member, by name.
    expect((await bob.request('GET', '/api/network/members')).json().members.map((member: { slug: string }) => member.slug)).toEqual([
      'acme',
      'bakery',
    ]);
    expect((await bob.request('GET', '/api/network/directory?cursor=..%2F')).statusCode).toBe(400);
    // Accents and case fold the same way on both engines (SQLite's lower() folds ASCII only).
    await bob.request('POST', '/api/network/members/bakery/listings', {
      kind: 'offer',
      title: 'Pain d’ÉPICES',
      description: 'Façon Dijon',
      category: 'food-and-drink',
    });
    for (const words of ['epices', 'épices', 'ÉPICES', 'façon dijon']) {
      expect(titles(await search(`?q=${encodeURIComponent(words)}`))).toEqual(['bakery: Pain d’ÉPICES']);
    }
    expect((await bob.request('GET', '/api/network/directory?category=weapons')).statusCode).toBe(400);
    expect((await bob.request('GET', '/api/network/members/acme')).json().offers[0]).toMatchObject({
      title: 'Green web hosting',
      memberName: 'Acme Hosting',
    });
    expect((await bob.request('DELETE', `/api/network/members/acme/listings/${offer.json().id}`)).statusCode).toBe(404);
    expect((await alice.request('DELETE', `/api/network/members/acme/listings/${offer.json().id}`)).statusCode).toBe(204);
    expect((await search('?q=renewable')).entries).toEqual([]);
  });

  it('lets administrators change credit limits with a reason, and shows the overview and the history', async () => {
    await pay(alice, 'acme', { payee: 'bakery', amount: '450' });
    const tooLow = await admin.request('PUT', '/api/network/admin/members/acme/credit-limit', { creditLimit: '100', reason: 'Risk' });
    expect(tooLow.json().error.code).toBe('limit_below_balance');
    const raised = await admin.request('PUT', '/api/network/admin/members/acme/credit-limit', {
      creditLimit: '750.00',
      reason: 'Good record',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(await account(alice, 'acme')).toMatchObject({ creditLimit: '750.00', available: '300.00' });
    const history = (await admin.request('GET', '/api/network/admin/members/acme/limit-changes')).json();
    expect(history.changes[0]).toMatchObject({
      changedBy: `Network Admin <${administratorEmail}>`,
      reason: 'Good record',
      change: 'credit limit: 750.00 credits',
    });
    await fixture.mail.waitFor('alice@acme.test', /credit limit is now 750.00 credits/);
    await admin.request('PUT', '/api/network/admin/members/acme/credit-limit', { creditLimit: '500', reason: 'Back to normal' });
    const overview = (await admin.request('GET', '/api/network/admin')).json();
    expect(overview.counts).toEqual({ applied: 0, approved: 2, declined: 0, suspended: 0 });
    expect(overview.turnoverByMonth).toEqual([{ month: '2026-03', amount: '450.00', payments: 1 }]);
    expect(overview.nearLimit.map((member: { slug: string }) => member.slug)).toEqual(['acme']);
    expect(overview.members.find((member: { slug: string }) => member.slug === 'acme')).toMatchObject({
      balance: '-450.00',
      creditLimit: '500.00',
      limitUsed: 0.9,
    });
  });

  it('filters the statement and exports it as CSV that spreadsheets cannot run', async () => {
    await pay(alice, 'acme', { payee: 'bakery', amount: '10', description: '=HYPERLINK("x")' });
    fixture.clock.advance(3 * dayMs);
    await pay(bob, 'bakery', { payee: 'acme', amount: '4', description: 'Bread' });
    // On screen the newest payment comes first; the CSV below runs in time order.
    expect((await account(alice, 'acme')).lines.map((line) => line.amount)).toEqual(['4.00', '10.00']);
    expect((await account(alice, 'acme', '?direction=in')).lines.map((line) => line.amount)).toEqual(['4.00']);
    expect((await account(alice, 'acme', '?from=2026-03-03')).lines.map((line) => line.amount)).toEqual(['4.00']);
    expect((await account(alice, 'acme', '?to=2026-03-02')).lines.map((line) => line.amount)).toEqual(['10.00']);
    // Days are the viewer's: 09:00 UTC on 1 March is still 28 February in Honolulu.
    expect((await account(alice, 'acme', '?to=2026-02-28')).lines).toEqual([]);
    const honolulu = (filters: string) => account(alice, 'acme', `${filters}&timeZone=${encodeURIComponent('Pacific/Honolulu')}`);
    expect((await honolulu('?from=2026-02-28&to=2026-02-28')).lines.map((line) => line.amount)).toEqual(['10.00']);
    expect((await honolulu('?from=2026-03-01&to=2026-03-01')).lines).toEqual([]);
    expect((await alice.request('GET', '/api/network/members/acme/account?timeZone=Mars%2FOlympus')).statusCode).toBe(400);
    expect((await account(alice, 'acme', '?counterparty=nobody')).lines).toEqual([]);
    expect((await account(alice, 'acme', '?counterparty=bakery&direction=out')).lines.map((line) => line.amount)).toEqual(['10.00']);
    expect((await alice.request('GET', '/api/network/members/acme/account?from=yesterday')).statusCode).toBe(400);
    const csv = await alice.request('GET', '/api/network/members/acme/statement.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]).toBe('time,direction,counterparty,description,reference,amount,balance_after,transfer_id');
    expect(rows[1]).toContain(`out,Bob Bakery,"'=HYPERLINK(""x"")",,-10.00,-10.00,`);
    expect(rows[2]).toContain('in,Bob Bakery,Bread,,4.00,-6.00,');
  });

  it('finishes a payment request that a crash left half-accepted, without paying twice', async () => {
    const invoice = (await requestPayment(bob, 'bakery', { payer: 'acme', amount: '9' })).json();
    await fixture.storage.db
      .withTables<import('./migrations.js').NetworkTables>()
      .updateTable('network_requests')
      .set({ status: 'accepting' })
      .where('id', '=', invoice.id)
      .execute();
    // While someone else is accepting it, nobody may accept, reject or cancel it.
    const busy = [
      await alice.request('POST', `/api/network/members/acme/requests/${invoice.id}/accept`, {}),
      await alice.request('POST', `/api/network/members/acme/requests/${invoice.id}/reject`, { reason: 'No' }),
      await bob.request('POST', `/api/network/members/bakery/requests/${invoice.id}/cancel`, {}),
    ];
    for (const refused of busy) {
      expect(refused.json().error).toEqual({ code: 'request_not_open', message: 'This payment request is being accepted right now.' });
    }
    expect((await account(alice, 'acme')).balance).toBe('0.00');
    expect(await fixture.network.requests.recover()).toBe(1);
    expect((await alice.request('GET', '/api/network/members/acme/requests')).json().incoming[0].status).toBe('open');
    expect((await alice.request('POST', `/api/network/members/acme/requests/${invoice.id}/accept`, {})).statusCode).toBe(200);
    await fixture.storage.db
      .withTables<import('./migrations.js').NetworkTables>()
      .updateTable('network_requests')
      .set({ status: 'accepting' })
      .where('id', '=', invoice.id)
      .execute();
    expect(await fixture.network.requests.recover()).toBe(1);
    const after = (await alice.request('GET', '/api/network/members/acme/requests')).json().incoming[0];
    expect(after.status).toBe('accepted');
    expect((await account(alice, 'acme')).balance).toBe('-9.00');
  });
});

describe('the co-op as a trading member', () => {
  it('opens the co-op account as the co-op’s, lets its treasurer pay suppliers, and shows its finances to every member', async () => {
    const fixture = await startNetworkTestApp('sqlite', { coOpOrganisation: 'the-coop' });
    try {
      const admin = await signedUpPerson(fixture, administratorEmail, 'Network Admin');
      // Nobody but an administrator can open the co-op's account, under any form of application.
      const impostor = await signedUpPerson(fixture, 'mallory@example.test', 'Mallory');
      const claimed = await impostor.request('POST', '/api/network/applications', {
        business: { name: 'The Co-op', slug: 'the-coop' },
        profile: { description: '', location: '', website: '', contact: '', showBalance: false },
      });
      expect(claimed.json().error.code).toBe('administrator_required');
      // An administrator opens it and makes the treasurer an admin of the co-op's organisation.
      const treasurer = await signedUpPerson(fixture, 'treasurer@coop.test', 'Tess Treasurer');
      const opened = await admin.request('POST', '/api/network/applications', {
        business: { name: 'The Co-op', slug: 'the-coop' },
        profile: { description: 'Meetings', location: 'Leeds', website: '', contact: '', showBalance: true },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      expect((await admin.request('POST', '/api/network/admin/members/the-coop/approve', {})).statusCode).toBe(200);
      await admin.request('POST', '/api/orgs/the-coop/invitations', { email: 'treasurer@coop.test', role: 'admin' });
      const invitation = await fixture.mail.waitFor('treasurer@coop.test', /invit/i);
      const token = new URL((invitation.text.match(/https?:\/\/\S+/) ?? [''])[0]).searchParams.get('token');
      expect((await treasurer.request('POST', '/api/invitations/accept', { token })).statusCode).toBe(200);
      const host = await approvedTrader(fixture, admin, 'host@hosting.test', { name: 'Hosting Ltd', slug: 'hosting' });
      const paid = await treasurer.request('POST', '/api/network/members/the-coop/payments', {
        payee: 'hosting',
        amount: '120',
        description: 'Servers, March',
        reference: 'H-3',
        idempotencyKey: newKey(),
      });
      expect(paid.statusCode, paid.body).toBe(201);
      const coOpAccount = await fixture.ledger.findAccount((await fixture.network.context.members.bySlug('the-coop'))?.accountId as never);
      expect(coOpAccount?.ownerKind).toBe('co_op');
      const seenByMember = await host.request('GET', '/api/network/members/the-coop/account');
      expect(seenByMember.statusCode).toBe(200);
      expect(seenByMember.json().lines[0]).toMatchObject({ direction: 'out', amount: '120.00', description: 'Servers, March' });
      expect((await host.request('GET', '/api/network/members/the-coop')).json().coOp).toBe(true);
    } finally {
      await fixture.close();
    }
  });
});
