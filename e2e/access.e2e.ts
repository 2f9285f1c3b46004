/**
 * Access in real browsers: a viewer access code typed on the pre-join screen, promotion to
 * moderator from the participant list, a camera turned off by a moderator, a locked room, and
 * audio-only mode (no video received at all).
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sampleInbound, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

/** Total video frames decoded by the page so far. */
async function framesDecoded(page: Page): Promise<number> {
  return (await sampleInbound(page)).reduce((sum, sample) => sum + sample.videoFramesDecoded, 0);
}

describe('access and roles', () => {
  it('asks for the viewer code, promotes a viewer, turns a camera off, locks the room, and receives no video in audio-only mode', async () => {
    const mo = await fixture.newPage();
    await mo.goto(fixture.plenary.url);
    await mo.getByRole('button', { name: 'New meeting' }).click();
    await mo.waitForURL(/\/r\/[a-z2-9-]{14}$/);
    const roomUrl = mo.url();
    await mo.goto(`${roomUrl}/settings`);
    await mo.getByLabel('Access code for viewers (leave empty for none)').fill('orchard');
    await mo.getByRole('button', { name: 'Save settings' }).click();
    await mo.getByText('Settings saved.').waitFor();
    await mo.goto(roomUrl);
    await mo.getByLabel('Your name').fill('Mo');
    await mo.getByRole('button', { name: 'Join meeting' }).click();
    await mo.locator('.tiles [data-local="true"]').waitFor();

    // The viewer needs the code: a wrong one is refused with a clear reason.
    const val = await fixture.newPage();
    await val.goto(roomUrl);
    await val.getByLabel('Your name').fill('Val');
    await val.getByLabel('Access code').fill('apple');
    await val.getByRole('button', { name: 'Join meeting' }).click();
    await val.getByText('That access code is not right.').waitFor();
    await val.getByRole('button', { name: 'Rejoin' }).click();
    await val.getByLabel('Access code').fill('orchard');
    await val.getByRole('button', { name: 'Join meeting' }).click();
    await expect.poll(() => val.locator('.tiles .tile').count(), { timeout: 15_000 }).toBe(2);

    // Promotion from the participant list; the new moderator sees the moderation controls.
    await mo.getByRole('button', { name: 'People' }).click();
    const valEntry = mo.locator('.person').filter({ hasText: 'Val' });
    await valEntry.getByText('Viewer').waitFor();
    await valEntry.locator('summary').click();
    await mo.getByRole('button', { name: 'Make moderator' }).click();
    await valEntry.getByText('Moderator').waitFor();
    await val.getByRole('button', { name: 'Moderation' }).waitFor();

    // A moderator turns Mo's camera off: Val sees initials instead of video.
    await val.getByRole('button', { name: 'People' }).click();
    await val
      .locator('.person')
      .filter({ has: val.locator('.person-name', { hasText: /^Mo$/ }) })
      .locator('summary')
      .click();
    await val.locator('.person-actions').getByRole('button', { name: 'Turn camera off' }).click();
    await mo.getByRole('button', { name: 'Turn camera on' }).waitFor();
    await val.locator('.tile[aria-label="Mo"] .avatar').waitFor();
    // Janus itself stops Mo's video, even if Mo's browser keeps sending it.
    await mo.evaluate(() => {
      for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
        for (const sender of connection.getSenders()) if (sender.track?.kind === 'video') sender.track.enabled = true;
      }
    });
    await expect
      .poll(
        async () => {
          const before = await framesDecoded(val);
          await val.waitForTimeout(1_000);
          return (await framesDecoded(val)) - before;
        },
        { timeout: 10_000 },
      )
      .toBe(0);

    // A locked room lets nobody new in.
    await mo.getByRole('button', { name: 'Moderation' }).click();
    await mo.getByLabel('Lock the meeting (nobody new can join)').check();
    const late = await fixture.newPage();
    await late.goto(roomUrl);
    await late.getByLabel('Your name').fill('Late');
    await late.getByLabel('Access code').fill('orchard');
    await late.getByRole('button', { name: 'Join meeting' }).click();
    await late.getByText('This meeting is locked: nobody new can join.').waitFor();

    // Audio only: Mo turns the camera back on, then Val stops receiving video altogether.
    await mo.getByRole('button', { name: 'Turn camera on' }).click();
    await expect
      .poll(
        async () => {
          const before = await framesDecoded(val);
          await val.waitForTimeout(1_000);
          return (await framesDecoded(val)) > before;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await val.locator('.controls summary').filter({ hasText: 'More' }).click();
    await val.getByLabel('Audio only').check();
    await val.waitForTimeout(1_500);
    const before = await framesDecoded(val);
    await val.waitForTimeout(2_000);
    expect(await framesDecoded(val)).toBe(before);
    expect(await val.getByRole('button', { name: 'Turn camera on' }).isDisabled()).toBe(true);
  });
});
