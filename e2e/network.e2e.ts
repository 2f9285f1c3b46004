/**
 * The trading network in real browsers: two businesses apply, an administrator approves them,
 * one lists an offer, the other finds it in the directory and pays it (a double click pays
 * once), the first sends a payment request that the second accepts; both statements show the
 * right balances, mail arrives, and the ledger's verifier finds every invariant intact.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import { artifactsFolder, launchChromium, projectRoot, type RunningPlenary, signedInPage, startPlenary } from './harness.js';

let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };
let mail: SmtpSink;

const administrator = { name: 'Ada Admin', email: 'ada@coop.example' };
const host = { name: 'Grace Host', email: 'grace@hosting.example', business: 'Green Hosting', slug: 'green-hosting' };
const baker = { name: 'Ben Baker', email: 'ben@bakery.example', business: 'Brick Lane Bakery', slug: 'brick-lane-bakery' };
const password = 'a long and good passphrase';

beforeAll(async () => {
  mkdirSync(artifactsFolder, { recursive: true });
  mail = await startSmtpSink();
  plenary = await startPlenary({ SMTP_URL: mail.url, MAIL_FROM: 'Plenary <meet@coop.example>', OPERATOR_EMAILS: administrator.email });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
});

/** Signs a new person up, confirms the email from the mail they get, and logs in, in a fresh browser context. */
function signedIn(person: { name: string; email: string }): Promise<Page> {
  return signedInPage(chromium.browser, plenary.url, mail, person, password);
}

/** Applies for a new business from the network's home page. */
async function applyForNewBusiness(page: Page, business: { business: string; slug: string }, description: string): Promise<void> {
  await page.goto(`${plenary.url}/network`);
  await page.getByRole('radio', { name: 'A new business' }).check();
  await page.getByLabel('Business name').fill(business.business);
  await page.getByLabel('Short name').fill(business.slug);
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('Location').fill('London');
  await page.getByRole('button', { name: 'Apply to join' }).click();
  await page
    .getByText(/waiting for|pending|under review/i)
    .first()
    .waitFor();
}

/** The text of a statement figure (balance or available credit). */
async function figure(page: Page, testId: 'balance' | 'available'): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(artifactsFolder, `network-${name}.png`), fullPage: true });
}

