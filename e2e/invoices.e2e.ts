/**
 * Billing as only a browser shows it: an invoice page and the PDF its link downloads (read back by
 * PDF.js), the co-op's finances chart drawn on a canvas with uPlot loaded on that page alone and a
 * CSV download that agrees with the API, and a bank statement imported through the treasurer's
 * file input. Screenshots at 1280 px go to /tmp/billing-e2e-shots/ for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import type { FinancesView } from '../src/shared/finances-api.js';
import type { InvoiceView } from '../src/shared/invoices-api.js';
import { api, launchChromium, type RunningPlenary, signedInPage, startPlenary } from './harness.js';

let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };
let mail: SmtpSink;
const operator = { name: 'Olu Treasurer', email: 'olu@coop.example' };
const owner = { name: 'Ada Owner', email: 'ada@bakery.example' };
const stranger = { name: 'Eve Stranger', email: 'eve@nowhere.example' };
const password = 'a long and good passphrase';
const shotsFolder = '/tmp/billing-e2e-shots';
const year = new Date().getUTCFullYear();
const firstInvoice = `${year}-000001`;
const secondInvoice = `${year}-000002`;
const iban = 'BE71096123456769';

// Signed-in pages shared by the tests, made in `beforeAll`.
let olu: Page;
let ada: Page;

beforeAll(async () => {
  mkdirSync(shotsFolder, { recursive: true });
  mail = await startSmtpSink();
  plenary = await startPlenary({
    SMTP_URL: mail.url,
    OPERATOR_EMAILS: operator.email,
    COOP_ORGANISATION: 'coop',
    COOP_IBAN: iban,
    COOP_BIC: 'GKCCBEBB',
    COOP_NAME: 'Plenary Test Co-op',
  });
  chromium = await launchChromium();
  olu = await signedInPage(chromium.browser, plenary.url, mail, operator, password);
  ada = await signedInPage(chromium.browser, plenary.url, mail, owner, password);
  // The co-op is a business of the network, applied for and approved by its operator.
  const profile = { description: '', location: '', website: '', contact: '', showBalance: true };
  const application = await api(olu, 'POST', '/api/network/applications', {
    business: { name: 'Plenary Test Co-op', slug: 'coop' },
    profile,
  });
  expect(application.status, JSON.stringify(application.body)).toBeLessThan(300);
  const approval = await api(olu, 'POST', '/api/network/admin/members/coop/approve', {});
  expect(approval.status, JSON.stringify(approval.body)).toBeLessThan(300);
  await subscribe(ada, 'Brick Lane Bakery', 'bakery');
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
});

/** The owner makes an organisation and subscribes it to Level 2, which issues its first invoice at once. */
async function subscribe(page: Page, name: string, slug: string): Promise<void> {
  expect((await api(page, 'POST', '/api/orgs', { name, slug })).status).toBe(201);
  const subscription = await api(page, 'PUT', `/api/orgs/${slug}/subscription`, { planId: 'level-2' });
  expect(subscription.status, JSON.stringify(subscription.body)).toBe(200);
}

async function invoice(page: Page, slug: string, number: string): Promise<InvoiceView> {
  const response = await api(page, 'GET', `/api/orgs/${slug}/invoices/${number}`);
  expect(response.status).toBe(200);
  return response.body as InvoiceView;
}

const groupsOfFour = (text: string) => text.replace(/(.{4})(?!$)/g, '$1 ');

/** Every page's text of a PDF, as PDF.js reads it, whitespace folded. */
async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return texts.join('\n').replace(/\s+/g, ' ');
}

