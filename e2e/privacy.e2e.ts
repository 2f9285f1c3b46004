/**
 * No third-party requests (issue 18), checked in a real browser. Chromium tours every page of the
 * web client — the public pages, sign-up with its email confirmation, log in, the password reset
 * and invitation pages, your rooms, your data, an organisation with its billing, an invoice and a
 * readable room link, a room's settings, the operator console and the treasury, the co-op (its
 * register, proposals and a proposal, assemblies and an assembly with its minutes, suspensions,
 * finances), the network (home, administration, directory, a member and its statement), a
 * BigBlueButton join link, and a live meeting of two with camera and microphone in which the
 * operator opens and seals an assembly. Every request, WebSocket and ICE server any page asks for
 * must go to the Plenary server itself (data: and blob: URLs need no network); every HTML response
 * must carry a strict Content-Security-Policy and no inline script; and the built client in
 * dist/web, which the server serves, must name no other origin where a browser would fetch it.
 * One server, one browser, and one tour shared by the tests.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import {
  admittedOrganisation,
  apiOk,
  decodingTiles,
  joinAs,
  launchChromium,
  newParticipantContext,
  projectRoot,
  type RunningPlenary,
  startPlenary,
} from './harness.js';
import { clientRoutes, externalReferences, inlineScripts, isOwnUrl, policyProblems } from './privacy-checks.js';

const operator = { name: 'Ada Lovelace', email: 'ada@example.coop', password: 'analytical engine 1843' };
const bbbSecret = 'privacy-e2e-bbb-secret-0123456789abcdef';
/** The built web client, as Plenary serves it (`webRoot` in src/server/main.ts). */
const webRoot = path.join(projectRoot, 'dist/web');
const roomPath = /\/r\/[a-z2-9-]{14}$/;

let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };
let mail: SmtpSink;

beforeAll(async () => {
  mail = await startSmtpSink();
  plenary = await startPlenary({
    SMTP_URL: mail.url,
    OPERATOR_EMAILS: operator.email,
    COOP_ORGANISATION: 'coop',
    COOP_IBAN: 'BE71096123456769',
    BBB_API_SECRET: bbbSecret,
  });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
});

/** Something a page asked for — a request, a WebSocket, an ICE server, a load the policy blocked — and the page it was on. */
interface Asked {
  url: string;
  page: string;
}

/** What the tour of the pages saw. */
interface Tour {
  asked: Asked[];
  html: { url: string; contentSecurityPolicy: string | undefined; body: string }[];
  /** The paths the tour opened. */
  visited: string[];
  /** Reading HTML bodies, awaited before the tour ends. */
  pending: Promise<void>[];
}

// Plain JavaScript, run in every page before its own scripts: each load the policy blocks is
// reported at once (a blocked load may never reach the network, so request events could miss it).
const reportBlockedLoads = `
  document.addEventListener('securitypolicyviolation', (event) => window.__reportBlockedLoad(event.blockedURI));
`;

/** Requests in flight in the tour's contexts, to wait for a page to settle without `networkidle`'s half second. */
const network = { inFlight: 0, changedAtMs: 0 };

/** A participant's context whose requests, WebSockets and HTML responses go into `tour`. */
async function recordedContext(tour: Tour): Promise<BrowserContext> {
  const context = await newParticipantContext(chromium.browser);
  await context.exposeBinding('__reportBlockedLoad', ({ frame }, url: string) =>
    tour.asked.push({ url, page: `${frame.url()} (blocked by the policy)` }),
  );
  await context.addInitScript({ content: reportBlockedLoads });
  const changed = (by: number) => {
    network.inFlight += by;
    network.changedAtMs = Date.now();
  };
  context.on('request', (request) => {
    changed(1);
    let asker = '(no frame)';
    try {
      asker = request.frame().url();
    } catch {
      // A service worker's request has no frame; its URL still counts.
    }
    tour.asked.push({ url: request.url(), page: asker });
  });
  context.on('requestfinished', () => changed(-1));
  context.on('requestfailed', () => changed(-1));
  context.on('page', (page) => {
    page.on('websocket', (socket) => tour.asked.push({ url: socket.url(), page: page.url() }));
  });
  context.on('response', (response) => {
    if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
    const read = async () => {
      const headers = await response.allHeaders();
      const body = await response.text().catch(async () => (await context.request.get(response.url())).text());
      tour.html.push({ url: response.url(), contentSecurityPolicy: headers['content-security-policy'], body });
    };
    tour.pending.push(read());
  });
  return context;
}

