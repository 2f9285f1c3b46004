/**
 * End-to-end harness: starts Plenary exactly as `npm start` does (its own supervised Janus,
 * embedded SQLite in a temporary DATA_DIR) and drives Debian's Chromium with fake media.
 * Must run inside e2e/netns.sh.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

import { linkIn, type SmtpSink } from '../src/server/email/smtp-sink.js';
import { type RunningPlenary, startPlenary } from '../src/server/testing-process.js';

export { type RunningPlenary, startPlenary };

export const projectRoot = path.resolve(import.meta.dirname, '..');

const chromiumFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // The fake camera is 640×480, below the size at which Chromium sends all three simulcast
  // layers; real cameras are larger. Lift that limit so tests see every layer.
  '--force-fieldtrials=WebRTC-LegacySimulcastLayerLimit/Disabled/',
];

/**
 * Writes a WAV file of a steady 440 Hz tone: a fake microphone that "speaks" all the time
 * (Chromium's default fake microphone only beeps briefly once a second).
 */
export function writeToneFile(folder: string, seconds = 5, sampleRate = 16_000): string {
  const samples = seconds * sampleRate;
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write('RIFF', 0);
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVEfmt ', 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36);
  buffer.writeUInt32LE(samples * 2, 40);
  for (let index = 0; index < samples; index += 1) {
    buffer.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * index) / sampleRate) * 16_000), 44 + index * 2);
  }
  const file = path.join(folder, 'tone.wav');
  writeFileSync(file, buffer);
  return file;
}

/**
 * Launches Debian's Chromium with fake camera and microphone; its writes go to a temporary home.
 * With `speaking`, the fake microphone plays a steady tone; `extraFlags` are added to the usual ones.
 */
export async function launchChromium(
  options: { speaking?: boolean; extraFlags?: string[] } = {},
): Promise<{ browser: Browser; close(): Promise<void> }> {
  const home = mkdtempSync(path.join(tmpdir(), 'plenary-chromium-'));
  const audioFlags = options.speaking ? [`--use-file-for-fake-audio-capture=${writeToneFile(home)}`] : [];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...chromiumFlags, ...audioFlags, ...(options.extraFlags ?? [])],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, TMPDIR: home, XDG_RUNTIME_DIR: home },
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

// Plain JavaScript (not a compiled function): tsx and vitest would wrap a function's classes
// in helpers that do not exist inside the page.
const recordPeerConnections = `
  (() => {
    const Original = window.RTCPeerConnection;
    const created = [];
    window.__peerConnections = created;
    window.RTCPeerConnection = class extends Original {
      constructor(configuration) {
        super(configuration);
        created.push(this);
      }
    };
  })();
`;

/**
 * Records every RTCPeerConnection the page creates in `window.__peerConnections`, so tests can
 * read real statistics without the app exposing anything.
 */
export async function newParticipantContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript({ content: recordPeerConnections });
  return context;
}

/** Inbound media per open subscriber connection, as `getStats()` reports it. */
export interface InboundSample {
  /** The tile the stream is shown in (`data-tile-id`, and whether it is a screen). */
  tile: string;
  videoFramesDecoded: number;
  videoFrameWidth: number;
  videoPacketsReceived: number;
  audioPacketsReceived: number;
  /** The received audio's energy so far (`totalAudioEnergy`): it grows only while there is sound. */
  audioEnergy: number;
}

/** One inbound RTP stream of the page, as `getStats()` reports it (zero where it reports nothing yet). */
export interface InboundStream {
  id: string;
  kind: string;
  trackIdentifier: string;
  framesDecoded: number;
  frameWidth: number;
  packetsReceived: number;
  bytesReceived: number;
  packetsLost: number;
  totalAudioEnergy: number;
}

