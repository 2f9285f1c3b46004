/**
 * Governance as only a browser shows it: a ranked-choice ballot ordered with the keyboard through
 * its move buttons (focus following the moved option) and cast; a secret ballot cast, shown again
 * after a reload from the token this browser keeps, and changed with that token; and axe-core
 * (WCAG 2.2 A/AA, light theme, 1280 px) over the co-op's pages — the co-op, the register, the
 * proposals, an open and a closed proposal, the finances — the treasury and an organisation's
 * billing and invoice, finding no serious or critical violation. Members, proposals and Bob's
 * votes are set up through the API from signed-in pages.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import type { ProposalView, VoteResponse } from '../src/shared/governance-api.js';
import { admittedOrganisation, launchChromium, apiOk as ok, type RunningPlenary, signedInPage, startPlenary } from './harness.js';

let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };
let mail: SmtpSink;
const operator = { name: 'Olu Operator', email: 'olu@coop.example' };
const alice = { name: 'Alice Baker', email: 'alice@green.example' };
const bob = { name: 'Bob Cyclist', email: 'bob@bikes.example' };
const password = 'a long and good passphrase';
const options = ['Hosting in Brussels', 'Hosting in Ghent', 'Hosting in Liège'];
const firstInvoice = `${new Date().getUTCFullYear()}-000001`;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Made in `beforeAll`: signed-in pages, members and proposals.
let olu: Page;
let alicePage: Page;
let bobPage: Page;
let green: string;
let bikes: string;
let ranked: ProposalView;
let secret: ProposalView;
let closing: ProposalView;

/** The operator puts a proposal to every member, open from now until `closesInMs` from now. */
function propose(title: string, kind: 'yes_no' | 'ranked_choice', closesInMs: number, extra: object = {}): Promise<ProposalView> {
  const now = Date.now();
  return ok<ProposalView>(olu, 'POST', '/api/governance/proposals', {
    title,
    body: `Shall we decide on **${title.toLowerCase()}**?`,
    kind,
    options: kind === 'ranked_choice' ? options : [],
    opensAtMs: now,
    closesAtMs: now + closesInMs,
    quorumBasisPoints: 0,
    threshold: 'simple_majority',
    ...extra,
  });
}

function vote(page: Page, proposal: ProposalView, memberId: string, ballot: unknown): Promise<VoteResponse> {
  return ok<VoteResponse>(page, 'PUT', `/api/governance/proposals/${proposal.id}/vote`, { memberId, ballot });
}

beforeAll(async () => {
  mail = await startSmtpSink();
  plenary = await startPlenary({
    SMTP_URL: mail.url,
    OPERATOR_EMAILS: operator.email,
    COOP_ORGANISATION: 'coop',
    COOP_IBAN: 'BE71096123456769',
  });
  chromium = await launchChromium();
  const signIn = (person: { name: string; email: string }) => signedInPage(chromium.browser, plenary.url, mail, person, password);
  [olu, alicePage, bobPage] = await Promise.all([signIn(operator), signIn(alice), signIn(bob)]);
  green = await admittedOrganisation(alicePage, olu as Page, 'Green Bakery', 'green');
  bikes = await admittedOrganisation(bobPage, olu as Page, 'Canal Street Cycles', 'bikes');
  // Green subscribes (its first invoice is issued at once): its people are members for the finances too.
  await ok(alicePage, 'PUT', '/api/orgs/green/subscription', { planId: 'level-1' });
  // The treasurer books a cost, so that the finances have a chart and a table to check.
  const today = new Date().toISOString().slice(0, 10);
  const cost = { bookedOn: today, direction: 'expense', category: 'Hosting', description: '', moneyMinor: '1500', creditMinor: '0' };
  await ok(olu, 'POST', '/api/operator/finance-entries', cost);
  ranked = await propose('Where to host the servers', 'ranked_choice', 7 * 86_400_000);
  secret = await propose('Raise the share value', 'yes_no', 7 * 86_400_000, { secret: true });
  // One closes in a few seconds: by the accessibility test it is closed, and sealed when read.
  closing = await propose('Meet every month', 'yes_no', 4_000);
  await vote(alicePage, closing, green, 'yes');
  await vote(bobPage, closing, bikes, 'yes');
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
});

/** The aria-label of the element that has focus in `page`. */
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

