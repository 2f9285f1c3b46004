/** The server's reading of uploaded PDFs, with the real pdf.js in a worker thread: what passes and each refusal. */
import { describe, expect, it } from 'vitest';
import { limits } from '../../shared/limits.js';
import { inspectPresentation } from './presentation-inspector.js';
import { scriptedPdf, testPdf } from './presentation-testing.js';

describe('reading an uploaded PDF', () => {
  it('counts the pages of a readable PDF', async () => {
    expect(await inspectPresentation(await testPdf(3))).toEqual({ ok: true, value: { pages: 3 } });
  });

  it('refuses what is not a PDF, and a PDF cut short', async () => {
    expect(await inspectPresentation(Buffer.from('<html>not a pdf</html>'))).toMatchObject({ ok: false, code: 'presentation_invalid' });
    const whole = await testPdf(2);
    const cut = whole.subarray(0, Math.floor(whole.length / 3));
    expect(await inspectPresentation(cut)).toMatchObject({ ok: false, code: 'presentation_invalid' });
  });

  it('refuses more pages than a presentation may have', async () => {
    const refused = await inspectPresentation(await testPdf(limits.presentationPagesMax + 1, [50, 50]));
    expect(refused).toMatchObject({ ok: false, code: 'presentation_too_many_pages' });
    if (!refused.ok) expect(refused.message).toContain(String(limits.presentationPagesMax));
  });

  it('refuses a page larger than the limit (a PDF bomb of huge pages)', async () => {
    const huge = await testPdf(1, [limits.presentationPagePointsMax + 1, 100]);
    expect(await inspectPresentation(huge)).toMatchObject({ ok: false, code: 'presentation_page_too_large' });
  });

  it('refuses a PDF that runs JavaScript', async () => {
    expect(await inspectPresentation(scriptedPdf())).toMatchObject({ ok: false, code: 'presentation_has_script' });
    // Names written with escapes: pdf.js reads them as the script they are.
    expect(await inspectPresentation(scriptedPdf(true))).toMatchObject({ ok: false, code: 'presentation_has_script' });
  });

  it('gives up on a PDF it cannot read in time, and reads the next one', async () => {
    expect(await inspectPresentation(await testPdf(3), 1)).toMatchObject({ ok: false, code: 'presentation_invalid' });
    expect(await inspectPresentation(await testPdf(1))).toEqual({ ok: true, value: { pages: 1 } });
  });
});
