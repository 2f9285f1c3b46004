/**
 * TURN in real browsers: inside the test's network namespace, iptables drops every UDP packet to
 * Janus's media ports except those coturn relays, and every UDP packet to coturn itself. Two
 * Chromiums then meet only through the supervised coturn — over TCP, then (TCP blocked too) over
 * TLS with a certificate of the test's own — the selected candidate pairs `relay` over `tcp` or
 * `tls`, and decode each other; renewed credentials reach every connection of a page and the
 * media goes on; with TURN off, under the same rules, they decode nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTurnCredential } from '../src/server/media/turn/turn-credentials.js';
import { launchChromium, newParticipantContext, type RunningPlenary, sampleInbound, startPlenary } from './harness.js';

const turnPort = '3479';
const turnTlsPort = '5349';
/** The TURN REST secret Plenary and coturn share in this test (so that the test can make a credential too). */
const turnSecret = 'turn-secret-of-the-turn-test-0123456789';
const environment = {
  TURN_SECRET: turnSecret,
  RTP_PORT_RANGE: '20000-20999',
  TURN_PORT: turnPort,
  TURN_TLS_PORT: turnTlsPort,
  // Below the kernel's ephemeral ports (32768 and up), where a browser's own UDP sockets are bound:
  // a browser port that fell in the relay range would pass the rule below and reach Janus directly.
  TURN_RELAY_PORT_RANGE: '31000-31099',
};
/** Browsers' UDP to Janus is dropped unless it comes from coturn's relay ports; so is TURN over UDP. */
const udpBlocked = [
  ['INPUT', '-p', 'udp', '--dport', '20000:20999', '!', '--sport', '31000:31099', '-j', 'DROP'],
  ['INPUT', '-p', 'udp', '--dport', turnPort, '-j', 'DROP'],
];
const tcpTurnBlocked = ['INPUT', '-p', 'tcp', '--dport', turnPort, '-j', 'DROP'];
const tlsTurnBlocked = ['INPUT', '-p', 'tcp', '--dport', turnTlsPort, '-j', 'DROP'];

const rulesInForce: string[][] = [];
function iptables(action: '-A' | '-D', rule: string[]): void {
  const result = spawnSync('iptables', [action, ...rule], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`iptables ${action} ${rule.join(' ')}: ${result.error?.message ?? result.stderr}`);
  if (action === '-A') rulesInForce.push(rule);
  else rulesInForce.splice(rulesInForce.indexOf(rule), 1);
}

let chromium: { browser: Browser; close(): Promise<void> };
let plenary: RunningPlenary;
let certificates: string;

beforeAll(async () => {
  certificates = mkdtempSync(path.join(tmpdir(), 'plenary-turn-tls-'));
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
    ],
    { encoding: 'utf8', env: { ...process.env, HOME: certificates }, cwd: certificates, input: '' },
  );
  if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
  for (const rule of udpBlocked) iptables('-A', rule);
  plenary = await startPlenary({
    ...environment,
    TURN_TLS_CERT: path.join(certificates, 'cert.pem'),
    TURN_TLS_KEY: path.join(certificates, 'key.pem'),
  });
  // The certificate is the test's own: Chromium is told not to check it.
  chromium = await launchChromium({ extraFlags: ['--ignore-certificate-errors'] });
});
afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  for (const rule of [...rulesInForce]) iptables('-D', rule);
  rmSync(certificates, { recursive: true, force: true });
});

// A test's own rule goes with the test, passed or failed: the next test starts from the namespace's rules.
afterEach(() => {
  for (const rule of [tcpTurnBlocked, tlsTurnBlocked]) if (rulesInForce.includes(rule)) iptables('-D', rule);
});

