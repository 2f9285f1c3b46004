/**
 * Reads an uploaded PDF before a meeting shows it: pdf.js (legacy build, no eval) in a worker
 * thread of its own per PDF, terminated after `limits.presentationInspectionTimeoutMs`, with at
 * most `limits.presentationInspectionsAtOnceMax` at once in the process. Refuses what is not a
 * PDF or cannot be read, more than `limits.presentationPagesMax` pages, a page wider or taller
 * than `limits.presentationPagePointsMax` points, and any document, page or annotation script.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { limits } from '../../shared/limits.js';
import type { PresentationErrorCode } from '../../shared/presentation-protocol.js';
import { type Failure, failure, type Result } from '../platform/outcome.js';
import { meetingsWords } from './words.js';

const InspectionReplySchema = z.union([
  z.object({ ok: z.literal(true), pages: z.number().int().min(1) }),
  z.object({
    ok: z.literal(false),
    code: z.enum(['presentation_invalid', 'presentation_too_many_pages', 'presentation_page_too_large', 'presentation_has_script']),
  }),
]);

/** The refusal of each code, in the meetings' words. */
function refusal(code: PresentationErrorCode): Failure<PresentationErrorCode> {
  if (code === 'presentation_too_many_pages') return failure(code, meetingsWords.phrase(code, { max: limits.presentationPagesMax }));
  if (code === 'presentation_page_too_large') return failure(code, meetingsWords.phrase(code, { max: limits.presentationPagePointsMax }));
  return failure(code, meetingsWords.phrase(code));
}

let inspecting = 0;

/** How many pages the PDF has, or why it is refused (`presentation_busy` when the server already reads as many as it may). */
export async function inspectPresentation(
  bytes: Uint8Array,
  timeoutMs: number = limits.presentationInspectionTimeoutMs,
): Promise<Result<{ pages: number }, PresentationErrorCode>> {
  if (inspecting >= limits.presentationInspectionsAtOnceMax) return refusal('presentation_busy');
  inspecting += 1;
  try {
    const reply = await inspectInWorker(bytes, timeoutMs);
    return reply.ok ? { ok: true, value: { pages: reply.pages } } : refusal(reply.code);
  } finally {
    inspecting -= 1;
  }
}

/** The worker's reply; a worker that fails, answers nonsense or takes too long makes the PDF invalid. */
function inspectInWorker(bytes: Uint8Array, timeoutMs: number): Promise<z.infer<typeof InspectionReplySchema>> {
  const invalid = { ok: false, code: 'presentation_invalid' } as const;
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./presentation-inspector-worker.mjs', import.meta.url), {
      workerData: { bytes, pagesMax: limits.presentationPagesMax, pagePointsMax: limits.presentationPagePointsMax },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (reply: z.infer<typeof InspectionReplySchema>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(() => settle(invalid), timeoutMs);
    worker.on('message', (message: unknown) => {
      const reply = InspectionReplySchema.safeParse(message);
      settle(reply.success ? reply.data : invalid);
    });
    worker.on('error', () => settle(invalid));
    worker.on('exit', () => settle(invalid));
  });
}