describe('the trading network in the browser', () => {
  it('admits two businesses, finds an offer, pays it once, settles a payment request, and keeps the ledger whole', async () => {
    const grace = await signedIn(host);
    const ben = await signedIn(baker);
    const ada = await signedIn(administrator);

    await applyForNewBusiness(grace, host, 'Servers and hosting, run by a co-op.');
    await applyForNewBusiness(ben, baker, 'Sourdough and pastries.');
    await mail.waitFor(administrator.email, new RegExp(`${host.business} applied to join`));

    // Neither can trade yet: the directory is for members only.
    await ben.goto(`${plenary.url}/network/directory`);
    await ben.getByText(/Only people acting for an approved trading member/).waitFor();

    // The administrator approves both.
    await ada.goto(`${plenary.url}/network/admin`);
    for (const business of [host, baker]) {
      const card = ada.getByRole('listitem').filter({ hasText: business.business });
      await card.getByRole('button', { name: 'Approve', exact: true }).click();
      // Approved, it moves from the applications to the members, who can be suspended.
      await card.getByRole('button', { name: 'Suspend', exact: true }).waitFor();
      expect(await card.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    }
    await screenshot(ada, 'admin');
    await mail.waitFor(baker.email, new RegExp(`${baker.business} is now a member`));

    // Grace lists an offer on her member's profile.
    await grace.goto(`${plenary.url}/network/members/${host.slug}`);
    const listingForm = grace.getByRole('form', { name: 'Add listing' });
    await listingForm.getByLabel('Offer or want').selectOption('offer');
    await listingForm.getByLabel('Title').fill('Virtual servers');
    await listingForm.getByLabel('Category').selectOption('hosting-and-it');
    await listingForm.getByLabel('Description').fill('Two cores, four gigabytes, in a co-operative data centre.');
    await listingForm.getByRole('button', { name: 'Add listing', exact: true }).click();
    await grace.getByRole('heading', { name: 'Virtual servers' }).waitFor();

    // Ben finds it in the directory and opens Grace's profile.
    await ben.goto(`${plenary.url}/network/directory`);
    await ben.getByLabel('Search the directory').fill('servers');
    await ben.getByRole('button', { name: 'Search', exact: true }).click();
    await ben.getByText('Virtual servers').waitFor();
    await screenshot(ben, 'directory');
    await ben.getByRole('link', { name: host.business }).first().click();
    await ben.waitForURL(`**/network/members/${host.slug}`);
    // Back to the directory: the search is still there (it lives in the address).
    await ben.goBack();
    await ben.getByText('Virtual servers').waitFor();
    expect(await ben.getByLabel('Search the directory').inputValue()).toBe('servers');
    await ben.goForward();
    await ben.getByRole('heading', { name: host.business, level: 1 }).waitFor();

    // Bad input first: too many decimals, then beyond the credit limit (with what is available).
    const payForm = ben.getByRole('form', { name: `Pay ${host.business}` });
    await payForm.getByLabel('Amount').fill('1.234');
    await payForm.getByLabel('Description').fill('Too precise');
    await payForm.getByRole('button', { name: 'Pay', exact: true }).click();
    await payForm.getByText(/decimal/i).waitFor();
    // By keyboard: Enter on the button; the focus stays on it while the server answers, and after.
    await payForm.getByLabel('Amount').fill('700');
    await payForm.getByRole('button', { name: 'Pay', exact: true }).focus();
    await ben.keyboard.press('Enter');
    await payForm.getByText(/500\.00 credits/).waitFor();
    expect(await ben.evaluate(() => document.activeElement?.textContent)).toBe('Pay');

    // A double click pays once.
    await payForm.getByLabel('Amount').fill('120');
    await payForm.getByLabel('Description').fill('Servers for November');
    await payForm.getByLabel('Reference').fill('INV-11');
    await payForm.getByRole('button', { name: 'Pay', exact: true }).dblclick();
    await ben
      .getByRole('status')
      .filter({ hasText: /120\.00/ })
      .first()
      .waitFor();
    await screenshot(ben, 'paid');
    await mail.waitFor(host.email, new RegExp(`${baker.business} paid you 120\\.00 credits`));

    // Grace asks Ben for 30 more from her statement page.
    await grace.goto(`${plenary.url}/network/members/${host.slug}/account`);
    const requestForm = grace.getByRole('form', { name: 'Request a payment' });
    await requestForm.getByLabel('Request from').selectOption({ label: baker.business });
    await requestForm.getByLabel('Amount').fill('30');
    await requestForm.getByLabel('Description').fill('Backups for November');
    // A due date in the past, then an expiry of zero days, are refused in the browser.
    await requestForm.getByLabel('Due date').fill('2020-01-15');
    await requestForm.getByRole('button', { name: 'Request payment', exact: true }).click();
    await requestForm.getByText('Due date: must be today or later').waitFor();
    const inThreeWeeks = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await requestForm.getByLabel('Due date').fill(inThreeWeeks);
    await requestForm.getByLabel('Expires after (days)').fill('0');
    await requestForm.getByRole('button', { name: 'Request payment', exact: true }).click();
    await requestForm.getByText('Expires after (days): must be a whole number of days from 1 to 365').waitFor();
    await requestForm.getByLabel('Expires after (days)').fill('14');
    await requestForm.getByRole('button', { name: 'Request payment', exact: true }).click();
    await grace.getByText('Backups for November').first().waitFor();
    const requestMail = await mail.waitFor(baker.email, new RegExp(`${host.business} asks you to pay 30\\.00 credits`));

    // Ben follows the link in the mail and accepts it.
    await ben.goto(linkIn(requestMail.text, `/network/members/${baker.slug}/account`));
    const incoming = ben.getByRole('listitem').filter({ hasText: 'Backups for November' });
    await incoming.getByRole('button', { name: 'Accept', exact: true }).click();
    await incoming.getByText(/accepted/i).waitFor();
    await mail.waitFor(host.email, new RegExp(`${baker.business} paid your request for 30\\.00 credits`));

    // Both statements: 150 moved from Ben to Grace, once each.
    await ben.reload();
    await expect.poll(() => figure(ben, 'balance')).toMatch(/^[-−]150\.00 credits$/);
    expect(await figure(ben, 'available')).toMatch(/^350\.00 credits$/);
    expect(await ben.getByRole('row').filter({ hasText: 'Servers for November' }).count()).toBe(1);
    await screenshot(ben, 'statement-payer');
    await grace.reload();
    await expect.poll(() => figure(grace, 'balance')).toMatch(/^150\.00 credits$/);
    expect(await figure(grace, 'available')).toMatch(/^650\.00 credits$/);
    await screenshot(grace, 'statement-payee');

    // Ben's network home lists his membership with its balance.
    await ben.goto(`${plenary.url}/network`);
    const membership = ben.getByRole('listitem').filter({ hasText: baker.business });
    await membership.getByText(/[-−]150\.00 credits/).waitFor();
    await screenshot(ben, 'home');

    // The administrator's overview counts the turnover of this month.
    await ada.goto(`${plenary.url}/network/admin`);
    await ada
      .getByRole('cell', { name: /150\.00/ })
      .first()
      .waitFor();

    // Administrators read any member's statement, from its profile.
    await ada.goto(`${plenary.url}/network/members/${host.slug}`);
    await ada.getByRole('link', { name: `Account of ${host.business}` }).click();
    await expect.poll(() => figure(ada, 'balance')).toMatch(/^150\.00 credits$/);

    // The ledger's own verifier replays the journal against the tables of the running server.
    const verification = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/ledger.ts', 'verify'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, DATA_DIR: plenary.dataDirectory },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(verification.status, verification.stderr).toBe(0);
    expect(JSON.parse(verification.stdout)).toMatchObject({ ok: true, transfersChecked: 2 });
  });
});