/** Every inbound RTP stream over the page's open connections (recorded in `window.__peerConnections`). */
export function inboundStreams(page: Page): Promise<InboundStream[]> {
  return page.evaluate(async () => {
    const streams: InboundStream[] = [];
    for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (connection.connectionState === 'closed') continue;
      (await connection.getStats()).forEach((entry: Record<string, unknown> & { type: string; id: string }) => {
        if (entry.type !== 'inbound-rtp') return;
        // No named functions in here: under tsx (benchmarks) they would need its `__name` helper, which pages lack.
        const counts = Object.fromEntries(
          ['framesDecoded', 'frameWidth', 'packetsReceived', 'bytesReceived', 'packetsLost', 'totalAudioEnergy'].map((key) => [
            key,
            typeof entry[key] === 'number' ? entry[key] : 0,
          ]),
        ) as Pick<InboundStream, 'framesDecoded' | 'frameWidth' | 'packetsReceived' | 'bytesReceived' | 'packetsLost' | 'totalAudioEnergy'>;
        streams.push({ id: entry.id, kind: String(entry.kind), trackIdentifier: String(entry.trackIdentifier ?? ''), ...counts });
      });
    }
    return streams;
  });
}

/**
 * Samples the inbound RTP statistics of every remote stream the page shows: for each remote tile
 * with a stream, the video and audio of its tracks (whatever connection carries them), in the
 * tiles' id order.
 */
export async function sampleInbound(page: Page): Promise<InboundSample[]> {
  const inbound = await inboundStreams(page);
  const tiles = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.tile:not([data-local])')].flatMap((tile) => {
      const stream = tile.querySelector('video')?.srcObject;
      if (!(stream instanceof MediaStream)) return [];
      return [
        {
          tile: `${tile.dataset.tileId}${tile.classList.contains('screen') ? '/screen' : ''}`,
          tracks: stream.getTracks().map((track) => track.id),
        },
      ];
    }),
  );
  const samples: InboundSample[] = [];
  for (const { tile, tracks } of tiles) {
    const video = inbound.find((entry) => entry.kind === 'video' && tracks.includes(entry.trackIdentifier));
    const audio = inbound.find((entry) => entry.kind === 'audio' && tracks.includes(entry.trackIdentifier));
    if (!video && !audio) continue;
    samples.push({
      tile,
      videoFramesDecoded: video?.framesDecoded ?? 0,
      videoFrameWidth: video?.frameWidth ?? 0,
      videoPacketsReceived: video?.packetsReceived ?? 0,
      audioPacketsReceived: audio?.packetsReceived ?? 0,
      audioEnergy: audio?.totalAudioEnergy ?? 0,
    });
  }
  return samples.sort((a, b) => a.tile.localeCompare(b.tile));
}

/** The remote tiles whose video decoded new frames over `windowMs`, by tile (see `sampleInbound`). */
export async function decodingTiles(page: Page, windowMs = 1_000): Promise<string[]> {
  const before = await sampleInbound(page);
  await page.waitForTimeout(windowMs);
  const after = await sampleInbound(page);
  return after
    .filter((sample) => sample.videoFramesDecoded > (before.find((earlier) => earlier.tile === sample.tile)?.videoFramesDecoded ?? 0))
    .map((sample) => sample.tile)
    .sort();
}

/** Video streams, over all the page's open connections, that decoded new frames within a second (tiled or not). */
export async function decodingVideoStreams(page: Page): Promise<number> {
  const before = await inboundStreams(page);
  await page.waitForTimeout(1_000);
  const after = await inboundStreams(page);
  return after.filter(
    (stream) => stream.kind === 'video' && stream.framesDecoded > (before.find((earlier) => earlier.id === stream.id)?.framesDecoded ?? 0),
  ).length;
}

/** Where end-to-end tests keep their screenshots. */
export const artifactsFolder = path.join(projectRoot, '.artifacts/e2e');

/**
 * The usual end-to-end set-up for a test file: one Plenary (as `npm start` runs it) and one
 * Chromium, started before the tests and stopped after them. Read the fields inside tests.
 */
