/** A moderator's upload of a PDF, with its progress: XMLHttpRequest, as fetch cannot tell how much was sent. */
import { presentationTicketHeader } from '../../../shared/presentation-protocol.js';

/** Office and OpenDocument files, by extension and by type: Plenary shows PDFs, and converts nothing on the server. */
const officeExtensions = /\.(docx?|dotx?|odt|ott|rtf|pptx?|ppsx?|potx?|odp|otp|key|xlsx?|ods|pages|numbers)$/i;
const officeTypes = /^application\/(msword|vnd\.ms-|vnd\.openxmlformats-officedocument\.|vnd\.oasis\.opendocument\.|rtf$)/;

/** Whether `file` is an office document (a word processor's, a slide show's, a spreadsheet's) rather than a PDF. */
export function isOfficeDocument(file: Pick<File, 'name' | 'type'>): boolean {
  return officeExtensions.test(file.name) || officeTypes.test(file.type);
}

/** How an upload ended: shown to everyone (with its page count), or refused with the server's code and sentence. */
export type UploadResult = { ok: true; pages: number } | { ok: false; code: string; message: string };

/** Sends `file` with `ticket`; `onProgress` gets the share sent, 0 to 1 (1: the server is reading it). */
export function uploadPresentation(roomId: string, ticket: string, file: File, onProgress: (sent: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/rooms/${encodeURIComponent(roomId)}/presentations?name=${encodeURIComponent(file.name)}`);
    request.setRequestHeader('content-type', 'application/pdf');
    request.setRequestHeader(presentationTicketHeader, ticket);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status === 201) {
        const pages = (body as { pages?: unknown } | undefined)?.pages;
        return resolve({ ok: true, pages: typeof pages === 'number' ? pages : 0 });
      }
      const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      resolve({
        ok: false,
        code: typeof error?.code === 'string' ? error.code : 'unexpected_response',
        message: typeof error?.message === 'string' ? error.message : '',
      });
    });
    request.addEventListener('error', () => resolve({ ok: false, code: 'network_error', message: '' }));
    request.send(file);
  });
}
