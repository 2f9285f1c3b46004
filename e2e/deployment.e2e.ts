/**
 * The reference deployment's nginx site (`deploy/nginx-plenary.conf`, as docs/deployment.md says to
 * use it) in front of a real Plenary: TLS with a certificate made here, `PUBLIC_URL` and
 * `TRUST_PROXY` set as documented. Two browsers start and join a meeting through it and see each
 * other — the page, the API and the meeting's WebSocket all pass through the site unchanged.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/server/media/index.js';
import {
  decodingTiles,
  joinAs,
  launchChromium,
  newParticipantContext,
  projectRoot,
  type RunningPlenary,
  startMeetingAs,
  startPlenary,
} from './harness.js';

let plenary: RunningPlenary;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let nginx: ChildProcess;
let folder: string;
let siteUrl: string;

/** The reference site with this test's certificate, ports and folders; nothing else changed. */
function renderSite(httpsPort: number, plenaryPort: number): string {
  const site = readFileSync(path.join(projectRoot, 'deploy/nginx-plenary.conf'), 'utf8')
    .replaceAll('/etc/letsencrypt/live/meet.example.coop/fullchain.pem', path.join(folder, 'cert.pem'))
    .replaceAll('/etc/letsencrypt/live/meet.example.coop/privkey.pem', path.join(folder, 'key.pem'))
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/\n\s*listen \[::\]:443 ssl http2;/, '')
    .replace('proxy_pass http://127.0.0.1:8080;', `proxy_pass http://127.0.0.1:${plenaryPort};`)
    // The redirect from port 80 is not what is tested (and port 80 may be taken): leave it out.
    .replace(/\nserver \{\n {2}listen 80;[\s\S]*$/, '\n');
  expect(site).toContain(`listen 127.0.0.1:${httpsPort}`);
  return `pid ${folder}/nginx.pid;
error_log ${folder}/error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${folder}/body;
  proxy_temp_path ${folder}/proxy;
  ${site}
}
`;
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'plenary-nginx-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
      '-keyout',
      path.join(folder, 'key.pem'),
      '-out',
      path.join(folder, 'cert.pem'),
    ]),
    { stdio: 'ignore' },
  );
  const httpsPort = await findFreePort();
  siteUrl = `https://localhost:${httpsPort}`;
  // Plenary names its PUBLIC_URL when it starts, so its own port is chosen here.
  const plenaryPort = await findFreePort();
  plenary = await startPlenary({ HOST: '127.0.0.1', PORT: String(plenaryPort), PUBLIC_URL: siteUrl, TRUST_PROXY: '127.0.0.1' });
  writeFileSync(path.join(folder, 'nginx.conf'), renderSite(httpsPort, plenaryPort));
  nginx = spawn('nginx', ['-c', path.join(folder, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  // Chromium accepts this test's own certificate; nothing else about TLS is relaxed.
  chromium = await launchChromium({ extraFlags: ['--ignore-certificate-errors'] });
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  nginx?.kill('SIGTERM');
  await plenary?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the reference nginx site in front of Plenary', () => {
  it('carries the pages, the API and the meeting’s WebSocket: two browsers meet through it over TLS', async () => {
    const [ada, grace] = [
      await (await newParticipantContext(chromium.browser)).newPage(),
      await (await newParticipantContext(chromium.browser)).newPage(),
    ];
    // nginx takes a moment to listen: the first page load waits for it.
    await expect
      .poll(
        async () => {
          const response = await ada.goto(`${siteUrl}/healthz`).catch(() => null);
          return response?.status();
        },
        { timeout: 15_000 },
      )
      .toBe(200);
    const roomUrl = await startMeetingAs(ada, siteUrl, 'Ada');
    expect(roomUrl.startsWith(`${siteUrl}/r/`)).toBe(true);
    await joinAs(grace, roomUrl, 'Grace');
    await expect.poll(async () => (await decodingTiles(ada)).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await decodingTiles(grace)).length, { timeout: 30_000 }).toBe(1);
    // The invite link the meeting offers is the public address, not Plenary's own.
    expect(await ada.evaluate(() => location.origin)).toBe(siteUrl);
  });
});