export function useMeetingFixture(
  environment: Record<string, string> = {},
  chromiumOptions: Parameters<typeof launchChromium>[0] = {},
): {
  plenary: RunningPlenary;
  chromium: { browser: Browser; close(): Promise<void> };
  newPage(): Promise<Page>;
} {
  const fixture = {
    plenary: undefined as unknown as RunningPlenary,
    chromium: undefined as unknown as { browser: Browser; close(): Promise<void> },
    async newPage(): Promise<Page> {
      return (await newParticipantContext(fixture.chromium.browser)).newPage();
    },
  };
  beforeAll(async () => {
    mkdirSync(artifactsFolder, { recursive: true });
    fixture.plenary = await startPlenary(environment);
    fixture.chromium = await launchChromium(chromiumOptions);
  });
  afterAll(async () => {
    await fixture.chromium?.close();
    await fixture.plenary?.stop();
  });
  return fixture;
}

/**
 * Signs a new person up through the pages, confirms the email from the mail they get, and logs
 * in, in a fresh browser context; returns the signed-in page.
 */
export async function signedInPage(
  browser: Browser,
  plenaryUrl: string,
  mail: SmtpSink,
  person: { name: string; email: string },
  password: string,
): Promise<Page> {
  const page = await (await newParticipantContext(browser)).newPage();
  await page.goto(`${plenaryUrl}/signup`);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByText(`We sent a message to ${person.email}`).waitFor();
  const verification = await mail.waitFor(person.email, /Confirm your email/);
  await page.goto(linkIn(verification.text, '/verify'));
  await page.getByText('Your email address is confirmed').waitFor();
  await page.goto(`${plenaryUrl}/login`);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // The Account menu (closed) names who is signed in.
  await page.getByText(`Signed in as ${person.name}`).waitFor({ state: 'attached' });
  return page;
}

/**
 * Sends a JSON request from a signed-in page, with its session's CSRF token, as the page's own
 * scripts do; returns the status and the body (null for 204).
 */
export async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/account/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
    { method, path, body },
  );
}

/** `api()` that expects success (a status under 300) and returns the body as `T`. */
export async function apiOk<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const response = await api(page, method, path, body);
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body as T;
}

/**
 * The owner (signed in on `page`) makes an organisation and applies for it as a user member; the
 * operator (signed in on `operator`) admits it. Returns the member's id.
 */
export async function admittedOrganisation(page: Page, operator: Page, name: string, slug: string): Promise<string> {
  await apiOk(page, 'POST', '/api/orgs', { name, slug });
  const member = await apiOk<{ id: string }>(page, 'POST', '/api/governance/applications', {
    classId: 'user',
    organisation: slug,
    commitment: '',
  });
  expect((await apiOk<{ status: string }>(operator, 'POST', `/api/governance/members/${member.id}/admit`, {})).status).toBe('admitted');
  return member.id;
}

/** A fresh room's link on `plenary` (made through the API, as a visitor would from the home page). */
export async function newRoomUrl(plenary: RunningPlenary): Promise<string> {
  const created = await fetch(`${plenary.url}/api/rooms`, { method: 'POST' });
  const { roomId } = (await created.json()) as { roomId: string };
  return `${plenary.url}/r/${roomId}`;
}

/** Joins `roomUrl` on `page` as `name` from the pre-join screen, and waits for the own tile. */
export async function joinAs(page: Page, roomUrl: string, name: string): Promise<void> {
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.locator('.tiles [data-local="true"]').waitFor();
}

/** Makes a new room from the home page of `plenaryUrl` and joins it as its moderator `name` (the creator's browser holds the code); returns the room's address. */
export async function startMeetingAs(page: Page, plenaryUrl: string, name: string): Promise<string> {
  await page.goto(plenaryUrl);
  await page.getByRole('button', { name: 'New meeting' }).click();
  await page.waitForURL(/\/r\/[a-z2-9-]{14}$/);
  const roomUrl = page.url();
  await joinAs(page, roomUrl, name);
  return roomUrl;
}
