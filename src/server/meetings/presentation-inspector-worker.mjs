/**
 * The worker thread behind `presentation-inspector.ts`: reads one uploaded PDF with pdf.js's
 * legacy build (no eval, no fonts loaded, pdf.js's own worker run in this thread) and says how many
 * pages it has, or why it is refused. Plain JavaScript, so that it runs as it is in every process
 * that starts it (the server under tsx, tests under vitest). One worker per PDF: the parent
 * terminates it when it takes too long, so a PDF made to hang the reader hangs only this thread.
 *
 * workerData: `{ bytes: Uint8Array, pagesMax, pagePointsMax }`.
 * Message out, once: `{ ok: true, pages }` or `{ ok: false, code }` with a `presentation_*` code.
 */
import { parentPort, workerData } from 'node:worker_threads';
// Loaded first, so pdf.js runs its "worker" in this thread instead of starting another.
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

globalThis.pdfjsWorker = pdfjsWorker;
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

/** Script names in the bytes as written (uncompressed objects); pdf.js sees those in object streams. */
const scriptName = /\/(?:JavaScript|JS)[\s/(<[]/;

/** Whether an actions map (pdf.js's `getJSActions()` or an annotation's `actions`) holds any script. */
const hasActions = (actions) => actions !== null && actions !== undefined && Object.keys(actions).length > 0;

async function inspect({ bytes, pagesMax, pagePointsMax }) {
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') === -1) return { ok: false, code: 'presentation_invalid' };
  if (scriptName.test(Buffer.from(bytes).toString('latin1'))) return { ok: false, code: 'presentation_has_script' };
  let document;
  try {
    document = await getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch {
    return { ok: false, code: 'presentation_invalid' };
  }
  try {
    if (document.numPages < 1) return { ok: false, code: 'presentation_invalid' };
    if (document.numPages > pagesMax) return { ok: false, code: 'presentation_too_many_pages' };
    if (hasActions(await document.getJSActions())) return { ok: false, code: 'presentation_has_script' };
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      if (!(width > 0 && height > 0)) return { ok: false, code: 'presentation_invalid' };
      if (width > pagePointsMax || height > pagePointsMax) return { ok: false, code: 'presentation_page_too_large' };
      if (hasActions(await page.getJSActions())) return { ok: false, code: 'presentation_has_script' };
      const annotations = await page.getAnnotations();
      if (annotations.some((annotation) => hasActions(annotation.actions))) return { ok: false, code: 'presentation_has_script' };
      page.cleanup();
    }
    return { ok: true, pages: document.numPages };
  } catch {
    return { ok: false, code: 'presentation_invalid' };
  } finally {
    await document.destroy();
  }
}

parentPort?.postMessage(await inspect(workerData));
