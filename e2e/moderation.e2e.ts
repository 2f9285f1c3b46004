/**
 * A moderated meeting in real browsers: waiting room, chat (safe links, private messages),
 * hands, reactions, mute and ask-to-unmute, locks, screen sharing, simulcast layers, removal
 * with a ban, and ending the meeting.
 */

import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsFolder, sampleInbound, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

async function fillAndJoin(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
}

/** Audio packets the page received during one second. */
async function audioPacketsPerSecond(page: Page): Promise<number> {
  const count = async () => (await sampleInbound(page)).reduce((sum, sample) => sum + sample.audioPacketsReceived, 0);
  const before = await count();
  await page.waitForTimeout(1_000);
  return (await count()) - before;
}

/** Widths of decoded remote camera video on the page. */
async function inboundWidths(page: Page): Promise<number[]> {
  return (await sampleInbound(page)).map((sample) => sample.videoFrameWidth).filter((width) => width > 0);
}

describe('a moderated meeting', () => {
  it('runs the waiting room, chat, hands, reactions, moderation, screen sharing and layers', async () => {
    // The creator's browser keeps the moderator code; the settings page turns the waiting room on.
    const mo = await fixture.newPage();
    await mo.goto(fixture.plenary.url);
    await mo.getByRole('button', { name: 'New meeting' }).click();
    await mo.waitForURL(/\/r\/[a-z2-9-]{14}$/);
    const roomUrl = mo.url();
    await mo.goto(`${roomUrl}/settings`);
    await mo.getByLabel('Guests wait until a moderator lets them in').check();
    await mo.getByRole('button', { name: 'Save settings' }).click();
    await mo.getByText('Settings saved.').waitFor();
    await mo.goto(roomUrl);
    await fillAndJoin(mo, 'Mo');
    await mo.locator('.tiles [data-local="true"]').waitFor();

    const guy = await fixture.newPage();
    await guy.goto(roomUrl);
    await fillAndJoin(guy, 'Guy');
    await guy.getByRole('heading', { name: 'Waiting to be let in' }).waitFor();
    await mo.getByRole('button', { name: 'Guy is waiting to join.' }).click();
    await mo.getByRole('button', { name: 'Admit' }).click();
    await expect.poll(() => guy.locator('.tiles .tile').count(), { timeout: 15_000 }).toBe(2);
    // Admitted, Guy is subscribed to what was published while he waited (his join asked for it), and decodes Mo's camera.
    await expect.poll(async () => (await inboundWidths(guy)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);

    // Chat: text stays text, links are safe, private messages reach one person.
    await guy.getByRole('button', { name: 'Chat' }).click();
    await guy.getByLabel('Message').fill('Minutes at https://example.org/minutes <b>bold?</b>');
    await guy.getByLabel('Message').press('Enter');
    await mo.getByRole('button', { name: /^Chat/ }).click();
    const message = mo.locator('.message').filter({ hasText: 'Minutes at' });
    await message.waitFor();
    expect(await message.locator('b').count()).toBe(0);
    expect(await message.locator('.message-text').textContent()).toContain('<b>bold?</b>');
    expect(await message.locator('a').getAttribute('href')).toBe('https://example.org/minutes');
    expect(await message.locator('a').getAttribute('rel')).toContain('noopener');
    await mo.getByLabel('To').selectOption({ label: 'Guy' });
    await mo.getByLabel('Message').fill('psst');
    await mo.getByRole('button', { name: 'Send' }).click();
    await guy.locator('.message.private').filter({ hasText: 'psst' }).waitFor();

    // Hands and reactions.
    await guy.getByRole('button', { name: 'Raise hand' }).click();
    await mo.getByRole('button', { name: 'People' }).click();
    await mo.locator('.hand-queue li').filter({ hasText: 'Guy' }).waitFor();
    await guy.locator('.controls summary').filter({ hasText: 'Reactions' }).click();
    await guy.getByRole('button', { name: 'React with 👏' }).click();
    await mo.locator('.tile[aria-label="Guy"] .reaction').waitFor();

    // Mute, then ask to unmute: only Guy can unmute himself.
    await mo.locator('.person').filter({ hasText: 'Guy' }).locator('summary').click();
    await mo.getByRole('button', { name: 'Mute', exact: true }).click();
    await guy.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    // Janus itself drops a muted participant's audio, whatever their browser sends.
    await guy.evaluate(() => {
      for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
        for (const sender of connection.getSenders()) if (sender.track?.kind === 'audio') sender.track.enabled = true;
      }
    });
    await expect.poll(() => audioPacketsPerSecond(mo), { timeout: 10_000 }).toBe(0);
    await mo.getByRole('button', { name: 'Ask to unmute' }).click();
    await guy.getByRole('alertdialog').getByRole('button', { name: 'Unmute' }).click();
    await mo.locator('.tile[aria-label="Guy"] [aria-label="Microphone off"]').waitFor({ state: 'detached' });
    await expect.poll(() => audioPacketsPerSecond(mo), { timeout: 10_000 }).toBeGreaterThan(10);

    // Locks: the public chat off for viewers and guests, who may still write privately to a moderator.
    await mo.getByRole('button', { name: 'Moderation' }).click();
    await mo.getByLabel('Chat', { exact: true }).check();
    await expect.poll(() => guy.locator('#chat-to option').allTextContents()).toEqual(['Mo']);

    // Simulcast: Mo receives Guy's camera large; with data saver, the lowest layer.
    await expect.poll(async () => Math.max(0, ...(await inboundWidths(mo))), { timeout: 20_000 }).toBeGreaterThanOrEqual(320);
    await mo.locator('.controls summary').filter({ hasText: 'More' }).click();
    await mo.getByLabel('Data saver').check();
    await expect.poll(async () => Math.max(0, ...(await inboundWidths(mo))), { timeout: 20_000 }).toBeLessThanOrEqual(160);
    await mo.getByLabel('Data saver').uncheck();
    await mo.locator('.controls summary').filter({ hasText: 'More' }).click();

    // Screen sharing: Guy's screen is shown large to Mo; a second sharer is refused.
    await guy.getByRole('button', { name: 'Share screen' }).click();
    await mo.locator('.tiles.large .tile.screen video:not([hidden])').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => mo.locator('.tiles.large .tile.screen video').evaluate((video: HTMLVideoElement) => video.videoWidth), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await mo.screenshot({ path: path.join(artifactsFolder, 'screen-share.png') });
    await mo.getByRole('button', { name: 'Share screen' }).click();
    await mo.getByText('Guy is already sharing a screen.').waitFor();
    await guy.getByRole('button', { name: 'Stop sharing' }).click();
    await mo.locator('.tile.screen').waitFor({ state: 'detached' });

    // Remove with a ban: Guy cannot come back.
    await mo.getByRole('button', { name: 'People' }).click();
    await mo.locator('.person').filter({ hasText: 'Guy' }).locator('summary').click();
    await mo.getByRole('button', { name: 'Remove and ban' }).click();
    await guy.getByRole('heading', { name: 'You were removed' }).waitFor();
    await guy.goto(roomUrl);
    await fillAndJoin(guy, 'Guy');
    await guy.getByText('You were removed from this meeting and cannot rejoin it.').waitFor();

    mo.on('dialog', (dialog) => void dialog.accept());
    await mo.getByRole('button', { name: 'Moderation' }).click();
    await mo.getByRole('button', { name: 'End meeting for everyone' }).click();
    await mo.getByRole('heading', { name: 'The meeting has ended' }).waitFor();
  });
});
