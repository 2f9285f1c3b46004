import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { administratorEmail, approvedTrader, type NetworkTestApp, newIdempotencyKey as newKey, startNetworkTestApp } from './testing.js';

const french = { 'accept-language': 'fr-FR,fr;q=0.9' };
const dayMs = 86_400_000;
const profile = { description: '', location: 'Lyon', website: '', contact: '', showBalance: false };

describe.each(bothEngines)('the network speaks each person’s language (%s)', (engine) => {
  let fixture: NetworkTestApp;
  let admin: TestBrowser;
  /** Acts for Acme Hosting (`acme`); chose French. */
  let alice: TestBrowser;
  /** Acts for Bob Bakery (`bakery`); English. */
  let bob: TestBrowser;

  const speaksFrench = async (browser: TestBrowser) => {
    expect((await browser.request('PUT', '/api/account/language', { language: 'fr' })).statusCode).toBe(204);
  };
  /** The newest mail to `to` whose subject matches, with its text. */
  const mail = (to: string, subject: RegExp) => fixture.mail.waitFor(to, subject);
  const pay = (browser: TestBrowser, from: string, payee: string, amount: string) =>
    browser.request('POST', `/api/network/members/${from}/payments`, {
      payee,
      amount,
      description: 'Hosting',
      reference: 'PO-9',
      idempotencyKey: newKey(),
    });
  const ask = async (browser: TestBrowser, from: string, body: { payer: string; amount: string; expiresInDays?: number }) => {
    const sent = await browser.request('POST', `/api/network/members/${from}/requests`, {
      description: 'Design work',
      reference: '',
      idempotencyKey: newKey(),
      ...body,
    });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    return sent.json<{ id: string; status: string }>();
  };
  const resolve = (browser: TestBrowser, member: string, id: string, action: 'accept' | 'reject' | 'cancel') =>
    browser.request(
      'POST',
      `/api/network/members/${member}/requests/${id}/${action}`,
      action === 'reject' ? { reason: 'Not ordered' } : {},
    );

  beforeEach(async () => {
    fixture = await startNetworkTestApp(engine);
    admin = await signedUpPerson(fixture, administratorEmail, 'Network Admin');
    alice = await approvedTrader(fixture, admin, 'alice@acme.test', { name: 'Acme Hosting', slug: 'acme' });
    bob = await approvedTrader(fixture, admin, 'bob@bakery.test', { name: 'Bob Bakery', slug: 'bakery' });
    await speaksFrench(alice);
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('answers errors and the administrators’ history in the request’s language, with the same codes and statuses', async () => {
    const english = await pay(alice, 'acme', 'bakery', '500.01');
    const inFrench = await alice.request(
      'POST',
      '/api/network/members/acme/payments',
      { payee: 'bakery', amount: '500.01', description: 'Hosting', reference: '', idempotencyKey: newKey() },
      french,
    );
    expect(english.json().error).toEqual({
      code: 'insufficient_credit',
      message: 'Acme Hosting can pay at most 500.00 credits now: that is its balance plus its credit limit.',
    });
    expect(inFrench.statusCode).toBe(english.statusCode);
    expect(inFrench.json().error).toEqual({
      code: 'insufficient_credit',
      message: 'Acme Hosting peut payer au plus 500,00 credits pour l’instant : c’est son solde plus sa limite de crédit.',
    });
    const missing = await alice.request('GET', '/api/network/members/nobody', undefined, french);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({
      code: 'member_not_found',
      message: 'Il n’y a aucun membre d’échange de ce nom dans le réseau.',
    });

    await admin.request('PUT', '/api/network/admin/members/acme/credit-limit', { creditLimit: '1234.5', reason: 'Good record' });
    await admin.request('POST', '/api/network/admin/members/acme/suspend', { reason: 'Unpaid dues' });
    const history = async (headers?: Record<string, string>) =>
      (await admin.request('GET', '/api/network/admin/members/acme/limit-changes', undefined, headers))
        .json()
        .changes.map((change: { change: string }) => change.change);
    expect(await history()).toEqual(['state: frozen', 'credit limit: 1234.50 credits']);
    expect(await history(french)).toEqual(['état : gelé', 'limite de crédit : 1\u202f234,50 credits']);
  });

  it('writes each membership email in its recipient’s language, whoever caused it', async () => {
    // Acme applied while the administrator read English; from now on they read French.
    expect((await mail(administratorEmail, /Acme Hosting applied to join the network/)).text).toMatch(
      /^Acme Hosting trader applied for Acme Hosting to join the network\.\n/,
    );
    await speaksFrench(admin);
    const carol = await signedUpPerson(fixture, 'carol@cafe.test', 'Carol');
    await speaksFrench(carol);
    const dan = await signedUpPerson(fixture, 'dan@deli.test', 'Dan');
    for (const [browser, slug, name] of [
      [carol, 'cafe', 'Carol Cafe'],
      [carol, 'cafe-two', 'Carol Cafe Two'],
      [dan, 'deli', 'Dan Deli'],
      [dan, 'deli-two', 'Dan Deli Two'],
    ] as const) {
      expect((await browser.request('POST', '/api/network/applications', { business: { name, slug }, profile })).statusCode).toBe(201);
    }
    const applied = await mail(administratorEmail, /^Dan Deli demande à rejoindre le réseau$/);
    expect(applied.text).toBe(
      'Dan a demandé que Dan Deli rejoigne le réseau.\n\nExaminez la demande : http://plenary.test/network/admin\n',
    );

    const review = async (slug: string, action: string, body: Record<string, string> = {}) => {
      const reviewed = await admin.request('POST', `/api/network/admin/members/${slug}/${action}`, body, french);
      expect(reviewed.statusCode, reviewed.body).toBe(200);
    };
    const limit = (slug: string) =>
      admin.request('PUT', `/api/network/admin/members/${slug}/credit-limit`, { creditLimit: '750', reason: 'Bon historique' });
    for (const slug of ['cafe', 'deli']) {
      await review(slug, 'approve');
      await limit(slug);
      await review(slug, 'suspend', { reason: 'Cotisation impayée' });
      await review(slug, 'reinstate', { reason: 'Cotisation payée' });
      await review(`${slug}-two`, 'decline', { reason: 'Ajoutez un site web' });
    }

    const approved = await mail('carol@cafe.test', /^Carol Cafe est maintenant membre du réseau d’échange$/);
    expect(approved.text).toMatch(/^Bonjour Carol,\n\nCarol Cafe a été approuvé\. .* limite de crédit de 500,00 credits\./);
    expect((await mail('carol@cafe.test', /^La limite de crédit de Carol Cafe est maintenant de 750,00 credits$/)).text).toContain(
      'Leur motif : Bon historique',
    );
    expect((await mail('carol@cafe.test', /^Carol Cafe est suspendu du réseau d’échange$/)).text).toContain('ont suspendu Carol Cafe');
    expect((await mail('carol@cafe.test', /^Carol Cafe peut de nouveau échanger$/)).text).toContain(
      'Carol Cafe a été rétabli dans le réseau.',
    );
    expect((await mail('carol@cafe.test', /^La demande de Carol Cafe Two .* a été refusée$/)).text).toContain('Vous pourrez refaire');

    expect((await mail('dan@deli.test', /^Dan Deli is now a member of the trading network$/)).text).toMatch(
      /^Hello Dan,\n\nDan Deli was approved\. .* credit limit of 500\.00 credits\./,
    );
    expect((await mail('dan@deli.test', /^Dan Deli's credit limit is now 750\.00 credits$/)).text).toContain(
      'Their reason: Bon historique',
    );
    await mail('dan@deli.test', /^Dan Deli is suspended from the trading network$/);
    await mail('dan@deli.test', /^Dan Deli can trade again$/);
    await mail('dan@deli.test', /^Dan Deli Two's application to the trading network was declined$/);
  });

  it('writes each payment and payment-request email in its recipient’s language', async () => {
    // Payments: each payee's people are told in their own language.
    expect((await pay(bob, 'bakery', 'acme', '234.5')).statusCode).toBe(201);
    expect((await pay(alice, 'acme', 'bakery', '12.5')).statusCode).toBe(201);
    expect((await mail('alice@acme.test', /^Bob Bakery vous a payé 234,50 credits$/)).text).toBe(
      'Bonjour Acme Hosting trader,\n\nBob Bakery a payé 234,50 credits à Acme Hosting.\n\nDescription : Hosting\nRéférence : PO-9\n\nRelevé : http://plenary.test/network/members/acme/account\n',
    );
    expect((await mail('bob@bakery.test', /^Acme Hosting paid you 12\.50 credits$/)).text).toContain('Reference: PO-9');

    // Requests, accepted by hand.
    const toAlice = await ask(bob, 'bakery', { payer: 'acme', amount: '40' });
    const toBob = await ask(alice, 'acme', { payer: 'bakery', amount: '41' });
    expect((await mail('alice@acme.test', /^Bob Bakery vous demande de payer 40,00 credits$/)).text).toContain('Acceptez-la ou rejetez-la');
    await mail('bob@bakery.test', /^Acme Hosting asks you to pay 41\.00 credits$/);
    expect((await resolve(alice, 'acme', toAlice.id, 'accept')).statusCode).toBe(200);
    expect((await resolve(bob, 'bakery', toBob.id, 'accept')).statusCode).toBe(200);
    await mail('bob@bakery.test', /^Acme Hosting paid your request for 40\.00 credits$/);
    expect((await mail('alice@acme.test', /^Bob Bakery a payé votre demande de 41,00 credits$/)).text).toContain(
      'Bob Bakery a accepté la demande de paiement « Design work » et a payé 41,00 credits.',
    );

    // Requests accepted automatically under a rule.
    await alice.request('PUT', '/api/network/members/acme/auto-accept/bakery', { maxAmount: null });
    await bob.request('PUT', '/api/network/members/bakery/auto-accept/acme', { maxAmount: null });
    expect((await ask(bob, 'bakery', { payer: 'acme', amount: '2' })).status).toBe('accepted');
    expect((await ask(alice, 'acme', { payer: 'bakery', amount: '3' })).status).toBe('accepted');
    expect((await mail('bob@bakery.test', /^Acme Hosting paid your request for 2\.00 credits$/)).text).toContain(
      'accepted (automatically, under its auto-accept rule)',
    );
    expect((await mail('alice@acme.test', /^Bob Bakery a payé votre demande de 3,00 credits$/)).text).toContain(
      'a accepté automatiquement, selon sa règle d’acceptation automatique,',
    );
    await alice.request('DELETE', '/api/network/members/acme/auto-accept/bakery');
    await bob.request('DELETE', '/api/network/members/bakery/auto-accept/acme');

    // Rejected, cancelled, expired.
    const rejectedByAlice = await ask(bob, 'bakery', { payer: 'acme', amount: '4' });
    const rejectedByBob = await ask(alice, 'acme', { payer: 'bakery', amount: '5' });
    await resolve(alice, 'acme', rejectedByAlice.id, 'reject');
    await resolve(bob, 'bakery', rejectedByBob.id, 'reject');
    expect((await mail('bob@bakery.test', /^Acme Hosting rejected a payment request for 4\.00 credits$/)).text).toContain(
      'Their reason: Not ordered',
    );
    expect((await mail('alice@acme.test', /^Bob Bakery a rejeté une demande de paiement de 5,00 credits$/)).text).toContain(
      'Leur motif : Not ordered',
    );
    const cancelledByBob = await ask(bob, 'bakery', { payer: 'acme', amount: '6' });
    const cancelledByAlice = await ask(alice, 'acme', { payer: 'bakery', amount: '7' });
    await resolve(bob, 'bakery', cancelledByBob.id, 'cancel');
    await resolve(alice, 'acme', cancelledByAlice.id, 'cancel');
    await mail('alice@acme.test', /^Bob Bakery a annulé une demande de paiement de 6,00 credits$/);
    await mail('bob@bakery.test', /^Acme Hosting cancelled a payment request for 7\.00 credits$/);
    await ask(bob, 'bakery', { payer: 'acme', amount: '8', expiresInDays: 1 });
    await ask(alice, 'acme', { payer: 'bakery', amount: '9', expiresInDays: 1 });
    fixture.clock.advance(dayMs);
    expect(await fixture.network.requests.notifyExpired()).toBe(2);
    expect((await mail('bob@bakery.test', /^Your payment request to Acme Hosting expired unpaid$/)).text).toContain('8.00 credits');
    expect((await mail('alice@acme.test', /^Votre demande de paiement à Bob Bakery a expiré sans être payée$/)).text).toContain(
      '« Design work » de 9,00 credits avant son expiration',
    );
  });
});