describe('governance in the browser', () => {
  it('ranks the options with the keyboard, focus following the moved option, and casts the ranked vote', async () => {
    await alicePage.goto(`${plenary.url}/coop/proposals/${ranked.id}`);
    await alicePage.getByRole('heading', { level: 1, name: 'Where to host the servers' }).waitFor();
    const ballot = alicePage.getByRole('group', { name: 'Your vote for Green Bakery' });
    // Liège, last, moves up twice with Enter; focus stays on it: on Move up, then (at the top) on Move down.
    await ballot.getByRole('button', { name: 'Move Hosting in Liège up' }).focus();
    await alicePage.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(alicePage)).toBe('Move Hosting in Liège up');
    await alicePage.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(alicePage)).toBe('Move Hosting in Liège down');
    expect(await ballot.getByRole('button', { name: 'Move Hosting in Liège up' }).isDisabled()).toBe(true);
    expect(await ballot.locator('[aria-live="polite"]').textContent()).toBe('Hosting in Liège is number 1.');
    expect(await ballot.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Hosting in Liège'),
      expect.stringContaining('Hosting in Brussels'),
      expect.stringContaining('Hosting in Ghent'),
    ]);
    await alicePage.getByRole('button', { name: 'Cast the vote' }).click();
    await alicePage.getByText('Your vote: 1. Hosting in Liège, 2. Hosting in Brussels, 3. Hosting in Ghent.').waitFor();
    await alicePage.getByRole('button', { name: 'Change the vote' }).waitFor();

    const seen = await ok<ProposalView>(alicePage, 'GET', `/api/governance/proposals/${ranked.id}`);
    expect(seen.myBallots).toEqual([{ memberId: green, memberName: 'Green Bakery', voted: true, ballot: [2, 0, 1] }]);
    expect((await vote(bobPage, ranked, bikes, [1, 2])).votesCast).toBe(2);
  });

  it('keeps a secret ballot’s token in this browser: the vote shows after a reload and changes with the token', async () => {
    const votes: unknown[] = [];
    alicePage.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().endsWith(`/api/governance/proposals/${secret.id}/vote`))
        votes.push(request.postDataJSON());
    });
    await alicePage.goto(`${plenary.url}/coop/proposals/${secret.id}`);
    await alicePage.getByRole('heading', { level: 1, name: 'Raise the share value' }).waitFor();
    await alicePage.getByRole('radio', { name: 'Yes' }).check();
    await alicePage.getByRole('button', { name: 'Cast the vote' }).click();
    await alicePage.getByText('Your vote: Yes.').waitFor();

    await alicePage.reload();
    await alicePage.getByText('Your vote: Yes.').waitFor();
    expect(await alicePage.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    await alicePage.getByRole('radio', { name: 'No' }).check();
    await alicePage.getByRole('button', { name: 'Change the vote' }).click();
    await alicePage.getByText('Your vote: No.').waitFor();

    // The browser drew its token before the first vote and sent the same one with the change.
    expect(votes).toEqual([
      { memberId: green, ballot: 'yes', ballotToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
      { memberId: green, ballot: 'no', ballotToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    ]);
    const [firstVote, change] = votes as { ballotToken: string }[];
    expect(change?.ballotToken).toBe(firstVote?.ballotToken);
    const seen = await ok<ProposalView>(alicePage, 'GET', `/api/governance/proposals/${secret.id}`);
    expect(seen.myBallots).toEqual([{ memberId: green, memberName: 'Green Bakery', voted: true, ballot: null }]);
    expect(seen.votesCast).toBe(1);
    expect((await vote(bobPage, secret, bikes, 'yes')).votesCast).toBe(2);
  });

  it('finds no serious or critical violation (axe, WCAG 2.2 AA, light, 1280 px) on the governance, finances, treasury and billing pages', async () => {
    const found: Record<string, string[]> = {};
    const check = async (page: Page, name: string, address: string, ready: (page: Page) => Promise<unknown>) => {
      await page.goto(`${plenary.url}${address}`);
      await ready(page);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      found[name] = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}`));
    };
    const heading = (name: string) => (page: Page) => page.getByRole('heading', { level: 1, name }).waitFor();
    for (const page of [alicePage, olu]) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await check(alicePage, 'coop', '/coop', (page) => page.getByText('Green Bakery').first().waitFor());
    await check(alicePage, 'register', '/coop/register', (page) => page.getByRole('rowheader', { name: 'Canal Street Cycles' }).waitFor());
    await check(alicePage, 'proposals', '/coop/proposals', (page) =>
      page.getByRole('link', { name: 'Where to host the servers' }).waitFor(),
    );
    await check(alicePage, 'ranked proposal', `/coop/proposals/${ranked.id}`, (page) =>
      page.getByRole('button', { name: 'Change the vote' }).waitFor(),
    );
    // The short vote closed while the tests above ran; reading it seals its outcome.
    await expect.poll(() => Date.now() > closing.closesAtMs).toBe(true);
    await check(alicePage, 'closed proposal', `/coop/proposals/${closing.id}`, (page) => page.getByText('Passed').first().waitFor());
    expect(await alicePage.getByRole('heading', { level: 2, name: 'Result' }).count()).toBe(1);
    await check(alicePage, 'finances', '/coop/finances', async (page) => {
      await heading('The co-op’s finances')(page);
      await expect.poll(() => page.getByTestId('finances-chart').getAttribute('aria-busy')).toBe('false');
    });
    await check(alicePage, 'billing', '/orgs/green/billing', (page) =>
      page.getByRole('link', { name: firstInvoice, exact: true }).waitFor(),
    );
    await check(alicePage, 'invoice', `/orgs/green/invoices/${firstInvoice}`, (page) =>
      page.getByRole('link', { name: 'Download PDF' }).waitFor(),
    );
    await check(olu, 'treasury', '/operator/treasury', (page) => page.getByRole('row', { name: new RegExp(firstInvoice) }).waitFor());
    for (const [name, lines] of Object.entries(found)) {
      console.log(`${name}: ${lines.length} serious or critical`);
      for (const line of lines) console.log(`  ${line}`);
    }
    expect(Object.values(found).flat()).toEqual([]);
  });
});
