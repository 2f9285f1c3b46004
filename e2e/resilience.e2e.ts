/**
 * Two real participants: mute and camera-off reach the other side, and when Janus dies the
 * page says it is reconnecting, then media flows again once the supervisor has Janus back.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../src/server/media/index.js';
import { janusProcesses } from '../src/server/testing-process.js';
import { startFreezableProxy } from './freezable-proxy.js';
import { sampleInbound, startPlenary, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

async function join(roomUrl: string, name: string): Promise<Page> {
  const page = await fixture.newPage();
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.locator('.tiles [data-local="true"]').waitFor();
  return page;
}

/** Resolves once `page` decodes new video frames from at least one other participant. */
async function expectVideoFlowing(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const before = await sampleInbound(page);
        await page.waitForTimeout(1_000);
        const after = await sampleInbound(page);
        return after.some((sample, index) => sample.videoFramesDecoded > (before[index]?.videoFramesDecoded ?? Number.POSITIVE_INFINITY));
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}

describe('a meeting of two', () => {
  it('shows mute and camera-off to the other side, and survives a Janus crash', async () => {
    const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
    const { roomId } = (await created.json()) as { roomId: string };
    const roomUrl = `${fixture.plenary.url}/r/${roomId}`;
    const ada = await join(roomUrl, 'Ada');
    const grace = await join(roomUrl, 'Grace');
    await expectVideoFlowing(ada);
    await expectVideoFlowing(grace);

    await grace.getByRole('button', { name: 'Mute microphone' }).click();
    await ada.locator('.tile[aria-label="Grace"] [aria-label="Microphone off"]').waitFor();
    await grace.getByRole('button', { name: 'Turn camera off' }).click();
    await ada.locator('.tile[aria-label="Grace"] .avatar').waitFor();
    await grace.getByRole('button', { name: 'Turn camera on' }).click();
    await ada.locator('.tile[aria-label="Grace"] video:not([hidden])').waitFor();

    const [janus] = janusProcesses(fixture.plenary.dataDirectory);
    expect(janus).toBeDefined();
    process.kill(janus as number, 'SIGKILL');
    await ada.getByRole('status').filter({ hasText: 'Reconnecting to the media server' }).waitFor({ timeout: 10_000 });
    await ada.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor({ state: 'detached', timeout: 30_000 });
    await expectVideoFlowing(ada);
    await expectVideoFlowing(grace);
    await expect.poll(() => ada.locator('.tiles .tile').count()).toBe(2);
  });

  it('keeps a participant whose network drops for a while, shown as reconnecting, and takes them back as the same person', async () => {
    const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
    const { roomId } = (await created.json()) as { roomId: string };
    const proxy = await startFreezableProxy(Number(new URL(fixture.plenary.url).port));
    try {
      const ada = await join(`${fixture.plenary.url}/r/${roomId}`, 'Ada');
      const grace = await join(`http://localhost:${proxy.port}/r/${roomId}`, 'Grace');
      await expectVideoFlowing(ada);
      const graceTile = ada.locator('.tile[aria-label="Grace"]');
      const graceId = await graceTile.getAttribute('data-tile-id');

      proxy.freeze();
      await ada.locator('.tile.reconnecting[aria-label="Grace"]').waitFor({ timeout: 12_000 });
      await grace.getByRole('status').filter({ hasText: 'Connection lost' }).waitFor({ timeout: 15_000 });
      proxy.thaw();

      await ada.locator('.tile.reconnecting').waitFor({ state: 'detached', timeout: 20_000 });
      expect(await graceTile.getAttribute('data-tile-id')).toBe(graceId);
      expect(await ada.locator('.tiles .tile').count()).toBe(2);
      await expectVideoFlowing(ada);
      await expectVideoFlowing(grace);
    } finally {
      await proxy.close();
    }
  });

  it('brings everyone back into the meeting by themselves after a server restart', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'plenary-restart-'));
    const port = String(await findFreePort());
    let server = await startPlenary({ PORT: port }, folder);
    try {
      const created = await fetch(`${server.url}/api/rooms`, { method: 'POST' });
      const { roomId } = (await created.json()) as { roomId: string };
      const ada = await join(`${server.url}/r/${roomId}`, 'Ada');
      const grace = await join(`${server.url}/r/${roomId}`, 'Grace');
      await expectVideoFlowing(ada);

      await server.stop();
      await ada
        .getByRole('status')
        .filter({ hasText: /restarting|Connection lost/ })
        .waitFor({ timeout: 10_000 });
      server = await startPlenary({ PORT: port }, folder);
      for (const page of [ada, grace]) await expect.poll(() => page.locator('.tiles .tile').count(), { timeout: 30_000 }).toBe(2);
      await expectVideoFlowing(ada);
      await expectVideoFlowing(grace);
    } finally {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
