/**
 * Two Plenary instances — each with its own supervised Janus — sharing one PostgreSQL schema and a
 * Redis of this test's own, behind one nginx address as docs/deployment.md describes for several
 * instances. Which instance a browser's requests reach is chosen by a cookie here (the test's
 * stand-in for a load balancer's choice), with the other instance as the fallback.
 *
 * Ada reaches the first instance and starts a meeting there; Grace reaches the second, which
 * relays her signalling to the first: they see each other. Redis stops answering for ten seconds
 * (SIGSTOP): media carries on, and the relay works again when it is back. The second instance is
 * killed (SIGKILL): Grace's page reconnects through the first and resumes her place, without a
 * reload. The first instance is killed: both pages reconnect through the second, which takes the
 * room over at once (the first's presence is gone) and holds the meeting again, with Ada and Grace
 * as the same participants (their resume tokens, kept in Redis by the first).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/server/media/index.js';
import { janusProcesses } from '../src/server/testing-process.js';
import {
  artifactsFolder,
  decodingTiles,
  joinAs,
  launchChromium,
  newParticipantContext,
  type RunningPlenary,
  startMeetingAs,
  startPlenary,
} from './harness.js';

/** PostgreSQL through its socket: the test's network namespace has a loopback of its own. */
const databaseUrl = 'postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/test';
const schema = `e2e_cluster_${process.pid}_${Date.now().toString(36)}`;

let folder: string;
let redis: ChildProcess;
let nginx: ChildProcess;
let first: RunningPlenary;
let second: RunningPlenary;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let siteUrl: string;
let ada: Page;
let grace: Page;
let roomUrl: string;
/** How the second instance is started (again, after it was killed). */
let secondEnvironment: Record<string, string>;
/** The second instance as it was before it was killed. */
let killedSecond: RunningPlenary | undefined;