/** Amounts in minor units written as the CSV writes them: major units with `scale` decimals. */
function major(minor: string, scale: number): string {
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * Each chart canvas as drawn: its width, whether it differs from a blank canvas of its size, and
 * how many of its pixels have the income and the expense swatches' colours (the bars).
 */
function chartCanvases(page: Page): Promise<{ widthPx: number; drawn: boolean; incomePixels: number; expensePixels: number }[]> {
  return page.getByTestId('finances-chart').evaluate((figure) => {
    const rgb = (selector: string) =>
      (getComputedStyle(figure.querySelector(selector) as Element).backgroundColor.match(/[0-9]+/g) ?? []).map(Number);
    const [income, expense] = [rgb('.finances-swatch.income'), rgb('.finances-swatch.expense')];
    return [...figure.querySelectorAll('canvas')].map((canvas) => {
      const blank = document.createElement('canvas');
      blank.width = canvas.width;
      blank.height = canvas.height;
      const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
      let incomePixels = 0;
      let expensePixels = 0;
      for (let index = 0; index < pixels.length; index += 4) {
        const pixel = [pixels[index], pixels[index + 1], pixels[index + 2]];
        if (pixel.every((value, channel) => value === income[channel])) incomePixels += 1;
        if (pixel.every((value, channel) => value === expense[channel])) expensePixels += 1;
      }
      return { widthPx: canvas.width, drawn: canvas.toDataURL() !== blank.toDataURL(), incomePixels, expensePixels };
    });
  });
}

describe('billing in the browser', () => {
  it('shows the invoice in the list and on its page, and its "Download PDF" link gives a PDF with the same words', async () => {
    await ada.goto(`${plenary.url}/orgs/bakery/billing`);
    await ada.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    const invoices = ada.getByRole('region', { name: 'Invoices' });
    await invoices.getByRole('link', { name: firstInvoice, exact: true }).click();
    await ada.waitForURL(`${plenary.url}/orgs/bakery/invoices/${firstInvoice}`);

    const view = await invoice(ada, 'bakery', firstInvoice);
    expect(view.reference).toMatch(/^RF[0-9]{2}/);
    const main = ada.getByRole('main');
    await main.getByText(groupsOfFour(view.reference)).first().waitFor();
    const text = (await main.textContent()) ?? '';
    for (const expected of [firstInvoice, '€20.00', 'BE71 0961 2345 6769', groupsOfFour(view.reference), 'Brick Lane Bakery']) {
      expect(text).toContain(expected);
    }
    await ada.screenshot({ path: path.join(shotsFolder, 'invoice.png'), fullPage: true });

    const [download] = await Promise.all([ada.waitForEvent('download'), ada.getByRole('link', { name: 'Download PDF' }).click()]);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await pdfText(pdf);
    for (const expected of [firstInvoice, 'Brick Lane Bakery', '€20.00', groupsOfFour(view.reference)]) {
      expect(read).toContain(expected);
    }
  });

  it('draws the finances chart with uPlot loaded on that page alone, and its CSV agrees with the API', async () => {
    // The treasurer records the bakery's payment by hand and a hosting cost.
    const payment = await api(olu, 'POST', `/api/operator/invoices/${firstInvoice}/payments`, {
      amountMinor: '2000',
      currency: 'EUR',
      note: '',
    });
    expect(payment.status, JSON.stringify(payment.body)).toBeLessThan(300);
    const today = new Date().toISOString().slice(0, 10);
    const cost = { bookedOn: today, direction: 'expense', category: 'Hosting', description: '', moneyMinor: '1500', creditMinor: '0' };
    const entry = await api(olu, 'POST', '/api/operator/finance-entries', cost);
    expect(entry.status, JSON.stringify(entry.body)).toBeLessThan(300);

    const chartRequests: string[] = [];
    ada.on('request', (request) => {
      if (request.url().includes('finances-chart')) chartRequests.push(request.url());
    });
    for (const where of ['/', '/dashboard']) {
      await ada.goto(`${plenary.url}${where}`);
      await ada.waitForLoadState('networkidle');
    }
    expect(chartRequests).toEqual([]);

    await ada.goto(`${plenary.url}/coop/finances`);
    await ada.getByRole('heading', { level: 1, name: 'The co-op’s finances' }).waitFor();
    const chart = ada.getByTestId('finances-chart');
    await chart.locator('canvas').first().waitFor();
    await expect.poll(() => chart.getAttribute('aria-busy')).toBe('false');
    expect(chartRequests.length).toBeGreaterThan(0);
    // Two canvases, money then credits, both drawn; only the money chart has bars (the bars' colours).
    const [moneyCanvas, creditCanvas, ...others] = await chartCanvases(ada);
    expect(others).toEqual([]);
    for (const canvas of [moneyCanvas, creditCanvas]) {
      expect(canvas?.widthPx).toBeGreaterThan(0);
      expect(canvas?.drawn).toBe(true);
    }
    expect(moneyCanvas?.incomePixels).toBeGreaterThan(100);
    expect(moneyCanvas?.expensePixels).toBeGreaterThan(100);
    expect(creditCanvas?.incomePixels).toBe(0);
    expect(creditCanvas?.expensePixels).toBe(0);
    const table = ada.getByRole('table', { name: 'Income and expenses by month and category, in money and in credits' });
    expect(await table.getByRole('row', { name: /^Subscriptions/ }).textContent()).toContain('€20.00');
    expect(await table.getByRole('row', { name: /^Hosting/ }).textContent()).toContain('€15.00');
    await ada.screenshot({ path: path.join(shotsFolder, 'finances.png'), fullPage: true });

    const [download] = await Promise.all([ada.waitForEvent('download'), ada.getByRole('link', { name: 'Download CSV' }).click()]);
    const rows = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n')
      .map((row) => row.split(','));
    const view = (await api(ada, 'GET', '/api/coop/finances')).body as FinancesView;
    expect(rows).toEqual([
      ['month', 'direction', 'category', `money_${view.currency}`, 'credits'],
      ...view.lines.map((line) => [
        line.month,
        line.direction,
        line.category,
        major(line.moneyMinor, 2),
        major(line.creditMinor, view.credit.scale),
      ]),
    ]);
    const month = today.slice(0, 7);
    expect(rows).toContainEqual([month, 'income', 'subscriptions', '20.00', major('0', view.credit.scale)]);
    expect(rows).toContainEqual([month, 'expense', 'Hosting', '15.00', major('0', view.credit.scale)]);

    // Someone of no subscribing organisation is told the finances are for members.
    const eve = await signedInPage(chromium.browser, plenary.url, mail, stranger, password);
    await eve.goto(`${plenary.url}/coop/finances`);
    await eve
      .getByText('The co-op’s finances are open to its members: people of the organisations that subscribe, and its operators.')
      .waitFor();
    expect(await eve.getByTestId('finances-chart').count()).toBe(0);
  });

  it('lets the treasurer import a camt.053 statement through the file input, which pays the invoice it names', async () => {
    await subscribe(ada, 'Canal Street Cycles', 'cycles');
    const open = await invoice(ada, 'cycles', secondInvoice);
    expect(open.status).toBe('open');

    await olu.goto(`${plenary.url}/operator/treasury`);
    await olu.getByRole('heading', { level: 1, name: 'Treasury' }).waitFor();
    await olu.getByRole('row', { name: new RegExp(secondInvoice) }).waitFor();
    await olu.screenshot({ path: path.join(shotsFolder, 'treasury-before-import.png'), fullPage: true });
    const statement = camt053(open.reference, major(open.grossMinor, 2));
    await olu
      .getByLabel('Import a bank statement (CSV or camt.053 XML)')
      .setInputFiles({ name: 'statement.xml', mimeType: 'application/xml', buffer: Buffer.from(statement) });
    await olu.getByRole('button', { name: 'Import the statement' }).click();
    const outcome = olu.getByRole('region', { name: 'Bank statements' }).getByRole('status');
    await expect.poll(() => outcome.textContent(), { timeout: 10_000 }).toContain('1 matched to an invoice');
    expect(await outcome.textContent()).toContain('1 line read');
    await olu.screenshot({ path: path.join(shotsFolder, 'treasury.png'), fullPage: true });

    expect((await invoice(ada, 'cycles', secondInvoice)).status).toBe('paid');
    await ada.goto(`${plenary.url}/orgs/cycles/billing`);
    const row = ada.getByRole('row', { name: new RegExp(secondInvoice) });
    await expect.poll(() => row.textContent()).toContain('Paid');
  });
});

/** A camt.053 statement of one credit to the co-op's account, naming `reference` (as `camt053()` in billing/testing.ts). */
function camt053(reference: string, amount: string): string {
  const today = new Date().toISOString().slice(0, 10);
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-E2E-1</MsgId><CreDtTm>${today}T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-E2E-${today}</Id>
      <Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Ntry>
        <Amt Ccy="EUR">${amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${today}</Dt></BookgDt>
        <AcctSvcrRef>E2E-LINE-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <RltdPties><Dbtr><Nm>Canal Street Cycles</Nm></Dbtr></RltdPties>
          <RmtInf><Strd><CdtrRefInf><Ref>${reference}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}
