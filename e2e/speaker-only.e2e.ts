/**
 * A speaker-only meeting (a webinar): the room's settings page starts each meeting with viewers'
 * microphones and cameras locked, so a guest sends nothing — no publisher connection at all —
 * until a moderator promotes them; then they publish and are seen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodingTiles, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

/** The page's open connections that send media. */
function sendingConnections(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter(
        (connection) =>
          connection.connectionState !== 'closed' &&
          connection.getTransceivers().some((transceiver) => transceiver.direction === 'sendonly'),
      ).length,
  );
}

describe('a speaker-only meeting', () => {
  it('keeps viewers from sending anything until a moderator promotes them', async () => {
    const mo = await fixture.newPage();
    await mo.goto(fixture.plenary.url);
    await mo.getByRole('button', { name: 'New meeting' }).click();
    await mo.waitForURL(/\/r\/[a-z2-9-]{14}$/);
    const roomUrl = mo.url();
    await mo.goto(`${roomUrl}/settings`);
    const locks = mo.getByRole('group', { name: /Each meeting starts with these locked for viewers/ });
    await locks.getByLabel('Microphones').check();
    await locks.getByLabel('Cameras').check();
    await mo.getByRole('button', { name: 'Save settings' }).click();
    await mo.getByText('Settings saved.').waitFor();
    await mo.goto(roomUrl);
    await mo.getByLabel('Your name').fill('Mo');
    await mo.getByRole('button', { name: 'Join meeting' }).click();
    await mo.locator('.tiles [data-local="true"]').waitFor();

    const gil = await fixture.newPage();
    await gil.goto(roomUrl);
    await gil.getByLabel('Your name').fill('Gil');
    await gil.getByRole('button', { name: 'Join meeting' }).click();
    await expect.poll(() => gil.locator('.tiles .tile').count(), { timeout: 15_000 }).toBe(2);
    await mo.locator('.tile[aria-label="Gil"] .avatar').waitFor();
    await gil.waitForTimeout(1_000);
    expect(await sendingConnections(gil)).toBe(0);
    expect(await sendingConnections(mo)).toBe(1);

    await mo.getByRole('button', { name: 'People' }).click();
    const gilEntry = mo.locator('.person').filter({ hasText: 'Gil' });
    await gilEntry.locator('summary').click();
    await mo.getByRole('button', { name: 'Make moderator' }).click();
    await expect.poll(() => sendingConnections(gil), { timeout: 15_000 }).toBe(1);
    // Gil joined with the camera off (it was locked); as a moderator now, Gil turns it on and it reaches Mo.
    await gil.getByRole('button', { name: 'Turn camera on' }).click();
    await expect.poll(async () => (await decodingTiles(mo)).length, { timeout: 30_000, interval: 500 }).toBe(1);
  });
});
