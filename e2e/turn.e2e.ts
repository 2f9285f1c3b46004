/**
 * TURN in real browsers: inside the test's network namespace, iptables drops every UDP packet to
 * Janus's media ports except those coturn relays, and every UDP packet to coturn itself. Two
 * Chromiums then meet only through the supervised coturn over TCP (the selected candidate pair
 * is `relay` over `tcp`) and decode each other; with TURN off, under the same rules, they do not.
 */
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newParticipantContext, type RunningPlenary, sampleInbound, startPlenary } from './harness.js';

const rtpPorts = '20000:20999';
const relayPorts = '45000:45099';
const turnPort = '3479';
const environment = { RTP_PORT_RANGE: '20000-20999', TURN_PORT: turnPort, TURN_RELAY_PORT_RANGE: '45000-45099' };
/** Browsers' UDP to Janus is dropped unless it comes from coturn's relay ports; TURN over UDP is dropped too. */
const rules = [
  ['INPUT', '-p', 'udp', '--dport', rtpPorts, '!', '--sport', relayPorts, '-j', 'DROP'],
  ['INPUT', '-p', 'udp', '--dport', turnPort, '-j', 'DROP'],
];

function iptables(action: '-A' | '-D', rule: string[]): void {
  const result = spawnSync('iptables', [action, ...rule], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`iptables ${action} ${rule.join(' ')}: ${result.error?.message ?? result.stderr}`);
}

let chromium: { browser: Browser; close(): Promise<void> };

beforeAll(async () => {
  for (const rule of rules) iptables('-A', rule);
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  for (const rule of rules) iptables('-D', rule);
});

/** Opens a new meeting at `plenary` with two participants; returns both pages. */
async function meetingOfTwo(plenary: RunningPlenary): Promise<Page[]> {
  const pages: Page[] = [];
  let roomUrl = '';
  for (const name of ['Alice', 'Bob']) {
    const page = await (await newParticipantContext(chromium.browser)).newPage();
    if (roomUrl) await page.goto(roomUrl);
    else {
      await page.goto(plenary.url);
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

/** For each open connection of the page: its selected candidate pair's local candidate type and relay protocol. */
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

describe('TURN when UDP to the media server is blocked', () => {
  it('carries two browsers’ video through the local coturn over TCP', async () => {
    const plenary = await startPlenary(environment);
    try {
      const pages = await meetingOfTwo(plenary);
      for (const page of pages) {
        await expect.poll(() => framesDecodedMeanwhile(page), { timeout: 30_000, interval: 500 }).toBeGreaterThan(10);
        const paths = await selectedPaths(page);
        // A publisher and a subscription, both relayed over TCP.
        expect(paths.length).toBeGreaterThanOrEqual(2);
        expect(new Set(paths)).toEqual(new Set(['relay/tcp']));
      }
    } finally {
      await plenary.stop();
    }
  });

  it('leaves them without media when TURN is off', async () => {
    const plenary = await startPlenary({ ...environment, TURN: 'off' });
    try {
      const pages = await meetingOfTwo(plenary);
      await pages[1]?.waitForTimeout(5_000);
      for (const page of pages) {
        expect(await framesDecodedMeanwhile(page)).toBe(0);
        expect(await selectedPaths(page)).toEqual([]);
      }
    } finally {
      await plenary.stop();
    }
  });
});
