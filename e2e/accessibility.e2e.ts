/**
 * Accessibility in a real browser: axe-core checks the main pages and states — home (and its
 * menu on a phone), about, log in, sign up, forgot password, the network (signed out), the page
 * for an unknown address, a room's pre-join screen and a meeting of one — at 1280 px and 390 px
 * wide, in the dark and the light theme (the system's setting, and the theme chosen on the page;
 * every rule in the dark, the colour rules in the light, the only ones a theme changes),
 * and finds no critical or serious violation of WCAG 2.2 A/AA; likewise, signed in, your rooms
 * with the Account menu open, your data and the question asked before deleting the account; and,
 * as an operator, an organisation's page, the operator console and the network's pages (home,
 * administration, directory, a member's profile and its statement).
 * One server, one browser, one page per part, signed in once per part: the width and the theme
 * change in place.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import { artifactsFolder, launchChromium, newParticipantContext, type RunningPlenary, startPlenary } from './harness.js';

/** Who is signed in for the signed-in parts: one of the co-op's operators (the console, the network's administration). */
const operator = { name: 'Ada Lovelace', email: 'ada@example.coop', password: 'analytical engine 1843' };

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

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
  fixture.plenary = await startPlenary({
    SMTP_URL: fixture.mail.url,
    MAIL_FROM: 'Plenary <meet@example.coop>',
    OPERATOR_EMAILS: operator.email,
  });
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
/** How long a part may take: up to about 30 checks (seven pages, two widths, two themes), side by side with the others. */
const partTimeoutMs = 480_000;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The rules whose outcome a theme can change: a theme changes colours only (ui/design.css), so a
 * page checked with every rule in one theme needs only these in the other.
 */
const colourRules = ['color-contrast', 'link-in-text-block'];

/** Serious and critical violations of one page in one width and theme (of every WCAG 2.2 A/AA rule, or of `rules`), as readable lines. */
async function seriousViolations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (rules ? builder.withRules(rules) : builder.withTags(wcagTags)).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    );
}

/**
 * Checks `page` as it stands in every width (or those given) and system theme — every rule in the
 * first theme, the colour rules in the second — then puts it back at 1280 px; returns the
 * violations by state.
 */
