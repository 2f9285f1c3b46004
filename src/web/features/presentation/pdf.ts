/**
 * The presentation's PDF in the browser: fetched once per presentation with this participant's
 * ticket (in a header, never the address), read by pdf.js (its worker served from this site, as
 * the Content-Security-Policy wants; no eval), kept while it is the one shown.
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { type PresentationView, presentationTicketHeader } from '../../../shared/presentation-protocol.js';

GlobalWorkerOptions.workerSrc = workerUrl;

/** The PDF shown now: its bytes (for a download) and pdf.js's document. */
export interface LoadedPresentation {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly document: PDFDocumentProxy;
}

let current: { id: string; loading: Promise<LoadedPresentation> } | undefined;

/** The presentation's PDF, fetched and read once (a new presentation drops the one before). */
export function loadPresentation(roomId: string, presentation: PresentationView): Promise<LoadedPresentation> {
  if (current?.id === presentation.id) return current.loading;
  const previous = current;
  const loading = (async () => {
    const response = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/presentations/${encodeURIComponent(presentation.id)}`, {
      headers: { [presentationTicketHeader]: presentation.ticket },
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`presentation fetch: ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // pdf.js takes its copy to its worker; ours stays for the download.
    const document = await getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false }).promise;
    return { id: presentation.id, bytes, document };
  })();
  current = { id: presentation.id, loading };
  void previous?.loading.then((loaded) => loaded.document.destroy()).catch(() => {});
  loading.catch(() => {
    if (current?.loading === loading) current = undefined;
  });
  return loading;
}
