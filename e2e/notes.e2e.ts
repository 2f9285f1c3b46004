/**
 * Shared notes in a meeting of two real browsers: both type into the notes at the same moment and
 * end with the same text; each sees the other's caret with their name; a moderator's lock makes
 * the other's editor read-only; the notes download as Markdown.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsFolder, joinAs, startMeetingAs, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

async function openNotes(page: Page) {
  await page.getByRole('button', { name: 'Notes' }).click();
  const editor = page.getByRole('textbox', { name: 'Shared notes' });
  await editor.waitFor();
  return editor;
}

/** The notes' text, block by block, without the others' carets and their names. */
function documentText(editor: Locator): Promise<string> {
  return editor.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.notes-caret')) caret.remove();
    return [...copy.children].map((block) => block.textContent).join('\n');
  });
}

describe('shared notes in a meeting', () => {
  it('converges two people typing at once, shows whose caret is whose, locks, and downloads as Markdown', async () => {
    const mo = await fixture.newPage();
    const roomUrl = await startMeetingAs(mo, fixture.plenary.url, 'Mo');
    const ann = await fixture.newPage();
    await joinAs(ann, roomUrl, 'Ann');

    const [moNotes, annNotes] = await Promise.all([openNotes(mo), openNotes(ann)]);
    await moNotes.click();
    await annNotes.click();
    // Both type at once, each a line of their own — long enough, and fast enough, that sending
    // each keystroke alone would outrun the notes rate.
    const moLine = 'Mo writes the agenda: budget for the new servers, the rota for the help desk, and the date of the next assembly';
    const annLine = 'Ann takes the minutes and counts the votes: four for, one against, two abstentions, the motion carried as amended';
    await Promise.all([moNotes.pressSequentially(moLine, { delay: 5 }), annNotes.pressSequentially(annLine, { delay: 5 })]);
    await expect.poll(async () => (await documentText(moNotes)) === (await documentText(annNotes)), { timeout: 10_000 }).toBe(true);
    const text = await documentText(moNotes);
    expect(text).toContain(moLine);
    expect(text).toContain(annLine);
    // Each sees the other's caret, named from the roster.
    await mo.locator('.notes-caret-name', { hasText: 'Ann' }).waitFor();
    await ann.locator('.notes-caret-name', { hasText: 'Mo' }).waitFor();

    // Formatting from the keyboard reaches the other side as formatting.
    await moNotes.press('End');
    await moNotes.press('Enter');
    await mo.keyboard.press('Control+b');
    await mo.keyboard.type('Decided');
    await ann.locator('.notes-editor strong', { hasText: 'Decided' }).waitFor();

    await mo.screenshot({ path: path.join(artifactsFolder, 'notes-1280.png') });
    await ann.setViewportSize({ width: 390, height: 844 });
    await ann.screenshot({ path: path.join(artifactsFolder, 'notes-390.png') });
    await ann.setViewportSize({ width: 1280, height: 720 });

    // The moderator locks: Ann can read but not write, and is told so.
    await mo.getByRole('button', { name: 'Lock the notes' }).click();
    await ann.getByText('A moderator has locked the notes').waitFor();
    await expect.poll(() => annNotes.getAttribute('contenteditable')).toBe('false');
    await mo.getByRole('button', { name: 'Unlock the notes' }).click();
    await expect.poll(() => annNotes.getAttribute('contenteditable')).toBe('true');

    const [download] = await Promise.all([ann.waitForEvent('download'), ann.getByRole('button', { name: 'Download as Markdown' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile((await download.path()) ?? '', 'utf8');
    expect(markdown).toContain('**Decided**');
    expect(markdown).toContain('agenda');
  });
});