async function checkEveryWay(page: Page, name: string, widthsChecked: readonly number[] = widthsPx): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const widthPx of widthsChecked) {
    await page.setViewportSize({ width: widthPx, height: widthPx > 600 ? 800 : 844 });
    for (const theme of themes) {
      await page.emulateMedia({ colorScheme: theme });
      const state = `${name} ${widthPx}px ${theme}`;
      found[state] = await seriousViolations(page, theme === themes[0] ? undefined : colourRules);
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

/** Signs the operator up (the email confirmed from its mail) and logs in, once for the whole file; the session is shared by the parts. */
async function signUpOnce(): Promise<StorageState> {
  const page = await fixture.newPage();
  await page.goto(`${fixture.plenary.url}/signup`);
  await page.getByLabel('Your name').fill(operator.name);
  await page.getByLabel('Email address').fill(operator.email);
  await page.getByLabel('Password').fill(operator.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  // A busy machine may take a while to check the password and send the mail.
  const verification = await fixture.mail.waitFor(operator.email, /Confirm your email/, 30_000);
  await page.goto(linkIn(verification.text, '/verify'));
  await page.getByText('Your email address is confirmed').waitFor();
  await page.goto(`${fixture.plenary.url}/login`);
  await page.getByLabel('Email address').fill(operator.email);
  await page.getByLabel('Password').fill(operator.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your rooms', level: 1 }).waitFor();
  const state = await page.context().storageState();
  await page.context().close();
  return state;
}
let signedInState: Promise<StorageState> | undefined;

/** A page of its own, signed in as the operator (signed up on first use), on your rooms. */
async function signedInPage(): Promise<Page> {
  signedInState ??= signUpOnce();
  const context = await fixture.chromium.browser.newContext({ viewport: { width: 1280, height: 720 }, storageState: await signedInState });
  const page = await context.newPage();
  await page.goto(`${fixture.plenary.url}/dashboard`);
  await page.getByRole('heading', { name: 'Your rooms', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  return page;
}

// On a busy machine (other tests beside these) a part that checks seven pages can pass the usual test time.
describe.concurrent('accessibility (axe-core, WCAG 2.2 AA)', { timeout: partTimeoutMs }, () => {
  it('finds no critical or serious violation on the signed-out pages, in both widths and both themes', async () => {
    const page = await fixture.newPage();
    const found: Record<string, string[]> = {};
    const pages = {
      home: '/',
      about: '/about',
      pricing: '/pricing',
      login: '/login',
      signup: '/signup',
      'forgot-password': '/forgot-password',
      network: '/network',
      'not-found': '/no/such/page',
    };
    for (const [name, address] of Object.entries(pages)) {
      await page.goto(`${fixture.plenary.url}${address}`);
      await page.waitForLoadState('networkidle');
      await page.locator('main').first().waitFor();
      Object.assign(found, await checkEveryWay(page, name));
    }
    // On a phone the navigation folds into the Menu button; open, it is checked too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Sign up' }).waitFor();
    Object.assign(found, await checkEveryWay(page, 'menu', [390]));
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

  it('finds no critical or serious violation on the signed-in pages (your rooms with the Account menu open, your data, the question before deleting the account), in both widths and both themes', async () => {
    const page = await signedInPage();
    const found = await checkEveryWay(page, 'dashboard');
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('link', { name: 'Your data' }).waitFor();
    Object.assign(found, await checkEveryWay(page, 'account-menu'));
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

  it('finds no critical or serious violation on an organisation, the operator console and the signed-in network pages, in both widths and both themes', async () => {
    const page = await signedInPage();
    const found: Record<string, string[]> = {};
    await page.getByLabel('Organisation name').fill('Compiler Co-op');
    await page.getByLabel('Short name for links').fill('compilers');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('link', { name: 'Compiler Co-op' }).click();
    await page.getByRole('table').getByText(operator.email).waitFor();
    Object.assign(found, await checkEveryWay(page, 'organisation'));

    await page.goto(`${fixture.plenary.url}/operator`);
    await page.getByRole('cell', { name: operator.email }).waitFor();
    Object.assign(found, await checkEveryWay(page, 'operator'));

    // Ada's business applies to the network; she, its administrator, approves it.
    await page.goto(`${fixture.plenary.url}/network`);
    await page.getByRole('radio', { name: 'A new business' }).check();
    await page.getByLabel('Business name').fill('Bletchley Bakery');
    await page.getByLabel('Short name').fill('bletchley-bakery');
    await page.getByLabel('Description').fill('Bread for codebreakers.');
    await page.getByLabel('Location').fill('Bletchley');
    await page.getByRole('button', { name: 'Apply to join' }).click();
    await page
      .getByText(/waiting for|pending|under review/i)
      .first()
      .waitFor();
    Object.assign(found, await checkEveryWay(page, 'network-home'));
    await page.goto(`${fixture.plenary.url}/network/admin`);
    const application = page.getByRole('listitem').filter({ hasText: 'Bletchley Bakery' });
    await application.getByRole('button', { name: 'Approve', exact: true }).click();
    await application.getByRole('button', { name: 'Suspend', exact: true }).waitFor();
    Object.assign(found, await checkEveryWay(page, 'network-admin'));

    const networkPages = {
      'network-directory': ['/network/directory', 'Directory'],
      'network-member': ['/network/members/bletchley-bakery', 'Bletchley Bakery'],
      'network-statement': ['/network/members/bletchley-bakery/account', 'Account of Bletchley Bakery'],
    } as const;
    for (const [name, [address, heading]] of Object.entries(networkPages)) {
      await page.goto(`${fixture.plenary.url}${address}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      Object.assign(found, await checkEveryWay(page, name));
    }
    report(found);
    expect(Object.values(found).flat()).toEqual([]);
    await page.context().close();
  });

  it('finds no critical or serious violation on a room’s settings page, the pre-join screen and in a meeting of one, in both widths and both themes', async () => {
    const page = await fixture.newPage();
    const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
    const { roomId, moderatorCode } = (await created.json()) as { roomId: string; moderatorCode: string };
    await page.goto(`${fixture.plenary.url}/r/${roomId}/settings`);
    await page.getByLabel('Moderator code').fill(moderatorCode);
    await page.getByRole('button', { name: 'Open settings' }).click();
    await page.getByLabel('End-to-end encrypt meetings').waitFor();
    const settingsFound = await checkEveryWay(page, 'room-settings');
    await page.goto(`${fixture.plenary.url}/r/${roomId}`);
    await page.getByRole('button', { name: 'Join meeting' }).waitFor();
    await page.getByLabel('Your name').fill('Ada');
    const found = { ...settingsFound, ...(await checkEveryWay(page, 'prejoin')) };
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.locator('.tiles [data-local="true"]').waitFor();
    Object.assign(found, await checkEveryWay(page, 'meeting'));
    report(found);
    expect(Object.values(found).flat()).toEqual([]);
    await page.context().close();
  });
});
