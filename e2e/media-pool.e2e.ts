/**
 * A pool of two media servers (real Janus processes): Plenary's own and a second one the operator
 * registers through the console's API. With the own one drained, a new meeting goes to the
 * second; two browsers see each other through it. The own one is undrained and the second is
 * killed (SIGKILL): the meeting moves to the own one and both browsers decode each other again,
 * on the same page (no reload). Meanwhile each server's own account of its load (Janus's admin API,
 * then the media agent in front of it, which adds its CPU) shows the meeting's media flowing. The operator's list shows the dead server down with
 * the reason; so does the console's Media servers view, where the operator drains the own one with
 * its button.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaAgent } from '../scripts/media-agent.js';
import { type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import { startUnsupervisedJanus, type UnsupervisedJanus } from '../src/server/testing-process.js';
import type { MediaServerView } from '../src/shared/media-servers-api.js';
import {
  apiOk,
  artifactsFolder,
  joinAs,
  launchChromium,
  newParticipantContext,
  newRoomUrl,
  type RunningPlenary,
  sampleInbound,
  signedInPage,
  startPlenary,
} from './harness.js';

let plenary: RunningPlenary;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let mail: SmtpSink;
let operator: Page;
let second: UnsupervisedJanus;
const agents: { close(): Promise<void> }[] = [];

/** Resolves once `page` decodes new video frames from every other participant. */
async function decodingEveryone(page: Page, others: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const before = await sampleInbound(page);
        await page.waitForTimeout(700);
        const after = await sampleInbound(page);
        return after.filter((sample, index) => sample.videoFramesDecoded > (before[index]?.videoFramesDecoded ?? Number.POSITIVE_INFINITY))
          .length;
      },
      { timeout: 30_000, interval: 300 },
    )
    .toBeGreaterThanOrEqual(others);
}

const servers = async () => (await apiOk<{ servers: MediaServerView[] }>(operator, 'GET', '/api/operator/media-servers')).servers;

beforeAll(async () => {
  mail = await startSmtpSink();
  [plenary, second] = await Promise.all([
    startPlenary({ SMTP_URL: mail.url, OPERATOR_EMAILS: 'olu@coop.example' }),
    startUnsupervisedJanus({ apiSecret: 'second-janus-secret', rtpPortRange: '40100-41100' }),
  ]);
  chromium = await launchChromium();
  operator = await signedInPage(
    chromium.browser,
    plenary.url,
    mail,
    { name: 'Olu Operator', email: 'olu@coop.example' },
    'a long and good passphrase',
  );
}, 120_000);

afterAll(async () => {
  for (const agent of agents) await agent.close();
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
  second?.stop();
});

