/**
 * Polls in a meeting of three real browsers: a moderator asks a named poll with written answers,
 * everyone answers once (a second answer forced through the socket is refused), the moderator
 * watches the totals come in, publishes them to everyone and downloads them as CSV; then an
 * anonymous free-text poll shows no names, not even to the moderator.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsFolder, joinAs, startMeetingAs, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

// Plain JavaScript run in the page before its own scripts: keeps its WebSockets in `window.__sockets`,
// so the test can send what the page itself never would.
const recordSockets = `
  (() => {
    const Original = window.WebSocket;
    const sockets = [];
    window.__sockets = sockets;
    window.WebSocket = class extends Original {
      constructor(...parameters) {
        super(...parameters);
        sockets.push(this);
      }
    };
  })();
`;

/** Each result line as a screen reader reads it ("Red: 2 answers, 67%"). */
function resultLines(page: Page): Promise<string[]> {
  return page.locator('.poll-bar .visually-hidden').allTextContents();
}

async function answer(page: Page, choice: string): Promise<void> {
  await page.getByRole('radio', { name: choice }).check();
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await page.getByText('Your answer was recorded.').waitFor();
}

async function screenshotAtWidths(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifactsFolder, `${name}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(artifactsFolder, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('polls in a meeting', () => {
  it('asks, answers once, shows live and published results, exports them, and keeps an anonymous poll anonymous', async () => {
    const mo = await fixture.newPage();
    const roomUrl = await startMeetingAs(mo, fixture.plenary.url, 'Mo');
    const [ann, bob] = [await fixture.newPage(), await fixture.newPage()];
    await ann.context().addInitScript({ content: recordSockets });
    await Promise.all([joinAs(ann, roomUrl, 'Ann'), joinAs(bob, roomUrl, 'Bob')]);
    // Nobody but a moderator sees Polls before a poll is asked.
    expect(await ann.getByRole('button', { name: /^Polls/ }).count()).toBe(0);

    // The moderator's form says what is missing, on the field, which takes the focus.
    await mo.getByRole('button', { name: 'Polls' }).click();
    await mo.getByRole('button', { name: 'Start the poll' }).click();
    await mo.getByText('Write the question.').waitFor();
    expect(await mo.evaluate(() => document.activeElement?.id)).toBe('poll-question');
    await mo.getByLabel('Question').fill('Which colour for the banner?');
    await mo.getByLabel('Answers you write').check();
    for (const [index, colour] of ['Red', 'Green', 'Blue'].entries())
      await mo.getByRole('textbox', { name: `Answer ${index + 1}`, exact: true }).fill(colour);
    await mo.getByRole('button', { name: 'Start the poll' }).click();

    // The others' Polls panel opens by itself, with the question and its answers.
    await ann.getByRole('complementary', { name: 'Polls' }).getByRole('heading', { name: 'Which colour for the banner?' }).waitFor();
    await bob.getByRole('radio', { name: 'Red' }).waitFor();
    await screenshotAtWidths(bob, 'poll-answer');
    await answer(ann, 'Red');
    // Bob answers with the keyboard only: the opened panel has the focus; Tab reaches the choices, then Submit.
    await bob.keyboard.press('Tab');
    await bob.keyboard.press('Space');
    expect(await bob.getByRole('radio', { name: 'Red' }).isChecked()).toBe(true);
    await bob.keyboard.press('Tab');
    await bob.keyboard.press('Enter');
    await bob.getByText('Your answer was recorded.').waitFor();
    expect(await bob.evaluate(() => document.activeElement?.textContent)).toBe('Your answer was recorded.');
    await answer(mo, 'Green');

    // The moderator sees the totals live, and who answered what.
    const totals = ['Red: 2 answers, 67%', 'Green: 1 answer, 33%', 'Blue: 0 answers, 0%'];
    await expect.poll(() => resultLines(mo)).toEqual(totals);
    await mo.getByText('3 of 3 participants answered').waitFor();
    expect(await mo.locator('.poll-bar-figures').allTextContents()).toEqual(['2 (67%)', '1 (33%)', '0 (0%)']);
    const named = await mo.locator('.poll-named tbody tr').allInnerTexts();
    expect(named.map((row) => row.split(/\s+/).join(' ')).sort()).toEqual(['Ann Red', 'Bob Red', 'Mo Green']);

    // Answering twice: the page offers no second answer, and the server refuses one sent anyway.
    expect(await ann.getByRole('radio').count()).toBe(0);
    expect(await ann.getByRole('button', { name: 'Submit answer' }).count()).toBe(0);
    const pollId = (await ann.locator('.poll-heading').getAttribute('id'))?.replace('poll-question-', '');
    await ann.evaluate((id) => {
      const sockets = (window as unknown as { __sockets: WebSocket[] }).__sockets;
      sockets.at(-1)?.send(JSON.stringify({ type: 'poll-answer', pollId: id, answer: { choice: 2 } }));
    }, pollId);
    await ann.getByText('You have already answered this poll.').waitFor();
    await mo.waitForTimeout(400);
    expect(await resultLines(mo)).toEqual(totals);
    expect(await ann.locator('.poll-bar').count()).toBe(0);

    // Closed, then published: everyone sees the same totals, and nobody else sees names.
    await mo.getByRole('button', { name: 'Close poll' }).click();
    await mo.getByRole('button', { name: 'Publish results' }).click();
    for (const page of [ann, bob]) {
      await expect.poll(() => resultLines(page)).toEqual(totals);
      await page.getByText('3 of 3 participants answered').waitFor();
      expect(await page.locator('.poll-named').count()).toBe(0);
    }
    await screenshotAtWidths(mo, 'poll-results');

    // The CSV holds the totals and who answered what.
    const [download] = await Promise.all([mo.waitForEvent('download'), mo.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('poll-results.csv');
    const csv = await readFile(await download.path(), 'utf8');
    for (const line of ['Red,2', 'Green,1', 'Blue,0', 'Ann,Red', 'Bob,Red', 'Mo,Green']) expect(csv).toContain(line);

    // An anonymous free-text poll: two answers, published; the moderator sees no names. Bob has the
    // chat open: it stays open, and the Polls button says a poll awaits his answer.
    await bob.getByRole('button', { name: 'Chat' }).click();
    await mo.getByRole('button', { name: 'New poll' }).click();
    await mo.getByLabel('Question').fill('One word for today?');
    await mo.getByLabel('Free text').check();
    await mo.getByLabel('Anonymous').check();
    await mo.getByRole('button', { name: 'Start the poll' }).click();
    const pollsCue = bob.getByRole('button', { name: 'Polls, a poll to answer' });
    await pollsCue.waitFor();
    expect(await bob.getByRole('complementary', { name: 'Chat' }).count()).toBe(1);
    await pollsCue.click();
    for (const [page, word] of [
      [ann, 'Calm'],
      [bob, 'Busy'],
    ] as const) {
      await page.getByLabel('Your answer').fill(word);
      await page.getByRole('button', { name: 'Submit answer' }).click();
      await page.getByText('Your answer was recorded.').waitFor();
    }
    await mo.getByText('2 of 3 participants answered').waitFor();
    expect((await resultLines(mo)).sort()).toEqual(['Busy: 1 answer, 50%', 'Calm: 1 answer, 50%']);
    expect(await mo.locator('.poll-named').count()).toBe(0);
    const moderatorView = await mo.locator('.panel-body.polls').textContent();
    expect(moderatorView).not.toMatch(/Ann|Bob/);
    await mo.getByRole('button', { name: 'Close poll' }).click();
    await mo.getByRole('button', { name: 'Publish results' }).click();
    await expect.poll(async () => (await resultLines(ann)).sort()).toEqual(['Busy: 1 answer, 50%', 'Calm: 1 answer, 50%']);
  });
});
