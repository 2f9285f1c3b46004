/**
 * Plans in real browsers: anyone reads the plans; a join over the room's plan is refused with
 * words naming the plan and a way to the plans, which the owner's dashboard showed beforehand; the
 * organisation's owner changes its plan on its page, and the refused person then gets in.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import { api, launchChromium, newParticipantContext, type RunningPlenary, signedInPage, startPlenary } from './harness.js';

let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };
let mail: SmtpSink;
const owner = { name: 'Ada Owner', email: 'ada@bakery.example' };
const operator = { name: 'Olu Operator', email: 'olu@coop.example' };
const password = 'a long and good passphrase';

beforeAll(async () => {
  mail = await startSmtpSink();
  plenary = await startPlenary({ SMTP_URL: mail.url, OPERATOR_EMAILS: operator.email });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
});

async function joinAs(page: Page, roomUrl: string, name: string): Promise<void> {
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
}

describe('plans', () => {
  it('shows the plans, refuses a join over the plan naming it, and lets the owner upgrade', async () => {
    const visitor = await (await newParticipantContext(chromium.browser)).newPage();
    await visitor.goto(`${plenary.url}/pricing`);
    await visitor.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    const level3 = visitor.locator('.plan', { has: visitor.getByRole('heading', { name: 'Level 3' }) });
    await expect.poll(() => level3.textContent()).toContain('€45.00 per month · or 45 credits');
    expect(await level3.textContent()).toContain('50 people per meeting');

    // The operators make Free a plan of two people at once (no organisation pays for Free).
    const olu = await signedInPage(chromium.browser, plenary.url, mail, operator, password);
    const free = {
      name: 'Free',
      participantsMax: 2,
      meetingsMax: 1,
      meetingMinutesMax: 60,
      storageMb: 0,
      period: 'month',
      taxRateBasisPoints: 0,
      quoted: false,
      moneyPriceMinor: '0',
      creditPriceMinor: '0',
    };
    expect((await api(olu, 'PUT', '/api/operator/plans/free', free)).status).toBe(200);

    const ada = await signedInPage(chromium.browser, plenary.url, mail, owner, password);
    expect((await api(ada, 'POST', '/api/orgs', { name: 'Brick Lane Bakery', slug: 'bakery' })).status).toBe(201);
    const room = (await api(ada, 'POST', '/api/orgs/bakery/rooms', { name: 'Kitchen', slug: 'kitchen' })).body as { roomId: string };
    const roomUrl = `${plenary.url}/r/${room.roomId}`;

    const guests = await Promise.all([1, 2, 3].map(async () => (await newParticipantContext(chromium.browser)).newPage()));
    const [first, second, third] = guests as [Page, Page, Page];
    for (const [page, name] of [
      [first, 'First'],
      [second, 'Second'],
    ] as const) {
      await joinAs(page, roomUrl, name);
      await page.locator('.tiles [data-local="true"]').waitFor();
    }
    await joinAs(third, roomUrl, 'Third');
    await third.getByText('This meeting has reached its plan’s limit: the Free plan allows 2 people at once.').waitFor();
    const seePlans = third.getByRole('link', { name: 'See the plans, and what each allows' });
    expect(await seePlans.getAttribute('href')).toBe('/pricing');

    // Her dashboard said so before anyone met it.
    await ada.goto(`${plenary.url}/dashboard`);
    const limits = ada.getByRole('region', { name: 'Your meetings’ limits' });
    await limits.getByText('Brick Lane Bakery').waitFor();
    expect(await limits.textContent()).toContain('2 people per meeting');

    // The owner moves the organisation to Level 1 on its page.
    await ada.goto(`${plenary.url}/orgs/bakery`);
    const panel = ada.getByRole('region', { name: 'Plan' });
    await panel.getByText('On the Free plan.').waitFor();
    await panel.getByLabel('Plan', { exact: true }).selectOption('level-1');
    await panel.getByRole('button', { name: 'Change plan' }).click();
    await ada.getByText('Plan changed.').first().waitFor();
    await panel.getByText('On the Level 1 plan.').waitFor();
    expect(await panel.textContent()).toContain('10 people per meeting');

    // Now there is room: the refused person gets in.
    await third.getByRole('button', { name: 'Rejoin' }).click();
    await third.getByRole('button', { name: 'Join meeting' }).click();
    await third.locator('.tiles [data-local="true"]').waitFor();
    await expect.poll(() => first.locator('.tiles .tile').count(), { timeout: 15_000 }).toBe(3);
  });
});
