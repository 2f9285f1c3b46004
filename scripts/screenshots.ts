/**
 * Takes the README's screenshots from real pages: starts Plenary (as `npm start` runs it, with
 * its own Janus and a fresh data directory) and Debian's Chromium with a fake camera and
 * microphone, signs people up through the real mail, holds a meeting of three, admits three
 * businesses to the network and has them pay each other, then saves 1280 × 800 pictures in the
 * light theme (and one of the meeting at 390 × 844) to `docs/screenshots/<name>.png`.
 *
 * Run inside a private network namespace (media never uses loopback):
 * `npm run screenshots`, that is `sh e2e/netns.sh node --import tsx scripts/screenshots.ts`.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { linkIn, type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import { type RunningPlenary, startPlenary } from '../src/server/testing-process.js';

/** What this script uses of the end-to-end harness (`e2e/harness.ts`). */
interface Harness {
  launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }>;
}

/**
 * The harness is typed with the DOM library (e2e/tsconfig.json), which this folder's project
 * (the server's) leaves out: a specifier in a variable keeps tsc from checking it here.
 */
const harnessModule = '../e2e/harness.js';
const { launchChromium } = (await import(harnessModule)) as Harness;

const projectRoot = path.resolve(import.meta.dirname, '..');

/** Where the pictures go: `docs/screenshots`. */
const outputFolder = path.join(projectRoot, 'docs/screenshots');
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const password = 'a long and good passphrase';

interface Business {
  name: string;
  email: string;
  business: string;
  slug: string;
  description: string;
  location: string;
  offer: { title: string; category: string; description: string };
}

const ada: Business = {
  name: 'Ada Okafor',
  email: 'ada@coop.example',
  business: 'Riverside Print Co-op',
  slug: 'riverside-print',
  description: 'Posters, leaflets and reports, printed on recycled paper by a workers’ co-operative.',
  location: 'Bristol',
  offer: { title: 'Leaflets and posters', category: 'design-and-marketing', description: 'Short runs, recycled paper, delivered by bike.' },
};
const grace: Business = {
  name: 'Grace Mensah',
  email: 'grace@hosting.example',
  business: 'Green Hosting',
  slug: 'green-hosting',
  description: 'Servers and hosting, run by a co-op on renewable power.',
  location: 'Leeds',
  offer: { title: 'Virtual servers', category: 'hosting-and-it', description: 'Two cores, four gigabytes, in a co-operative data centre.' },
};
const ben: Business = {
  name: 'Ben Carter',
  email: 'ben@bakery.example',
  business: 'Brick Lane Bakery',
  slug: 'brick-lane-bakery',
  description: 'Sourdough, pastries and catering for meetings.',
  location: 'London',
  offer: { title: 'Catering for meetings', category: 'food-and-drink', description: 'Bread, soup and pastries for up to forty people.' },
};

let chromium: { browser: Browser; close(): Promise<void> } | undefined;
let plenary: RunningPlenary | undefined;
let mail: SmtpSink | undefined;

/** A fresh page in the light theme (the system setting and the page's own choice), `size` wide. */
async function lightPage(size = desktop): Promise<Page> {
  if (!chromium) throw new Error('Chromium is not running');
  const context = await chromium.browser.newContext({ viewport: size, colorScheme: 'light', deviceScaleFactor: 1 });
  await context.addInitScript({ content: "localStorage.setItem('plenary.theme', 'light');" });
  return context.newPage();
}

function baseUrl(): string {
  if (!plenary) throw new Error('Plenary is not running');
  return plenary.url;
}