/** nginx: the cookie `route` picks the instance a browser reaches, the other takes over when it is down. */
function renderSite(port: number, firstPort: number, secondPort: number): string {
  return `pid ${folder}/nginx.pid;
error_log ${folder}/nginx-error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${folder}/body;
  proxy_temp_path ${folder}/proxy;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream via_first { server 127.0.0.1:${firstPort} max_fails=1 fail_timeout=5s; server 127.0.0.1:${secondPort} backup; }
  upstream via_second { server 127.0.0.1:${secondPort} max_fails=1 fail_timeout=5s; server 127.0.0.1:${firstPort} backup; }
  map $cookie_route $plenary { default via_first; second via_second; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://$plenary;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
      proxy_connect_timeout 2s;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;
}

async function participantPage(route: 'first' | 'second'): Promise<Page> {
  const context: BrowserContext = await newParticipantContext(chromium.browser);
  await context.addCookies([{ name: 'route', value: route, url: siteUrl }]);
  return context.newPage();
}

/** Waits until `page` decodes video from `others` other participants (and no more). */
async function seesOthers(page: Page, others: number): Promise<void> {
  await expect.poll(async () => (await decodingTiles(page)).length, { timeout: 45_000, interval: 500 }).toBe(others);
}

/** The JSON log lines of an instance that say a participant joined. */
function joins(plenary: RunningPlenary): { displayName?: string; relayedFrom?: string; resumed?: boolean; participantId?: string }[] {
  return plenary
    .output()
    .split('\n')
    .filter((line) => line.includes('"participant joined"'))
    .map((line) => JSON.parse(line) as { relayedFrom?: string; resumed?: boolean; participantId?: string });
}

function kill(plenary: RunningPlenary): void {
  plenary.process.kill('SIGKILL');
  // Its supervised Janus outlives it (nothing tells it): it goes too, as it would with its machine.
  for (const pid of janusProcesses(plenary.dataDirectory)) process.kill(pid, 'SIGKILL');
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'plenary-cluster-'));
  const [redisPort, firstPort, secondPort, sitePort] = [
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
  ];
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder], {
    stdio: 'ignore',
  });
  siteUrl = `http://localhost:${sitePort}`;
  const shared = {
    HOST: '127.0.0.1',
    PUBLIC_URL: siteUrl,
    TRUST_PROXY: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    CLUSTER_SECRET: 'this-test-installations-cluster-secret',
  };
  // One after the other: the first makes the schema.
  first = await startPlenary({ ...shared, PORT: String(firstPort), INSTANCE_ID: 'inst_first', RTP_PORT_RANGE: '20000-29999' });
  secondEnvironment = { ...shared, PORT: String(secondPort), INSTANCE_ID: 'inst_second', RTP_PORT_RANGE: '30000-39999' };
  second = await startPlenary(secondEnvironment);
  writeFileSync(path.join(folder, 'nginx.conf'), renderSite(sitePort, firstPort, secondPort));
  nginx = spawn('nginx', ['-c', path.join(folder, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  chromium = await launchChromium();
  [ada, grace] = [await participantPage('first'), await participantPage('second')];
}, 120_000);

afterAll(async () => {
  // What each instance logged, to read when a test failed.
  mkdirSync(artifactsFolder, { recursive: true });
  for (const [name, plenary] of Object.entries({ first, second, secondBefore: killedSecond }))
    if (plenary) writeFileSync(path.join(artifactsFolder, `cluster-${name}.log`), plenary.output());
  await chromium?.close();
  nginx?.kill('SIGTERM');
  for (const plenary of [first, second]) if (plenary) kill(plenary);
  await Promise.all([first?.stop(), second?.stop()]);
  redis?.kill('SIGKILL');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('two instances behind one address', () => {
  it('let participants who reached different instances meet', async () => {
    // nginx takes a moment to listen: the first page load waits for it.
    await expect.poll(async () => (await ada.goto(`${siteUrl}/healthz`).catch(() => null))?.status(), { timeout: 15_000 }).toBe(200);
    roomUrl = await startMeetingAs(ada, siteUrl, 'Ada');
    await joinAs(grace, roomUrl, 'Grace');
    await seesOthers(ada, 1);
    await seesOthers(grace, 1);
    // Grace's socket is on the second instance; the first holds the meeting and serves her through the relay.
    expect(joins(first).find((join) => join.relayedFrom === 'inst_second')).toBeDefined();
    expect(joins(second)).toEqual([]);
  });

  it('carry on while Redis stops answering for ten seconds, and relay again once it is back', async () => {
    redis.kill('SIGSTOP');
    try {
      await ada.waitForTimeout(10_000);
      // The media never went through Redis: both still decode each other.
      await seesOthers(ada, 1);
      await seesOthers(grace, 1);
    } finally {
      redis.kill('SIGCONT');
    }
    // Grace's signalling reaches the meeting again: her reaction shows on Ada's page.
    await expect
      .poll(
        async () => {
          await grace.locator('.controls summary').filter({ hasText: 'Reactions' }).click();
          await grace.getByRole('button', { name: 'React with 👏' }).click();
          return ada.locator('.tile[aria-label="Grace"] .reaction').count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
  });

  it('lose nobody when the instance a browser reached is killed: it resumes its place through the other', async () => {
    const graceId = joins(first).find((join) => join.relayedFrom === 'inst_second')?.participantId;
    kill(second);
    await second.stop();
    killedSecond = second;
    // No reload: the same page reconnects (through the first instance) and sees Ada again.
    await expect
      .poll(() => joins(first).some((join) => join.participantId === graceId && join.resumed === true), { timeout: 45_000 })
      .toBe(true);
    await seesOthers(grace, 1);
    await seesOthers(ada, 1);
  });

  it('lose no meeting when the instance holding it is killed: the other takes the room over, with the same participants', async () => {
    // The second instance is back (as systemd would restart it); then the first, holding the meeting, dies.
    second = await startPlenary(secondEnvironment);
    kill(first);
    // Both pages reconnect through the second, which takes the room over without waiting for the claim's lease.
    await expect.poll(() => joins(second).length, { timeout: 45_000 }).toBeGreaterThanOrEqual(2);
    expect(joins(second).every((join) => join.relayedFrom === undefined)).toBe(true);
    // As the same participants: the first kept who each resume token continues as, and the second let them in so.
    const before = new Set(joins(first).map((join) => join.participantId));
    expect(joins(second).every((join) => before.has(join.participantId))).toBe(true);
    await seesOthers(ada, 1);
    await seesOthers(grace, 1);
    expect(ada.url()).toBe(roomUrl);
  });
});
