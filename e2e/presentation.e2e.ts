/**
 * A presentation in a meeting of two real browsers: a PDF with a script is refused in words; the
 * moderator uploads a 3-page PDF (made here with pdfkit, each page its own colour), pages to 2 and
 * the other sees page 2 drawn by pdf.js (the label and a pixel of the canvas); the moderator hands
 * presenter rights over, the other pages to 3 with the keyboard, and the moderator sees page 3.
 * The page and its panel pass axe.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scriptedPdf, testPageColours, testPdf } from '../src/server/meetings/presentation-testing.js';
import { artifactsFolder, joinAs, startMeetingAs, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

/** The canvas of the page shown, once it shows `page` of 3 of slides.pdf. */
async function pageShown(page: Page, number: number) {
  const canvas = page.getByRole('img', { name: `Page ${number} of 3 of slides.pdf` });
  await canvas.waitFor();
  await page.locator(`.presentation-stage canvas[data-page="${number}"]`).waitFor();
  return canvas;
}

/** The colour of a pixel near the bottom right of the drawn page (the page's background), as #rrggbb. */
function cornerColour(page: Page): Promise<string> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.presentation-stage canvas');
    const pixel = canvas?.getContext('2d')?.getImageData(canvas.width - 4, canvas.height - 4, 1, 1).data;
    return pixel ? `#${[pixel[0], pixel[1], pixel[2]].map((value) => (value ?? 0).toString(16).padStart(2, '0')).join('')}` : '';
  });
}

describe('a presentation in a meeting', () => {
  it('is uploaded, paged in sync for everyone, and handed to another presenter', async () => {
    const mo = await fixture.newPage();
    const roomUrl = await startMeetingAs(mo, fixture.plenary.url, 'Mo');
    const ann = await fixture.newPage();
    await joinAs(ann, roomUrl, 'Ann');

    await mo.getByRole('button', { name: 'Presentation' }).click();
    // An office document is told apart at once: this server converts nothing, and says what to do.
    const pptx = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    await mo.getByLabel('Upload a PDF').setInputFiles({ name: 'slides.pptx', mimeType: pptx, buffer: Buffer.from('PK') });
    await mo.getByRole('alert').getByText('“slides.pptx” is an office document').waitFor();
    // A refused PDF says why, and changes nothing for anyone.
    await mo.getByLabel('Upload a PDF').setInputFiles({ name: 'trap.pdf', mimeType: 'application/pdf', buffer: scriptedPdf() });
    await mo.getByRole('alert').getByText('This PDF contains JavaScript, which is not allowed in a presentation.').waitFor();
    expect(await ann.locator('.presentation-stage').count()).toBe(0);
    await mo.getByLabel('Upload a PDF').setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: await testPdf(3) });
    await mo.getByText('slides.pdf is shown to everyone.').waitFor();
    await pageShown(ann, 1);
    expect(await cornerColour(ann)).toBe(testPageColours[0]);

    await mo.getByRole('button', { name: 'Next page' }).click();
    await pageShown(ann, 2);
    await ann.getByText('Page 2 of 3', { exact: true }).waitFor();
    expect(await cornerColour(ann)).toBe(testPageColours[1]);
    await mo.screenshot({ path: path.join(artifactsFolder, 'presentation-presenter-1280.png') });
    // The page, its controls and the panel pass axe (WCAG 2.2 AA): no serious or critical violation.
    const axe = await new AxeBuilder({ page: mo })
      .include('.presentation-stage')
      .include('.presentation-panel')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    // Only the presenter has the buttons.
    expect(await ann.getByRole('button', { name: 'Next page' }).count()).toBe(0);

    await mo.getByLabel('Presenter').selectOption({ label: 'Ann' });
    await mo.getByRole('button', { name: 'Make presenter' }).click();
    await ann.getByRole('button', { name: 'Next page' }).waitFor();
    await ann.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await ann.keyboard.press('ArrowRight');
    await pageShown(mo, 3);
    expect(await cornerColour(mo)).toBe(testPageColours[2]);
  });
});
