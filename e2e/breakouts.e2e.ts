/**
 * Breakout rooms with four real browsers: the moderator puts two pairs in two rooms for a minute;
 * each page moves without reloading, each pair receives only each other's media, a message to
 * every room reaches the other room, everyone is warned, and when the minute is up everyone is
 * back in the main meeting, receiving all three others again.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsFolder, decodingTiles, joinAs, startMeetingAs, useMeetingFixture } from './harness.js';

// A breakout room's minute lasts 30 s here (`BREAKOUT_MINUTE_MS`), so that the test sees the end come without waiting a whole one.
const fixture = useMeetingFixture({ BREAKOUT_MINUTE_MS: '30000' });

/** The names on the remote tiles whose video decoded new frames over a second. */
async function decodingNames(page: Page): Promise<string[]> {
  const tiles = await decodingTiles(page);
  const names = await Promise.all(tiles.map((tile) => page.locator(`.tile[data-tile-id="${tile}"]`).first().getAttribute('aria-label')));
  return names.map((name) => name ?? '?').sort();
}

/** The names on every remote tile the page shows. */
async function remoteNames(page: Page): Promise<string[]> {
  return (
    await page.locator('.tiles .tile:not([data-local])').evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('aria-label') ?? '?'))
  ).sort();
}

describe('breakout rooms', () => {
  it('move two pairs into two rooms without a reload, keep their media apart, and bring everyone back when the time is up', async () => {
    const mo = await fixture.newPage();
    const roomUrl = await startMeetingAs(mo, fixture.plenary.url, 'Mo');
    const [ann, bob, cat] = await Promise.all([fixture.newPage(), fixture.newPage(), fixture.newPage()]);
    await Promise.all([joinAs(ann, roomUrl, 'Ann'), joinAs(bob, roomUrl, 'Bob'), joinAs(cat, roomUrl, 'Cat')]);
    const everyone = { Mo: mo, Ann: ann, Bob: bob, Cat: cat };
    for (const page of Object.values(everyone)) await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await expect.poll(() => decodingNames(mo), { timeout: 20_000 }).toEqual(['Ann', 'Bob', 'Cat']);

    // The moderator sets up two rooms for one minute, Mo and Ann in the first, Bob and Cat in the second.
    await mo.locator('.controls summary').filter({ hasText: 'More' }).click();
    await mo.getByRole('button', { name: 'Breakout rooms' }).click();
    const panel = mo.getByRole('complementary', { name: 'Breakout rooms' });
    await panel.getByLabel('Minutes').fill('1');
    await panel.getByLabel('Name of room 1').fill('Finance');
    await panel.getByLabel('Name of room 2').fill('Outreach');
    for (const [name, room] of [
      ['Mo', 'Finance'],
      ['Ann', 'Finance'],
      ['Bob', 'Outreach'],
      ['Cat', 'Outreach'],
    ] as const) {
      await panel.getByLabel(`Room of ${name}`).selectOption({ label: room });
    }
    await mo.screenshot({ path: path.join(artifactsFolder, 'breakouts-setup.png') });
    await panel.getByRole('button', { name: 'Open the rooms' }).click();

    // Each page is in its room, and receives its partner's media and nobody else's.
    const partners = { Mo: ['Ann', 'Finance'], Ann: ['Mo', 'Finance'], Bob: ['Cat', 'Outreach'], Cat: ['Bob', 'Outreach'] } as const;
    await Promise.all(
      Object.entries(everyone).map(async ([name, page]) => {
        const [partner, room] = partners[name as keyof typeof partners];
        await page.getByText(`Breakout room: ${room}`).waitFor();
        await expect.poll(() => decodingNames(page), { timeout: 20_000 }).toEqual([partner]);
        expect(await remoteNames(page)).toEqual([partner]);
      }),
    );
    // A minute's breakout is already within its last minute: everyone is warned.
    await cat.getByText('The breakout rooms close in less than a minute').waitFor();

    // The moderator, in the first room, writes to every room; the second room reads it.
    await mo.getByLabel('Message to every room').fill('Wrap up, please');
    await mo.getByRole('button', { name: 'Send to every room' }).click();
    await bob.getByText('Mo to every room: Wrap up, please').waitFor();
    expect(await panel.getByText('Ann, in the room').count()).toBe(1);
    await mo.screenshot({ path: path.join(artifactsFolder, 'breakouts-running.png') });

    // When the minute is up, everyone is back in the main meeting, on the same page, receiving the other three.
    await Promise.all(
      Object.entries(everyone).map(async ([name, page]) => {
        await page.getByText('The breakout rooms have closed: you are back in the main room.').waitFor({ timeout: 90_000 });
        const others = Object.keys(everyone)
          .filter((other) => other !== name)
          .sort();
        await expect.poll(() => decodingNames(page), { timeout: 20_000 }).toEqual(others);
        expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      }),
    );
    expect(await mo.getByText(/^Breakout room:/).count()).toBe(0);
  });
});