/** Waits until no request has been in flight for 150 ms (at most 5 s). */
async function settle(page: Page): Promise<void> {
  const giveUpAtMs = Date.now() + 5_000;
  while (Date.now() < giveUpAtMs && (network.inFlight > 0 || Date.now() - network.changedAtMs < 150)) await page.waitForTimeout(50);
}

/** Opens `address` on `page`, waits for its level-1 heading and for the requests it makes; the tour notes the path. */
async function visit(tour: Tour, page: Page, address: string, heading: string | RegExp): Promise<void> {
  const url = new URL(address, plenary.url);
  tour.visited.push(url.pathname);
  await page.goto(url.href);
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
  await settle(page);
}

/** The URLs of the ICE servers given to each peer connection of `page`. */
function iceServers(page: Page): Promise<Asked[]> {
  return page.evaluate(() =>
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.flatMap((connection) =>
      (connection.getConfiguration().iceServers ?? []).flatMap((server) =>
        (Array.isArray(server.urls) ? server.urls : [server.urls]).map((url) => ({ url, page: `${location.href} (ICE server)` })),
      ),
    ),
  );
}

/** Signs the operator up through the pages, confirms the email from its mail and logs in. */
async function signUp(tour: Tour, page: Page): Promise<void> {
  await visit(tour, page, '/signup', 'Create your account');
  await page.getByLabel('Your name').fill(operator.name);
  await page.getByLabel('Email address').fill(operator.email);
  await page.getByLabel('Password').fill(operator.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  const verification = await mail.waitFor(operator.email, /Confirm your email/, 30_000);
  await visit(tour, page, linkIn(verification.text, '/verify'), 'Confirm your email');
  await page.getByText('Your email address is confirmed').waitFor();
  await visit(tour, page, '/login', 'Log in');
  await page.getByLabel('Email address').fill(operator.email);
  await page.getByLabel('Password').fill(operator.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your rooms', level: 1 }).waitFor();
}

/** What the operator sets up once signed in. */
interface CoopSetUp {
  invoice: string;
  proposalId: string;
  roomUrl: string;
  assemblyId: string;
}

/**
 * The operator's organisation, Bakery, is admitted to the co-op, subscribes (its first invoice),
 * trades on the network with a website, and has a room with a short name; the operator puts a
 * proposal with a link in it, starts a meeting from the home page and convenes an assembly there.
 */
async function setUpCoop(tour: Tour, page: Page): Promise<CoopSetUp> {
  await admittedOrganisation(page, page, 'Bakery', 'bakery');
  await apiOk(page, 'PUT', '/api/orgs/bakery/subscription', { planId: 'level-2' });
  const profile = { description: 'Bread.', location: 'Ghent', website: 'https://bakery.example', contact: '', showBalance: true };
  await apiOk(page, 'POST', '/api/network/applications', { organisation: 'bakery', profile });
  await apiOk(page, 'POST', '/api/network/admin/members/bakery/approve', {});
  await apiOk(page, 'POST', '/api/orgs/bakery/rooms', { name: 'Weekly', slug: 'weekly' });
  const now = Date.now();
  const proposal = await apiOk<{ id: string }>(page, 'POST', '/api/governance/proposals', {
    title: 'Bake on Sundays',
    body: 'Shall we **bake** on Sundays? See [the recipe](https://bakery.example/recipe).',
    kind: 'yes_no',
    options: [],
    opensAtMs: now,
    closesAtMs: now + 86_400_000,
    quorumBasisPoints: 0,
    threshold: 'simple_majority',
  });
  await visit(tour, page, '/', 'Private meetings, run by a co-operative its members own');
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.waitForURL(roomPath);
  const roomUrl = page.url();
  const assembly = await apiOk<{ id: string }>(page, 'POST', '/api/governance/assemblies', {
    roomId: new URL(roomUrl).pathname.slice('/r/'.length),
    title: 'General assembly',
    quorumBasisPoints: 5_000,
    proxiesPerHolderMax: 1,
  });
  return { invoice: `${new Date().getUTCFullYear()}-000001`, proposalId: proposal.id, roomUrl, assemblyId: assembly.id };
}

/** A moderator's BigBlueButton join link, as an integration makes it (after its create call). */
async function bbbJoinUrl(): Promise<string> {
  const callUrl = (call: string, params: Record<string, string>) => {
    const query = new URLSearchParams(params).toString();
    const checksum = createHash('sha256').update(`${call}${query}${bbbSecret}`).digest('hex');
    return `${plenary.url}/bigbluebutton/api/${call}?${query}&checksum=${checksum}`;
  };
  const created = await fetch(callUrl('create', { meetingID: 'maths', name: 'Maths', attendeePW: 'ap', moderatorPW: 'mp' }));
  expect(await created.text()).toContain('<returncode>SUCCESS</returncode>');
  return callUrl('join', { meetingID: 'maths', fullName: 'Ada Teacher', password: 'mp' });
}

/** Opens `address`, which sends the browser on to a room's pre-join screen. */
async function visitLeadingToRoom(tour: Tour, page: Page, address: string): Promise<void> {
  tour.visited.push(new URL(address, plenary.url).pathname);
  await page.goto(new URL(address, plenary.url).href);
  await page.waitForURL(roomPath);
  await page.getByRole('heading', { level: 1, name: 'Ready to join?' }).waitFor();
  await settle(page);
}

/** The operator and a guest meet with camera and microphone; the operator opens the assembly and seals its minutes. */
async function holdMeeting(tour: Tour, page: Page, setUp: CoopSetUp): Promise<void> {
  const guest = await (await recordedContext(tour)).newPage();
  tour.visited.push(new URL(setUp.roomUrl).pathname);
  await joinAs(page, setUp.roomUrl, 'Ada');
  await joinAs(guest, setUp.roomUrl, 'Grace');
  await page.getByRole('button', { name: /^Assembly/ }).click();
  const panel = page.getByRole('complementary', { name: 'Assembly' });
  await panel.getByRole('button', { name: 'Open the assembly' }).click();
  await panel.getByRole('button', { name: 'Close the assembly' }).click();
  await panel.getByRole('button', { name: 'Close and seal the minutes' }).click();
  await panel.getByText('Closed: its minutes are sealed.').waitFor();
  // Media flows both ways, through whatever ICE servers the pages were given.
  for (const participant of [page, guest]) {
    await expect.poll(() => decodingTiles(participant, 500), { timeout: 15_000, interval: 200 }).toHaveLength(1);
  }
  for (const participant of [page, guest]) tour.asked.push(...(await iceServers(participant)));
  await guest.context().close();
}

async function takeTour(): Promise<Tour> {
  const tour: Tour = { asked: [], html: [], visited: [], pending: [] };
  const page = await (await recordedContext(tour)).newPage();
  const signedOut: [string, string][] = [
    ['/', 'Private meetings, run by a co-operative its members own'],
    ['/about', 'About the co-op'],
    ['/pricing', 'Plans'],
    ['/network', 'Trading network'],
    ['/no/such/page', 'Page not found'],
    ['/forgot-password', 'Reset your password'],
    ['/reset-password?token=not-a-token', 'Choose a new password'],
    ['/invitations/accept?token=not-a-token', 'Join an organisation'],
    ['/bbb/join', 'Joining the meeting'],
    ['/r/aaaa-bbbb-cccc', 'This meeting link does not exist'],
  ];
  for (const [address, heading] of signedOut) await visit(tour, page, address, heading);
  await signUp(tour, page);

  const setUp = await setUpCoop(tour, page);
  const signedIn: [string, string][] = [
    ['/dashboard', 'Your rooms'],
    ['/account', 'Your data'],
    ['/orgs/bakery', 'Bakery'],
    ['/orgs/bakery/billing', 'Billing'],
    [`/orgs/bakery/invoices/${setUp.invoice}`, `Invoice ${setUp.invoice}`],
    [`${new URL(setUp.roomUrl).pathname}/settings`, 'Room settings'],
    ['/operator', 'Operator console'],
    ['/operator/treasury', 'Treasury'],
    ['/coop', 'The co-op'],
    ['/coop/register', 'Register of members'],
    ['/coop/proposals', 'Proposals'],
    [`/coop/proposals/${setUp.proposalId}`, 'Bake on Sundays'],
    ['/coop/assemblies', 'General assemblies'],
    ['/coop/sanctions', 'Suspensions and appeals'],
    ['/coop/finances', 'The co-op’s finances'],
    ['/network', 'Trading network'],
    ['/network/directory', 'Directory'],
    ['/network/admin', 'Network administration'],
    ['/network/members/bakery', 'Bakery'],
    ['/network/members/bakery/account', 'Account of Bakery'],
    ['/invitations/accept?token=not-a-token', 'Join an organisation'],
  ];
  for (const [address, heading] of signedIn) await visit(tour, page, address, heading);
  await visitLeadingToRoom(tour, page, '/r/bakery/weekly');
  await visitLeadingToRoom(tour, page, await bbbJoinUrl());
  await holdMeeting(tour, page, setUp);

  // The assembly's sealed minutes, on its page and as the server's own HTML document.
  await visit(tour, page, `/coop/assemblies/${setUp.assemblyId}`, 'General assembly');
  await page.getByRole('heading', { name: 'Minutes', exact: true }).waitFor();
  await visit(tour, page, `/api/governance/assemblies/${setUp.assemblyId}/minutes.html`, /General assembly/);
  await Promise.all(tour.pending);
  await page.context().close();
  return tour;
}

let tourTaken: Promise<Tour> | undefined;
/** The tour of every page, taken once for the whole file. */
function tourOnce(): Promise<Tour> {
  tourTaken ??= takeTour();
  return tourTaken;
}

/** Every file of the built client, by its path inside dist/web. */
function builtFiles(folder = webRoot): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? builtFiles(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
  );
}

describe('privacy: nothing is asked of a third party', () => {
  it('tours every route of the web client’s router', async () => {
    const { visited } = await tourOnce();
    const routes = clientRoutes(projectRoot);
    expect(routes.exact.length + routes.patterns.length, 'routes read from the router').toBeGreaterThan(25);
    const missed = [
      ...routes.exact.filter((route) => !visited.includes(route)),
      ...routes.patterns.filter((pattern) => !visited.some((address) => pattern.test(address))).map(String),
    ];
    expect(missed, 'routes of src/web/app/App.tsx and features/network/routes.tsx the tour does not open').toEqual([]);
  });

  it('asks no host but the Plenary server for anything — requests, WebSockets, ICE servers — on any page or in a meeting', async () => {
    const { asked } = await tourOnce();
    expect(asked.filter((request) => request.url.startsWith('ws')).length, 'WebSockets seen').toBeGreaterThan(0);
    expect(asked.filter((request) => request.url.startsWith('turn')).length, 'ICE servers seen').toBeGreaterThan(0);
    const foreign = asked
      .filter((request) => !isOwnUrl(request.url, plenary.url))
      .map((request) => `${request.url} — asked by ${request.page}`);
    expect(foreign, `requests to hosts other than ${plenary.url}`).toEqual([]);
  });

  it('sends every HTML page with a strict Content-Security-Policy and no inline script', async () => {
    const { html } = await tourOnce();
    expect(
      html.some((response) => response.url.endsWith('/minutes.html')),
      'the minutes were checked',
    ).toBe(true);
    // One line per problem, naming the pages it was found on (the client's page is the same HTML at every address).
    const pagesByProblem = new Map<string, string[]>();
    for (const response of html) {
      const problems = [
        ...policyProblems(response.contentSecurityPolicy),
        ...inlineScripts(response.body).map((script) => `inline script ${script}`),
      ];
      for (const problem of problems) pagesByProblem.set(problem, [...(pagesByProblem.get(problem) ?? []), new URL(response.url).pathname]);
    }
    const found = [...pagesByProblem].map(([problem, pages]) => `${problem} — on ${pages.join(', ')}`);
    expect(found, `HTML responses (${html.length} checked) with a weak policy or an inline script`).toEqual([]);
  });

  it('builds a client that names no other origin where a browser would fetch it, and is what the server serves', async () => {
    const files = builtFiles();
    expect(files.filter((file) => file.endsWith('.js')).length, `scripts in ${webRoot}`).toBeGreaterThan(0);
    const served = await (await fetch(`${plenary.url}/`, { headers: { accept: 'text/html' } })).text();
    expect(served, 'the index.html Plenary serves is the one in dist/web').toBe(readFileSync(path.join(webRoot, 'index.html'), 'utf8'));
    const found = files
      .filter((file) => /\.(html?|svg|css|m?js)$/i.test(file))
      .flatMap((file) =>
        externalReferences(file, readFileSync(file, 'utf8')).map(
          (reference) => `${path.relative(projectRoot, file)}: ${reference.url} in …${reference.context}…`,
        ),
      );
    expect(found, 'references to other origins in the built client').toEqual([]);
  });

  it('judges policies precisely: Plenary’s passes, and each weakness is named', () => {
    const strict =
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: blob:;media-src 'self' blob: mediastream:;connect-src 'self';object-src 'none';frame-ancestors 'none';base-uri 'self';form-action 'self'";
    expect(policyProblems(strict)).toEqual([]);
    expect(policyProblems(undefined)).toEqual(['no Content-Security-Policy header']);
    const weak =
      "script-src 'self' 'unsafe-inline' https://cdn.example data:;connect-src 'self' wss://tracker.example;style-src 'self' 'unsafe-eval';img-src *;frame-ancestors https://portal.example;base-uri 'self';form-action 'self'";
    expect(policyProblems(weak)).toEqual([
      "script-src allows 'unsafe-inline'",
      'script-src allows https://cdn.example, which is not this server',
      'script-src allows scripts from data:',
      'connect-src allows wss://tracker.example, which is not this server',
      "style-src allows 'unsafe-eval'",
      'img-src allows *, which is not this server',
      'frame-ancestors allows https://portal.example, which is not this server',
      'no default-src: whatever has no directive of its own may load from anywhere',
      "frame-ancestors is not 'none' (or 'self'): other sites may frame the page",
    ]);
    expect(inlineScripts('<script type="module" src="/assets/index.js"></script><div data-src="x"></div>')).toEqual([]);
    expect(inlineScripts('<script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">')).toHaveLength(3);
  });

  it('reads built files precisely: it finds planted requests of every kind and passes namespaces, links and own paths', () => {
    const planted = {
      'x.html':
        '<img src="https://example.com/x.png"><link rel="stylesheet" href="//cdn.example/s.css"><img srcset="a.png 1x, https://example.com/b.png 2x">',
      'x.css': 'a{background:url(https://fonts.example/a.woff2)}@import "//fonts.example/x.css";',
      'x.js':
        'fetch(`https://api.example.org/rooms?id=`+id);new WebSocket("wss://tracker.example/");u("img",{src:"https://example.com/y.png"});navigator.sendBeacon(\'https://stats.example/b\');x.style.background="url(https://example.net/z.png)"',
    };
    const found = Object.entries(planted).flatMap(([file, text]) => externalReferences(file, text).map((reference) => reference.url));
    expect(found.sort()).toEqual(
      [
        'https://example.com/x.png',
        '//cdn.example/s.css',
        'https://example.com/b.png',
        'https://fonts.example/a.woff2',
        '//fonts.example/x.css',
        'https://api.example.org/rooms?id=',
        'wss://tracker.example/',
        'https://example.com/y.png',
        'https://stats.example/b',
        'https://example.net/z.png',
      ].sort(),
    );
    const harmless = {
      'y.html': '<svg xmlns="http://www.w3.org/2000/svg"><path d=""/></svg><a href="https://meet.coop/">co-op</a><img src="/assets/x.png">',
      'y.css': 'a{background:url(/assets/a.png)}b{background:url("data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22/>")}',
      'y.js':
        'document.createElementNS("http://www.w3.org/2000/svg","svg");({$schema:"https://json-schema.org/draft/2020-12/schema"});u("a",{href:"https://meet.coop/"});fetch("/api/rooms");fetch(location.origin+`/api`);new URL("https://example.com/");"must be an http:// or https:// address"// https://example.com',
    };
    expect(Object.entries(harmless).flatMap(([file, text]) => externalReferences(file, text))).toEqual([]);
  });
});