describe('a pool of two media servers', () => {
  it('places a meeting on the registered server while the own one is drained, and moves it back when that server dies', async () => {
    const registered = await apiOk<MediaServerView>(operator, 'POST', '/api/operator/media-servers', {
      name: 'Second Janus',
      url: second.url,
      apiSecret: second.apiSecret,
      adminUrl: second.adminUrl,
      adminSecret: second.adminSecret,
      region: 'eu-west',
      renewable: true,
    });
    await expect.poll(async () => (await servers()).find((server) => server.id === registered.id)?.up, { timeout: 20_000 }).toBe(true);
    await apiOk(operator, 'PATCH', '/api/operator/media-servers/janus-local', { drained: true });

    const roomUrl = await newRoomUrl(plenary);
    const [ada, grace] = [
      await (await newParticipantContext(chromium.browser)).newPage(),
      await (await newParticipantContext(chromium.browser)).newPage(),
    ];
    await joinAs(ada, roomUrl, 'Ada');
    await joinAs(grace, roomUrl, 'Grace');
    await Promise.all([decodingEveryone(ada, 1), decodingEveryone(grace, 1)]);
    const carrying = await servers();
    expect(carrying.find((server) => server.id === registered.id)).toMatchObject({ up: true, rooms: 1, participants: 2 });
    expect(carrying.find((server) => server.local)).toMatchObject({ drained: true, rooms: 0 });
    // The second Janus's own account: one room, each camera forwarded to the other, media flowing both ways.
    await expect
      .poll(async () => (await servers()).find((server) => server.id === registered.id)?.measured, { timeout: 20_000, interval: 1_000 })
      .toMatchObject({ rooms: 1, forwardedStreams: 2, bitrateInBps: expect.any(Number), cpu: null });
    const measured = (await servers()).find((server) => server.id === registered.id)?.measured;
    expect(measured?.bitrateInBps).toBeGreaterThan(0);
    expect(measured?.bitrateOutBps).toBeGreaterThan(0);
    expect((await servers()).find((server) => server.local)?.measured).toMatchObject({ rooms: 0, cpu: expect.any(Number) });
    // A wrong admin secret: the server stays up and carries on, its load is not read, and placement counts Plenary's meetings only.
    const secondNow = async () => (await servers()).find((server) => server.id === registered.id);
    await apiOk(operator, 'PATCH', `/api/operator/media-servers/${registered.id}`, {
      admin: { url: second.adminUrl, secret: 'not the admin secret' },
    });
    await expect.poll(async () => (await secondNow())?.adminFailure, { timeout: 10_000 }).toMatch(/Unauthorized.*\(403\)/);
    expect(await secondNow()).toMatchObject({ up: true, measured: null, adminUrl: second.adminUrl });
    // Put right through the media agent in front of its admin API: the same figures, and its CPU too.
    const agent = await startMediaAgent({
      host: '127.0.0.1',
      port: 0,
      janusAdminUrl: second.adminUrl,
      secret: second.adminSecret,
      pid: () => second.process.pid,
    });
    agents.push(agent);
    await apiOk(operator, 'PATCH', `/api/operator/media-servers/${registered.id}`, {
      admin: { url: agent.url, secret: second.adminSecret },
    });
    await expect
      .poll(async () => (await secondNow())?.measured, { timeout: 15_000, interval: 500 })
      .toMatchObject({ rooms: 1, forwardedStreams: 2, cpu: expect.any(Number) });
    expect((await secondNow())?.adminFailure).toBeNull();

    // The own Janus takes meetings again; the second dies for good.
    await apiOk(operator, 'PATCH', '/api/operator/media-servers/janus-local', { drained: false });
    await Promise.all([ada, grace].map((page) => page.evaluate(() => Object.assign(window, { plenaryTestMark: 'same page' }))));
    const killedAtMs = Date.now();
    second.process.kill('SIGKILL');
    await Promise.all([decodingEveryone(ada, 1), decodingEveryone(grace, 1)]);
    console.log(`media back on both pages ${((Date.now() - killedAtMs) / 1000).toFixed(1)} s after the media server was killed`);
    for (const page of [ada, grace])
      expect(await page.evaluate(() => (window as { plenaryTestMark?: string }).plenaryTestMark)).toBe('same page');
    const after = await servers();
    expect(after.find((server) => server.id === registered.id)).toMatchObject({ up: false, rooms: 0 });
    expect(after.find((server) => server.id === registered.id)?.lastFailure).toBeTruthy();
    await expect
      .poll(async () => (await servers()).find((server) => server.id === registered.id)?.adminFailure, { timeout: 15_000 })
      .toBeTruthy();
    expect((await servers()).find((server) => server.id === registered.id)?.measured).toBeNull();
    expect(after.find((server) => server.local)).toMatchObject({ up: true, rooms: 1, participants: 2 });

    // The console's Media servers view says the same, and drains the own server with its button.
    await operator.setViewportSize({ width: 1280, height: 900 });
    await operator.goto(`${plenary.url}/operator`);
    await operator.getByRole('button', { name: 'Media servers' }).click();
    const table = operator.getByRole('table', { name: /^Media servers/ });
    const row = (name: RegExp) => table.getByRole('row').filter({ has: operator.getByRole('rowheader', { name }) });
    const [secondRow, ownRow] = [row(/^Second Janus/), row(/this instance’s own/)];
    // Cells after the name: address, state, region, renewable power, weight, meetings, participants,
    // published and forwarded streams, then CPU, receiving and sending as the server's admin API says.
    const cellText = async (cells: Locator, index: number) => ((await cells.getByRole('cell').nth(index).textContent()) ?? '').trim();
    await expect.poll(() => cellText(secondRow, 1)).toMatch(/^Down: nothing answers at that address \(connection refused\)$/);
    expect(await cellText(secondRow, 0)).toBe(second.url);
    expect([await cellText(secondRow, 9), await cellText(secondRow, 11)]).toEqual(['not read', 'not read']);
    await expect.poll(() => cellText(ownRow, 1)).toMatch(/^Up.*Janus counts 1 room and 2 forwarded streams\.$/);
    expect([await cellText(ownRow, 5), await cellText(ownRow, 6)]).toEqual(['1', '2']);
    expect(await cellText(ownRow, 9)).toMatch(/^\d+(\.\d)?%$/);
    expect(await cellText(ownRow, 11)).toMatch(/^[\d.,]+ [kM]b\/s$/);
    await operator.screenshot({ path: path.join(artifactsFolder, 'operator-media-servers.png'), fullPage: true });

    await ownRow.getByRole('button', { name: 'Drain local' }).click();
    await expect.poll(() => cellText(ownRow, 1)).toMatch(/Drained/);
    await ownRow.getByRole('button', { name: 'Undrain local' }).waitFor();
    expect((await servers()).find((server) => server.local)).toMatchObject({ drained: true, rooms: 1 });

    for (const widthPx of [1280, 390]) {
      await operator.setViewportSize({ width: widthPx, height: 900 });
      const axe = await new AxeBuilder({ page: operator })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
        .include('main')
        .analyze();
      expect(axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))).toEqual([]);
    }

    // The Instances view: this one alone (no Redis), alive, holding the meeting with its two people.
    await operator.setViewportSize({ width: 1280, height: 900 });
    await operator.getByRole('button', { name: 'Instances' }).click();
    await operator.getByText('A single instance: no Redis is configured.').waitFor();
    const instances = operator.getByRole('table', { name: 'Plenary instances' });
    const current = instances.getByRole('row').filter({ has: operator.getByRole('rowheader', { name: /\(this one\)$/ }) });
    // Cells after the instance: state, started, last heard, meetings held, participants, relayed out, relayed in.
    await expect.poll(() => cellText(current, 0)).toBe('Alive');
    expect(await cellText(current, 2)).toBe('now');
    expect(await Promise.all([3, 4, 5, 6].map((index) => cellText(current, index)))).toEqual(['1', '2', '0', '0']);
    await operator.screenshot({ path: path.join(artifactsFolder, 'operator-instances.png'), fullPage: true });
    const axe = await new AxeBuilder({ page: operator }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).include('main').analyze();
    expect(axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))).toEqual([]);
  });
});