/** Opens a new meeting at `server` with two participants (`prepare` runs on each page first); returns both pages. */
async function meetingOfTwo(server: RunningPlenary, prepare: (page: Page) => Promise<void> = async () => {}): Promise<Page[]> {
  const pages: Page[] = [];
  let roomUrl = '';
  for (const name of ['Alice', 'Bob']) {
    const page = await (await newParticipantContext(chromium.browser)).newPage();
    await prepare(page);
    if (roomUrl) await page.goto(roomUrl);
    else {
      // By address, not `localhost`: the TURN URLs name the host the browser reached, and the rules are IPv4's.
      await page.goto(server.url.replace('//localhost:', '//127.0.0.1:'));
      await page.getByRole('button', { name: 'New meeting' }).click();
      await page.waitForURL(/\/r\/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      roomUrl = page.url();
    }
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.locator('.tiles [data-local="true"]').waitFor();
    pages.push(page);
  }
  return pages;
}

/** Video frames decoded by a page's subscriptions over 1.5 s. */
async function framesDecodedMeanwhile(page: Page): Promise<number> {
  const before = await sampleInbound(page);
  await page.waitForTimeout(1_500);
  const after = await sampleInbound(page);
  return after.reduce((sum, sample, index) => sum + sample.videoFramesDecoded - (before[index]?.videoFramesDecoded ?? 0), 0);
}

/** The first ICE server each open PeerConnection of the page is configured with now (its URLs and username). */
function iceServersOf(page: Page): Promise<{ urls: string[]; username: string | undefined }[]> {
  return page.evaluate(() =>
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections
      .filter((connection) => connection.connectionState !== 'closed')
      .map((connection) => {
        const server = connection.getConfiguration().iceServers?.[0];
        return { urls: [server?.urls ?? []].flat(), username: server?.username };
      }),
  );
}

/** For each connected PeerConnection of the page: its selected pair's local candidate type and the protocol to the relay. */
function selectedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const paths: string[] = [];
    for (const connection of connections) {
      if (connection.connectionState !== 'connected') continue;
      const stats = new Map<string, Record<string, unknown>>();
      (await connection.getStats()).forEach((entry: Record<string, unknown>) => {
        stats.set(entry.id as string, entry);
      });
      const transport = [...stats.values()].find((entry) => entry.type === 'transport');
      const pair = stats.get(transport?.selectedCandidatePairId as string);
      const local = stats.get(pair?.localCandidateId as string);
      paths.push(`${local?.candidateType}/${local?.relayProtocol ?? local?.protocol}`);
    }
    return paths;
  });
}

async function expectRelayedBothWays(pages: Page[], protocol: 'tcp' | 'tls'): Promise<void> {
  for (const page of pages) {
    await expect.poll(() => framesDecodedMeanwhile(page), { timeout: 30_000, interval: 500 }).toBeGreaterThan(5);
    const paths = await selectedPaths(page);
    // A publisher and a subscription, both relayed.
    expect(paths.length).toBeGreaterThanOrEqual(2);
    expect(new Set(paths)).toEqual(new Set([`relay/${protocol}`]));
  }
}

describe('TURN when UDP to the media server is blocked', () => {
  it('carries two browsers’ video through the local coturn over TCP', async () => {
    iptables('-A', tlsTurnBlocked);
    await expectRelayedBothWays(await meetingOfTwo(plenary), 'tcp');
  });

  it('applies renewed credentials to every connection of a page, and the media goes on through the relay', async () => {
    iptables('-A', tlsTurnBlocked);
    const sockets: WebSocketRoute[] = [];
    const [alice] = await meetingOfTwo(plenary, (page) =>
      page.routeWebSocket(/\/ws/, (socket) => {
        sockets.push(socket);
        socket.connectToServer();
      }),
    );
    if (!alice) throw new Error('no page');
    await expect.poll(() => framesDecodedMeanwhile(alice), { timeout: 30_000, interval: 500 }).toBeGreaterThan(5);
    const before = await iceServersOf(alice);
    // What the server sends before a credential expires (`ice-servers`), made here with the same secret.
    const renewed = makeTurnCredential({ secret: turnSecret, id: 'renewed', lifetimeSeconds: 600, nowMs: Date.now() });
    sockets[0]?.send(
      JSON.stringify({
        type: 'ice-servers',
        iceServers: [{ urls: before[0]?.urls, username: renewed.username, credential: renewed.credential }],
      }),
    );
    await expect.poll(async () => (await iceServersOf(alice)).map((server) => server.username)).toEqual(before.map(() => renewed.username));
    expect(before.length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => framesDecodedMeanwhile(alice), { timeout: 10_000, interval: 500 }).toBeGreaterThan(5);
    expect(new Set(await selectedPaths(alice))).toEqual(new Set(['relay/tcp']));
  });

  it('carries it over TLS when plain TCP to coturn is blocked too', async () => {
    iptables('-A', tcpTurnBlocked);
    await expectRelayedBothWays(await meetingOfTwo(plenary), 'tls');
  });

  it('leaves them without media when TURN is off', async () => {
    const withoutTurn = await startPlenary({ ...environment, TURN: 'off' });
    try {
      const pages = await meetingOfTwo(withoutTurn);
      await pages[1]?.waitForTimeout(5_000);
      for (const page of pages) {
        expect(await framesDecodedMeanwhile(page)).toBe(0);
        expect(await selectedPaths(page)).toEqual([]);
      }
    } finally {
      await withoutTurn.stop();
    }
  });
});