/** Waits for the network, the fonts and two frames, moves the pointer away, and saves the picture. */
async function save(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  const file = path.join(outputFolder, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  console.log(`${path.relative(projectRoot, file)}: ${Math.round(statSync(file).size / 1024)} kB`);
}

/** Scrolls the page so that `locator` starts `marginPx` below the window's top (for a part below the fold). */
async function scrollToShow(page: Page, locator: Locator, marginPx = 24): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not shown`);
  await page.evaluate(`window.scrollTo(0, ${Math.max(0, Math.round(box.y - marginPx))})`);
}

/** What `videosPlaying` reads of a video element. */
interface PlayingVideo {
  readyState: number;
  videoWidth: number;
  paused: boolean;
  currentTime: number;
}

/** Waits until `count` videos on the page play real frames. */
async function videosPlaying(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      // This project has no DOM types; the little it reads is typed here.
      const { document } = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<PlayingVideo> } };
      const videos = Array.from(document.querySelectorAll('video:not([hidden])'));
      return (
        videos.filter((video) => video.readyState >= 2 && video.videoWidth > 0 && !video.paused && video.currentTime > 0.5).length >=
        expected
      );
    },
    count,
    { timeout: 30_000 },
  );
}

async function joinAs(page: Page, roomUrl: string, name: string): Promise<void> {
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.locator('.tiles [data-local="true"]').waitFor();
}

/** Home, pre-join, a meeting of three at desktop width and the same meeting on a phone. */
async function meetingScreens(): Promise<void> {
  const home = await lightPage();
  await home.goto(baseUrl());
  await home.getByRole('button', { name: 'New meeting' }).waitFor();
  await save(home, 'home');

  await home.getByRole('button', { name: 'New meeting' }).click();
  await home.waitForURL(/\/r\/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  const roomUrl = home.url();
  await home.getByLabel('Your name').fill('Amara');
  await home.getByLabel('Your name').blur();
  await videosPlaying(home, 1);
  await save(home, 'pre-join');
  await home.getByRole('button', { name: 'Join meeting' }).click();
  await home.locator('.tiles [data-local="true"]').waitFor();

  const others: Page[] = [];
  for (const name of ['Jonas', 'Priya']) {
    const page = await lightPage();
    await joinAs(page, roomUrl, name);
    others.push(page);
  }
  await home.locator('.tiles .tile').nth(2).waitFor();
  await videosPlaying(home, 3);
  await save(home, 'meeting');

  const last = others[1];
  if (!last) throw new Error('no third participant');
  await last.setViewportSize(phone);
  await videosPlaying(last, 3);
  await save(last, 'meeting-phone');
  for (const page of [home, ...others]) await page.context().close();
}

/** Signs a new person up, confirms the email from the mail they get, and logs in. */
async function signedIn(person: Business): Promise<Page> {
  if (!mail) throw new Error('the mail sink is not running');
  const page = await lightPage();
  await page.goto(`${baseUrl()}/signup`);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  const verification = await mail.waitFor(person.email, /Confirm your email/, 60_000);
  await page.goto(linkIn(verification.text, '/verify'));
  await page.getByText('Your email address is confirmed').waitFor();
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText(`Signed in as ${person.name}`).waitFor({ state: 'attached' });
  return page;
}

async function applyToJoin(page: Page, person: Business): Promise<void> {
  await page.goto(`${baseUrl()}/network`);
  await page.getByRole('radio', { name: 'A new business' }).check();
  await page.getByLabel('Business name').fill(person.business);
  await page.getByLabel('Short name').fill(person.slug);
  await page.getByLabel('Description').fill(person.description);
  await page.getByLabel('Location').fill(person.location);
  await page.getByRole('button', { name: 'Apply to join' }).click();
  await page
    .getByText(/waiting for|pending|under review/i)
    .first()
    .waitFor();
}

async function addOffer(page: Page, person: Business): Promise<void> {
  await page.goto(`${baseUrl()}/network/members/${person.slug}`);
  const form = page.getByRole('form', { name: 'Add listing' });
  await form.getByLabel('Offer or want').selectOption('offer');
  await form.getByLabel('Title').fill(person.offer.title);
  await form.getByLabel('Category').selectOption(person.offer.category);
  await form.getByLabel('Description').fill(person.offer.description);
  await form.getByRole('button', { name: 'Add listing', exact: true }).click();
  await page.getByRole('heading', { name: person.offer.title }).waitFor();
}

async function pay(page: Page, payee: Business, amount: string, description: string, reference = ''): Promise<void> {
  await page.goto(`${baseUrl()}/network/members/${payee.slug}`);
  const form = page.getByRole('form', { name: `Pay ${payee.business}` });
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Description').fill(description);
  if (reference) await form.getByLabel('Reference').fill(reference);
  await form.getByRole('button', { name: 'Pay', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(amount.replace('.', '\\.')) })
    .first()
    .waitFor();
}

/** Three businesses admitted, each with an offer; payments between them; the directory and a statement. */
async function networkScreens(): Promise<void> {
  const [adaPage, gracePage, benPage] = await Promise.all([signedIn(ada), signedIn(grace), signedIn(ben)]);
  if (!adaPage || !gracePage || !benPage) throw new Error('a sign-up failed');
  for (const [page, person] of [
    [adaPage, ada],
    [gracePage, grace],
    [benPage, ben],
  ] as const) {
    await applyToJoin(page, person);
  }
  await adaPage.goto(`${baseUrl()}/network/admin`);
  for (const person of [ada, grace, ben]) {
    const card = adaPage.getByRole('listitem').filter({ hasText: person.business });
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await card.getByRole('button', { name: 'Suspend', exact: true }).waitFor();
  }
  await addOffer(adaPage, ada);
  await addOffer(gracePage, grace);
  await addOffer(benPage, ben);

  await pay(benPage, grace, '120.00', 'Servers for November', 'INV-1107');
  await pay(adaPage, ben, '45.50', 'Lunch for the general assembly');
  await pay(gracePage, ben, '18.00', 'Pastries for the team meeting');
  await pay(benPage, ada, '64.00', 'Menus and price cards', 'RP-0342');

  await benPage.goto(`${baseUrl()}/network/directory`);
  await benPage.getByRole('link', { name: grace.business }).first().waitFor();
  // The three members, rather than the search form.
  await scrollToShow(benPage, benPage.getByText(/Members found/));
  await save(benPage, 'network-directory');

  await benPage.goto(`${baseUrl()}/network/members/${ben.slug}/account`);
  await benPage.getByRole('heading', { name: `Account of ${ben.business}`, level: 1 }).waitFor();
  await benPage.getByRole('row').filter({ hasText: 'Menus and price cards' }).waitFor();
  // The statement's payments, below the balance and the forms to pay and to request.
  await scrollToShow(benPage, benPage.locator('#statement-title'));
  await save(benPage, 'statement');
}

async function main(): Promise<void> {
  mkdirSync(outputFolder, { recursive: true });
  mail = await startSmtpSink();
  plenary = await startPlenary({ SMTP_URL: mail.url, MAIL_FROM: 'Plenary <meet@coop.example>', OPERATOR_EMAILS: ada.email });
  chromium = await launchChromium();
  await meetingScreens();
  await networkScreens();
}

try {
  await main();
} catch (failure) {
  console.error(failure);
  if (plenary) console.error(plenary.output().slice(-4_000));
  process.exitCode = 1;
} finally {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
}
