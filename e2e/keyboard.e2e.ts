/**
 * The meeting by keyboard alone, in a real browser: join from the pre-join screen, mute with the
 * M shortcut, read the shortcuts in their dialog, open the chat with C and send a message (its
 * letters type, they do not trigger shortcuts), close the chat with Escape and leave with Tab and
 * Enter. No click anywhere.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

/** Whether the focused element matches the CSS `selector`. */
function focusIsOn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
}

/** Presses Tab until the focus is on `selector`; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await focusIsOn(page, selector)) return;
  }
  throw new Error(`${selector} was not reached with ${limit} presses of Tab`);
}

describe('the meeting by keyboard', () => {
  it('joins, mutes, chats and leaves without a click', async () => {
    const created = await fetch(`${fixture.plenary.url}/api/rooms`, { method: 'POST' });
    const { roomId } = (await created.json()) as { roomId: string };
    const page = await fixture.newPage();
    await page.goto(`${fixture.plenary.url}/r/${roomId}`);

    // Pre-join: Tab reaches the name field; Enter joins once the devices are open.
    await tabTo(page, '#display-name');
    await page.keyboard.type('Kay');
    await page.getByRole('button', { name: 'Join meeting' }).and(page.locator(':enabled')).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tiles [data-local="true"]').waitFor();

    await page.keyboard.press('m');
    await page.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await page.locator('.tile[data-local="true"] [aria-label="Microphone off"]').waitFor();

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // C opens the chat with the focus in its message box; M, C, V and H typed there are letters.
    await page.keyboard.press('c');
    await page.getByRole('complementary', { name: 'Chat' }).waitFor();
    // The focus moves into the panel once it has rendered, a moment after it appears.
    await expect.poll(() => focusIsOn(page, '#chat-text'), { timeout: 5_000 }).toBe(true);
    await page.keyboard.type('Much chat, very hello');
    await page.keyboard.press('Enter');
    await page.locator('.message').filter({ hasText: 'Much chat, very hello' }).waitFor();
    await page.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await page.getByRole('button', { name: 'Raise hand' }).waitFor();
    expect(await page.locator('.tile[data-local="true"] .avatar').count()).toBe(0);

    // Escape closes the chat and gives the focus back to its button; Tab reaches Leave.
    await page.keyboard.press('Escape');
    await page.getByRole('complementary', { name: 'Chat' }).waitFor({ state: 'detached' });
    await expect.poll(() => focusIsOn(page, '.toolbar button[aria-label^="Chat"]'), { timeout: 5_000 }).toBe(true);
    await tabTo(page, '.toolbar button[aria-label="Leave"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You left the meeting' }).waitFor();
    await page.context().close();
  });
});
