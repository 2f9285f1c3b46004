/**
 * Money payments over HTTP on both engines: the treasurer records payments by hand (in part, never
 * more than is due, in the invoice's currency), imports camt.053 and CSV statements whose lines
 * pay the invoices they quote — once, however often the file comes — and assigns or sets aside
 * the lines no invoice matched. Only operators may; bad files are refused whole.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { administratorEmail } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { printedReference } from './creditor-reference.js';
import { type BillingTestApp, camt053, startBillingTestApp } from './testing.js';

describe.each(bothEngines)('money payments (%s)', (engine) => {
  let fixture: BillingTestApp;
  let alice: TestBrowser;
  let treasurer: TestBrowser;
  const references: Record<string, string> = {};

  beforeEach(async () => {
    fixture = await startBillingTestApp(engine);
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    treasurer = await signedUpPerson(fixture, administratorEmail, 'Tess Treasurer');
    for (const [slug, planId] of [
      ['green', 'level-1'],
      ['blue', 'level-2'],
      ['red', 'level-1'],
    ] as const) {
      expect((await alice.request('POST', '/api/orgs', { name: `${slug} org`, slug })).statusCode).toBe(201);
      expect((await alice.request('PUT', `/api/orgs/${slug}/subscription`, { planId })).statusCode).toBe(200);
      const [invoice] = (await alice.request('GET', `/api/orgs/${slug}/invoices`)).json().invoices;
      references[slug] = (await alice.request('GET', `/api/orgs/${slug}/invoices/${invoice.number}`)).json().reference;
    }
  });
  afterEach(async () => {
    await fixture.close();
  });

  const invoiceOf = async (slug: string) => (await alice.request('GET', `/api/orgs/${slug}/invoices`)).json().invoices[0];
  const pay = (number: string, body: object, browser = treasurer) =>
    browser.request('POST', `/api/operator/invoices/${number}/payments`, body);
  const upload = (content: string, contentType: string, browser = treasurer) =>
    browser.request('POST', '/api/operator/bank-statements?name=statement', content, { 'content-type': contentType });

  it('records payments by hand, in part, never more than is due, in the invoice’s currency, by treasurers only', async () => {
    // green: 2026-000001 (€10), blue: 2026-000002 (€20), red: 2026-000003 (€10).
    expect((await pay('2026-000001', { amountMinor: '400', currency: 'EUR', note: 'Cash at the AGM' })).json()).toEqual({
      paid: false,
      dueMoneyMinor: '600',
    });
    const tooMuch = await pay('2026-000001', { amountMinor: '700', currency: 'EUR', note: '' });
    expect(tooMuch.json().error).toEqual({
      code: 'payment_exceeds_due',
      message: 'Only €6.00 is still due on invoice 2026-000001: record at most that.',
    });
    expect((await pay('2026-000001', { amountMinor: '600', currency: 'USD', note: '' })).json().error.code).toBe('currency_mismatch');
    expect((await pay('2026-000009', { amountMinor: '600', currency: 'EUR', note: '' })).json().error.code).toBe('invoice_not_found');
    const notTreasurer = await pay('2026-000001', { amountMinor: '600', currency: 'EUR', note: '' }, alice);
    expect(notTreasurer.statusCode).toBe(403);
    expect(notTreasurer.json().error.code).toBe('operator_only');
    for (const bad of [{ amountMinor: '0' }, { amountMinor: '-1' }, { amountMinor: '6.00' }, { currency: 'euro' }, { extra: true }]) {
      expect((await pay('2026-000001', { amountMinor: '600', currency: 'EUR', note: '', ...bad })).statusCode, JSON.stringify(bad)).toBe(
        400,
      );
    }
    expect(await invoiceOf('green')).toMatchObject({ status: 'open', dueMoneyMinor: '600' });
    expect((await pay('2026-000001', { amountMinor: '600', currency: 'EUR', note: 'Transfer' })).json()).toEqual({
      paid: true,
      dueMoneyMinor: '0',
    });
    expect(await invoiceOf('green')).toMatchObject({ status: 'paid', dueMoneyMinor: '0' });
    expect((await pay('2026-000001', { amountMinor: '1', currency: 'EUR', note: '' })).json().error.code).toBe('invoice_already_paid');
    const open = (await treasurer.request('GET', '/api/operator/invoices')).json().invoices;
    expect(open.map((invoice: { number: string }) => invoice.number)).toEqual(['2026-000002', '2026-000003']);
    expect(open[0]).toMatchObject({ organisationName: 'blue org', overdue: false, dueMoneyMinor: '2000' });
  });

  it('imports a camt.053 statement: lines quoting a reference pay it, once; the others wait for a person', async () => {
    const statement = camt053([
      { id: 'A-1', amount: '10.00', remittance: `Invoice ${printedReference(references.green ?? '').toLowerCase()} thanks` },
      { id: 'A-2', amount: '20.00', remittance: '', structured: references.blue ?? '' },
      { id: 'A-3', amount: '15.00', remittance: 'Subscription red org March' },
      { id: 'A-4', amount: '99.00', debit: true, remittance: 'Server rent' },
      { id: 'A-5', amount: '10.00', currency: 'GBP', remittance: `${references.red}` },
    ]);
    const imported = await upload(statement, 'application/xml');
    expect(imported.json()).toEqual({ lines: 5, matched: 2, alreadyImported: 0, unmatched: 2, debitsSkipped: 1 });
    expect(await invoiceOf('green')).toMatchObject({ status: 'paid' });
    expect(await invoiceOf('blue')).toMatchObject({ status: 'paid' });
    expect((await alice.request('GET', '/api/orgs/green/invoices/2026-000001')).json().payments).toMatchObject([
      { kind: 'money', amountMinor: '1000', method: 'bank_statement' },
    ]);
    // The same file again books nothing.
    expect((await upload(statement, 'application/xml')).json()).toEqual({
      lines: 5,
      matched: 0,
      alreadyImported: 4,
      unmatched: 0,
      debitsSkipped: 1,
    });

    const lines = (await treasurer.request('GET', '/api/operator/bank-lines')).json().lines;
    expect(lines.map((line: { amountMinor: string; currency: string }) => [line.amountMinor, line.currency])).toEqual([
      ['1500', 'EUR'],
      ['1000', 'GBP'],
    ]);
    const [euros, pounds] = lines;
    expect(
      (
        await treasurer.request('POST', '/api/operator/bank-lines/assign', { bankLineId: pounds.bankLineId, invoiceNumber: '2026-000003' })
      ).json().error.code,
    ).toBe('currency_mismatch');
    // The member paid €15 for a €10 invoice: the money is booked; the invoice is paid.
    expect(
      (
        await treasurer.request('POST', '/api/operator/bank-lines/assign', { bankLineId: euros.bankLineId, invoiceNumber: '2026-000003' })
      ).json(),
    ).toEqual({ paid: true, dueMoneyMinor: '0' });
    expect(
      (
        await treasurer.request('POST', '/api/operator/bank-lines/assign', { bankLineId: euros.bankLineId, invoiceNumber: '2026-000003' })
      ).json().error.code,
    ).toBe('bank_line_not_found');
    expect((await treasurer.request('POST', '/api/operator/bank-lines/ignore', { bankLineId: pounds.bankLineId })).statusCode).toBe(204);
    expect((await treasurer.request('GET', '/api/operator/bank-lines')).json().lines).toEqual([]);
    expect((await upload(statement, 'application/xml')).json()).toMatchObject({ matched: 0, unmatched: 0 });
  });

  it('imports a bank’s CSV export the same way', async () => {
    const csv = `Booking date;Amount;Currency;Description;Counterparty\n05.03.2026;10,00;EUR;Payment ${references.red};Red Org\n06.03.2026;-42,00;EUR;Hosting;Servers Ltd\n`;
    expect((await upload(csv, 'text/csv')).json()).toEqual({ lines: 2, matched: 1, alreadyImported: 0, unmatched: 0, debitsSkipped: 1 });
    expect(await invoiceOf('red')).toMatchObject({ status: 'paid' });
    expect((await upload(csv, 'text/csv')).json()).toMatchObject({ matched: 0, alreadyImported: 1 });
  });

  it('refuses malformed, empty, hostile and huge statements whole, and strangers', async () => {
    const malformed = await upload('<Document><BkToCstmrStmt>', 'application/xml');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('statement_malformed');
    expect((await upload('<?xml version="1.0"?><Other/>', 'text/xml')).json().error.code).toBe('statement_not_camt053');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Document>&lol2;</Document>`;
    expect((await upload(bomb, 'application/xml')).json().error.code).toBe('statement_doctype_refused');
    expect((await upload('', 'text/csv')).json().error.code).toBe('statement_malformed');
    const wrongAmount = camt053([{ id: 'B-1', amount: '-10.00', remittance: `${references.green}` }]);
    expect((await upload(wrongAmount, 'application/xml')).json().error.code).toBe('statement_amount_invalid');
    const huge = await upload('x'.repeat(6 * 1024 * 1024), 'text/csv');
    expect(huge.statusCode).toBe(413);
    expect((await upload(camt053([]), 'application/xml', alice)).statusCode).toBe(403);
    const signedOut = await fixture.app.inject({
      method: 'POST',
      url: '/api/operator/bank-statements',
      payload: 'a',
      headers: { 'content-type': 'text/csv' },
    });
    expect(signedOut.statusCode).toBe(401);
    // Nothing was booked by any of it.
    expect(await invoiceOf('green')).toMatchObject({ status: 'open', dueMoneyMinor: '1000' });
  });
});
