/**
 * Accessibility in a real browser: axe-core checks the main pages and states — home, log in,
 * sign up, forgot password, the network (signed out), a room's pre-join screen and a meeting of
 * one — at 1280 px and 390 px wide, in the dark and the light theme (the system's setting, and
 * the theme chosen on the page), and finds no critical or serious violation of WCAG 2.2 A/AA;
 * likewise, signed in, your rooms, your data and the question asked before deleting the account.
 * One server, one browser, one page per part: the width and the theme change in place.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import { artifactsFolder, launchChromium, newParticipantContext, type RunningPlenary, startPlenary } from './harness.js';

const fixture = {
  plenary: undefined as unknown as RunningPlenary,
  chromium: undefined as unknown as { browser: Browser; close(): Promise<void> },
  mail: undefined as unknown as SmtpSink,
  async newPage(): Promise<Page> {
    return (await newParticipantContext(fixture.chromium.browser)).newPage();
  },
};

beforeAll(async () => {
  fixture.mail = await startSmtpSink();
  fixture.plenary = await startPlenary({ SMTP_URL: fixture.mail.url, MAIL_FROM: 'Plenary <meet@example.coop>' });
  fixture.chromium = await launchChromium();
});

afterAll(async () => {
  await fixture.chromium?.close();
  await fixture.plenary?.stop();
  await fixture.mail?.close();
});
const screenshots = path.join(artifactsFolder, 'accessibility');

const widthsPx = [1280, 390] as const;
const themes = ['dark', 'light'] as const;
/** With `A11Y_SCREENSHOTS=1`, every state checked is also saved as a picture in .artifacts/e2e/accessibility. */
const takeScreenshots = process.env.A11Y_SCREENSHOTS === '1';
if (takeScreenshots) mkdirSync(screenshots, { recursive: true });
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Serious and critical violations of one page in one width and theme, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    );
}

/** Checks `page` as it stands in every width and system theme, then puts it back at 1280 px; returns the violations by state. */
async function checkEveryWay(page: Page, name: string): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const widthPx of widthsPx) {
    await page.setViewportSize({ width: widthPx, height: widthPx > 600 ? 800 : 844 });
    for (const theme of themes) {
      await page.emulateMedia({ colorScheme: theme });
      const state = `${name} ${widthPx}px ${theme}`;
      found[state] = await seriousViolations(page);
      if (takeScreenshots) await page.screenshot({ path: path.join(screenshots, `${name}-${widthPx}-${theme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: null });
  return found;
}

function report(found: Record<string, string[]>): void {
  for (const [state, lines] of Object.entries(found)) {
    console.log(`${state}: ${lines.length} serious or critical`);
    for (const line of lines) console.log(`  ${line}`);
  }
}

describe.concurrent('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('finds no critical or serious violation on the signed-out pages, in both widths and both themes', async () => {
    const page = await fixture.newPage();
    const found: Record<string, string[]> = {};
    const pages = { home: '/', login: '/login', signup: '/signup', 'forgot-password': '/forgot-password', network: '/network' };
    for (const [name, address] of Object.entries(pages)) {
      await page.goto(`${fixture.plenary.url}${address}`);
      await page.waitForLoadState('networkidle');
      await page.locator('main').first().waitFor();
      Object.assign(found, await checkEveryWay(page, name));
    }
    report(found);
    expect(Object.values(found).flat()).toEqual([]);
    await page.context().close();
  });

  it('shows the theme chosen on the page over the system setting, remembers it, and the light theme passes there too', async () => {
    const page = await fixture.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(fixture.plenary.url);
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const darkBackground = await background();
    await page.locator('footer').getByLabel('Theme').selectOption('light');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(await background()).not.toBe(darkBackground);
    await page.reload();
    await page.locator('footer').getByLabel('Theme').waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('footer').getByLabel('Theme').selectOption('system');
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    expect(await background()).toBe(darkBackground);
    await page.context().close();
  });

  it('finds no critical or serious violation on the signed-in pages (your rooms, your data, the question before deleting the account), in both widths and both themes', async () => {
    const page = await fixture.newPage();
    await page.goto(`${fixture.plenary.url}/signup`);
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Email address').fill('ada@example.coop');
    await page.getByLabel('Password').fill('analytical engine 1843');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const verification = await fixture.mail.waitFor('ada@example.coop', /Confirm your email/);
    await page.goto(linkIn(verification.text, '/verify'));
    await page.getByText('Your email address is confirmed').waitFor();
    await page.goto(`${fixture.plenary.url}/login`);
    await page.getByLabel('Email address').fill('ada@example.coop');
    await page.getByLabel('Password').fill('analytical engine 1843');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Your rooms', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const found = await checkEveryWay(page, 'dashboard');
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('link', { name: 'Your data' }).click();
    await page.getByRole('button', { name: 'Delete my account' }).waitFor();
    Object.assign(found, await checkEveryWay(page, 'account'));
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('alertdialog', { name: 'Delete your account for good? This cannot be undone.' }).waitFor();
    Object.assign(found, await checkEveryWay(page, 'account-delete-question'));
    await page.getByRole('button', { name: 'Keep my account' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    report(found);
    expect(Object.values(found).flat()).toEqual([]);
    await page.context().close();
  });

  it('finds no critical or serious violation on the pre-join screen and in a meeting of one, in both widths and both themes', async () => {
    const page = await fixture.newPage();
    const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
    const { roomId } = (await created.json()) as { roomId: string };
    await page.goto(`${fixture.plenary.url}/r/${roomId}`);
    await page.getByRole('button', { name: 'Join meeting' }).waitFor();
    await page.getByLabel('Your name').fill('Ada');
    const found = await checkEveryWay(page, 'prejoin');
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.locator('.tiles [data-local="true"]').waitFor();
    Object.assign(found, await checkEveryWay(page, 'meeting'));
    report(found);
    expect(Object.values(found).flat()).toEqual([]);
    await page.context().close();
  });
});
