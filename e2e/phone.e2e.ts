/**
 * The meeting on a phone (390 × 844 CSS pixels) in a real browser: one bottom bar of five
 * actions and "More", all inside the screen, "More" opening inside it and closing on Escape or a
 * tap outside; with the chat open as a sheet, the video keeps at
 * least half the screen's height, uncovered, and the chat's message box and Send stay in view;
 * the header's "Copy invite link" copies the room's link and says so in a live region.
 */
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SyntheticParticipant } from '../bench/synthetic/index.js';
import { artifactsFolder, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();
const phone = { width: 390, height: 844 };

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box`);
  return found;
}

describe('the meeting on a phone', () => {
  it('has one bar of six and a More menu inside the screen, and keeps half the screen for the video with the chat open', async () => {
    const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
    const { roomId } = (await created.json()) as { roomId: string };
    const context = await fixture.chromium.browser.newContext({ viewport: phone, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${fixture.plenary.url}/r/${roomId}`);
    await page.getByLabel('Your name').fill('Pat');
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.locator('.tiles [data-local="true"] video:not([hidden])').waitFor();

    // The bottom bar: microphone, camera, hand, chat, More and leave, side by side inside the screen.
    const bar = page.getByRole('navigation', { name: 'Meeting controls' });
    const barItems = bar.locator(':scope > :is(button, details):visible');
    expect(await barItems.count()).toBe(6);
    for (const item of await barItems.all()) {
      const { x, y, width, height } = await box(item);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x + width).toBeLessThanOrEqual(phone.width);
      expect(y + height).toBeLessThanOrEqual(phone.height);
    }

    // "More" opens inside the screen, and closes on Escape (focus back on it) or a tap outside.
    const more = bar.locator('details.more');
    await more.locator('summary').click();
    const menu = await box(more.locator('.popover-panel'));
    expect(menu.x).toBeGreaterThanOrEqual(0);
    expect(menu.x + menu.width).toBeLessThanOrEqual(phone.width);
    expect(menu.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Escape');
    expect(await more.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
    expect(await more.locator('summary').evaluate((summary) => summary === document.activeElement)).toBe(true);
    await more.locator('summary').click();
    await page.locator('.meeting-bar h1').tap();
    expect(await more.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);

    await bar.getByRole('button', { name: 'Chat' }).click();
    const chat = page.getByRole('complementary', { name: 'Chat' });
    await chat.waitFor();
    const stage = await box(page.locator('.stage'));
    const sheet = await box(chat);
    const video = await box(page.locator('.tiles [data-local="true"] video'));
    expect(stage.height).toBeGreaterThanOrEqual(phone.height / 2);
    expect(video.height).toBeGreaterThanOrEqual(phone.height / 2 - 40);
    expect(sheet.y).toBeGreaterThanOrEqual(stage.y + stage.height - 1);
    expect(sheet.width).toBeGreaterThanOrEqual(phone.width - 1);
    for (const control of [chat.getByLabel('Message'), chat.getByRole('button', { name: 'Send' })]) {
      const { y, height } = await box(control);
      expect(y + height).toBeLessThanOrEqual(sheet.y + sheet.height);
    }
    await page.screenshot({ path: path.join(artifactsFolder, 'meeting-phone-chat.png') });

    // A second person, camera off: the two tiles share the stage in rows of one height (the rule of
    // wider screens, rows as tall as their tiles, once reached the phone and made them 493 and 218 px).
    const sam = await SyntheticParticipant.join({ name: 'Sam', room: roomId, baseUrl: fixture.plenary.url, video: false, muted: true });
    try {
      await page.locator('.tiles .tile[aria-label="Sam"]').waitFor();
      const heights = await page.locator('.tiles .tile').evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().height));
      expect(heights).toHaveLength(2);
      expect(Math.abs((heights[0] ?? 0) - (heights[1] ?? 0))).toBeLessThanOrEqual(1);
    } finally {
      sam.close();
    }

    // The header's invite button copies the room's link and says so where screen readers hear it.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy invite link' }).click();
    await page.getByRole('status').filter({ hasText: 'Invite link copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${fixture.plenary.url}/r/${roomId}`);
    await context.close();
  });
});
