/**
 * The whiteboard's hooks for a stage that shows a board: its session, open while the stage shows,
 * and the annotated PDF's download (pdf-lib loads on the first one).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { offerDownload } from '../../app/download.js';
import { t } from './messages.js';
import { type WhiteboardChannel, WhiteboardSession } from './whiteboard-session.js';

/** The meeting's whiteboard session, open with the server while the calling component shows. */
export function useWhiteboardSession(channel: WhiteboardChannel): WhiteboardSession {
  const session = useMemo(() => WhiteboardSession.of(channel), [channel]);
  useEffect(() => {
    session.open();
    return () => session.close();
  }, [session]);
  return session;
}

/** The PDF a stage shows, if any, for the export to draw on; its file name without `.pdf`. */
export type ExportedPresentation = () => Promise<{ id: string; bytes: Uint8Array; name: string } | undefined>;

/** Downloads the annotated PDF: whether one is being made, and the way to start. */
export function useAnnotatedExport(session: WhiteboardSession, presentation: ExportedPresentation = async () => undefined) {
  const [exporting, setExporting] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async () => {
    setExporting(true);
    setFailed(false);
    try {
      const [{ annotatedPdf }, shown] = await Promise.all([import('./export-pdf.js'), presentation()]);
      const bytes = await annotatedPdf({ presentation: shown, shapes: (boardId) => session.shapes(boardId) });
      const base = shown ? shown.name.replace(/\.pdf$/i, '') : t('whiteboard.fileName');
      offerDownload(`${base}-annotated.pdf`, bytes, 'application/pdf');
    } catch (error: unknown) {
      console.warn('annotated PDF', error);
      setFailed(true);
    } finally {
      setExporting(false);
    }
  };
  return { exporting, failed, run: () => void run() };
}
