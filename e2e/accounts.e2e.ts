/**
 * The people side in a real browser: sign up, read the verification mail from a real SMTP sink,
 * verify, log in (by keyboard), create an organisation and a room, see it on the dashboard, and
 * open it by its readable link `/r/<org>/<room>`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import { launchChromium, newParticipantContext, projectRoot, type RunningPlenary, startPlenary } from './harness.js';

const artifacts = path.join(projectRoot, '.artifacts/e2e');

let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };
let mail: SmtpSink;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  mail = await startSmtpSink();
  plenary = await startPlenary({ SMTP_URL: mail.url, MAIL_FROM: 'Plenary <meet@example.coop>', OPERATOR_EMAILS: 'ada@example.coop' });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
});

describe('accounts in the browser', () => {
  it('shows a visitor who is not signed in every public page without a console error', async () => {
    const context = await newParticipantContext(chromium.browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    for (const address of ['/', '/login', '/signup', '/forgot-password', '/network', '/dashboard']) {
      await page.goto(`${plenary.url}${address}`);
      await page.waitForLoadState('networkidle');
      expect(((await page.locator('body').textContent()) ?? '').trim(), address).not.toBe('');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs up, verifies by email, logs in, creates an organisation and a room, schedules a meeting with an iCalendar invitation and changes it, opens it by its readable link, and reads the operator console', async () => {
    const context = await newParticipantContext(chromium.browser);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(plenary.url);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Email address').fill('ada@example.coop');
    await page.getByLabel('Password').fill('analytical engine 1843');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('We sent a message to ada@example.coop').waitFor();

    const verification = await mail.waitFor('ada@example.coop', /Confirm your email/);
    await page.goto(linkIn(verification.text, '/verify'));
    await page.getByText('Your email address is confirmed').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();

    // Keyboard only: type into the fields and submit with Enter.
    await page.getByLabel('Email address').focus();
    await page.keyboard.type('ada@example.coop');
    await page.keyboard.press('Tab');
    await page.keyboard.type('analytical engine 1843');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your rooms', level: 1 }).waitFor();
    // The Account menu says who is signed in, and closes on Escape.
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByText('Signed in as Ada Lovelace').waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Signed in as Ada Lovelace').waitFor({ state: 'hidden' });

    await page.getByLabel('Organisation name').fill('Analytical Co-op');
    await page.getByLabel('Short name for links').fill('analytical');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('link', { name: 'Analytical Co-op' }).waitFor();

    await page.getByLabel('Room name').fill('Weekly circle');
    await page.getByLabel('Short name for the link').fill('weekly');
    await page.getByLabel('Owned by').selectOption({ label: 'Analytical Co-op' });
    await page.getByRole('button', { name: 'Create room' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Weekly circle/ }) });
    await card.waitFor();
    await expect.poll(() => card.getByText('/r/analytical/weekly').count()).toBe(1);
    const guestLink = (await card.locator('code').first().textContent()) ?? '';
    expect(guestLink).toMatch(/\/r\/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await card.getByRole('button', { name: 'Schedule a meeting' }).click();
    await card.getByLabel('Title').fill('Planning');
    // Forty days ahead (so the meeting is always upcoming), in a zone without summer time: 10:00
    // in Kolkata is 04:30 UTC whatever the date.
    const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const calendarDay = day.replaceAll('-', '');
    await card.getByLabel('Starts at').fill(`${day}T10:00`);
    await card.getByLabel('Time zone').fill('Asia/Kolkata');
    await card.getByLabel('Invite by email').fill('babbage@example.coop');
    await card.getByRole('button', { name: 'Schedule and send invitations' }).click();
    await card.getByText('Planning').waitFor();
    const invitation = await mail.waitFor('babbage@example.coop', /^Invitation: Planning/);
    expect(invitation.calendarMethod).toBe('REQUEST');
    expect(invitation.calendar).toContain(`DTSTART:${calendarDay}T043000Z`);

    await card.getByRole('button', { name: 'Change' }).click();
    const starts = card.getByLabel('Starts at').last();
    expect(await starts.inputValue()).toBe(`${day}T10:00`);
    await starts.fill(`${day}T11:30`);
    await card.getByRole('button', { name: 'Save and send the update' }).click();
    const update = await mail.waitFor('babbage@example.coop', /^Updated: Planning/);
    expect(update.calendar).toContain('SEQUENCE:1');
    expect(update.calendar).toContain(`DTSTART:${calendarDay}T060000Z`);

    await page.screenshot({ path: path.join(artifacts, 'accounts-dashboard.png'), fullPage: true });

    await page.goto(`${plenary.url}/r/analytical/weekly`);
    await page.waitForURL(`**${new URL(guestLink).pathname}`);
    await page.getByRole('button', { name: 'Join meeting' }).waitFor();

    // Ada is one of the co-op's operators: the console lists accounts and audits every view.
    await page.goto(`${plenary.url}/dashboard`);
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('link', { name: 'Operator console' }).click();
    await page.getByRole('cell', { name: 'ada@example.coop' }).waitFor();
    await page.getByRole('button', { name: 'Outbox' }).click();
    await page.getByRole('cell', { name: /Invitation: Planning/ }).waitFor();
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'read_outbox' }).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'accounts-operator.png'), fullPage: true });

    const origin = new URL(plenary.url).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    await context.close();
  });
});
