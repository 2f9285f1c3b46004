/**
 * The presentation's side panel (loaded with its page view). Moderators upload a PDF (progress,
 * then the server's check, then each refusal in words); the presenter or a moderator chooses who
 * presents, lets everyone download the PDF, or stops the presentation; everyone downloads it when
 * allowed. What is shown comes from the server's `presentation` only. The presenter or a moderator
 * also shows the blank whiteboard on the stage here (it is taken away from the board itself).
 */
import { useState } from 'preact/hooks';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { PresentationView } from '../../../shared/presentation-protocol.js';
import type { ParticipantSummary } from '../../../shared/protocol.js';
import { refusalText } from '../../app/errors/messages.js';
import { Button } from '../../ui/index.js';
import { t } from './messages.js';
import type { PresentationMessage } from './PresentationStage.js';
import { loadPresentation } from './pdf.js';
import { isOfficeDocument, uploadPresentation } from './upload.js';
import './presentation.css';

export interface PresentationPanelProps {
  roomId: string;
  /** The presentation shown now, if any. */
  presentation: PresentationView | undefined;
  selfId: ParticipantId;
  /** Everyone in the meeting, ourselves first. */
  people: ParticipantSummary[];
  isModerator: boolean;
  /** Asks the server for an upload ticket (moderators). */
  ticket: () => Promise<string>;
  send: (message: PresentationMessage) => void;
}

/** Where an upload stands: sending (share sent), being checked by the server, done, or refused. */
type UploadState =
  | { step: 'sending'; sent: number }
  | { step: 'checking' }
  | { step: 'done'; name: string }
  | { step: 'failed'; text: string };

/** How long the server may take to give an upload ticket before the upload is given up, in milliseconds. */
const ticketTimeoutMs = 10_000;

function Upload({ roomId, ticket }: Pick<PresentationPanelProps, 'roomId' | 'ticket'>) {
  const [upload, setUpload] = useState<UploadState>();
  const busy = upload?.step === 'sending' || upload?.step === 'checking';
  const start = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // An office document is said so at once, with what to do, rather than refused as "not a PDF" after its upload.
    if (isOfficeDocument(file)) return setUpload({ step: 'failed', text: t('presentation.officeDocument', { name: file.name }) });
    if (file.size > limits.presentationBytesMax) return setUpload({ step: 'failed', text: refusalText('request_too_large', '') });
    setUpload({ step: 'sending', sent: 0 });
    try {
      const given = await Promise.race([
        ticket(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('network_error')), ticketTimeoutMs)),
      ]);
      const result = await uploadPresentation(roomId, given, file, (sent) =>
        setUpload(sent >= 1 ? { step: 'checking' } : { step: 'sending', sent }),
      );
      setUpload(result.ok ? { step: 'done', name: file.name } : { step: 'failed', text: refusalText(result.code, result.message) });
    } catch (error) {
      setUpload({ step: 'failed', text: refusalText(error instanceof Error ? error.message : 'network_error', '') });
    }
  };
  return (
    <div class="presentation-upload">
      <label for="presentation-file">{t('presentation.upload')}</label>
      <input
        id="presentation-file"
        type="file"
        accept="application/pdf,.pdf"
        disabled={busy}
        aria-describedby="presentation-upload-hint"
        onChange={(event) => void start(event.currentTarget)}
      />
      <p id="presentation-upload-hint" class="hint">
        {t('presentation.uploadHint', { megabytes: limits.presentationBytesMax / (1024 * 1024), pages: limits.presentationPagesMax })}
      </p>
      {upload?.step === 'sending' && (
        <>
          <progress max={1} value={upload.sent} aria-label={t('presentation.uploading', { percent: Math.round(upload.sent * 100) })} />
          <p role="status">{t('presentation.uploading', { percent: Math.round(upload.sent * 100) })}</p>
        </>
      )}
      {upload?.step === 'checking' && <p role="status">{t('presentation.checking')}</p>}
      {upload?.step === 'done' && <p role="status">{t('presentation.uploaded', { name: upload.name })}</p>}
      {upload?.step === 'failed' && (
        <p role="alert" class="error">
          {upload.text}
        </p>
      )}
    </div>
  );
}

/** Saves the PDF under its name (the bytes the page already fetched to show it). */
async function download(roomId: string, presentation: PresentationView): Promise<void> {
  const loaded = await loadPresentation(roomId, presentation);
  const url = URL.createObjectURL(new Blob([loaded.bytes.slice()], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = presentation.name.toLowerCase().endsWith('.pdf') ? presentation.name : `${presentation.name}.pdf`;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PresentationPanel({ roomId, presentation, selfId, people, isModerator, ticket, send }: PresentationPanelProps) {
  const [chosen, setChosen] = useState<ParticipantId>();
  const manages = presentation !== undefined && (isModerator || presentation.presenterId === selfId);
  const nameOf = (participantId: ParticipantId) => {
    const person = people.find((one) => one.participantId === participantId);
    if (!person) return '';
    return participantId === selfId ? t('presentation.you', { name: person.displayName }) : person.displayName;
  };
  const next = chosen && people.some((one) => one.participantId === chosen) ? chosen : presentation?.presenterId;
  return (
    <section class="presentation-panel">
      {presentation ? (
        <>
          <p>
            <strong>{presentation.name}</strong>
            <br />
            {t('presentation.presenter', { name: nameOf(presentation.presenterId) })}
          </p>
          {(presentation.downloadable || manages) && (
            <Button type="button" onClick={() => void download(roomId, presentation)}>
              {t('presentation.download')}
            </Button>
          )}
          {manages && (
            <>
              <label class="check">
                <input
                  type="checkbox"
                  checked={presentation.downloadable}
                  onChange={(event) => send({ type: 'presentation-downloadable', allowed: event.currentTarget.checked })}
                />
                {t('presentation.allowDownload')}
              </label>
              <div class="presentation-row">
                <label>
                  {t('presentation.presenterLabel')}
                  <select value={next} onChange={(event) => setChosen(event.currentTarget.value as ParticipantId)}>
                    {people.map((person) => (
                      <option key={person.participantId} value={person.participantId}>
                        {nameOf(person.participantId)}
                      </option>
                    ))}
                  </select>
                </label>
                <Button
                  type="button"
                  disabled={!next || next === presentation.presenterId}
                  onClick={() => next && send({ type: 'presentation-presenter', participantId: next })}
                >
                  {t('presentation.makePresenter')}
                </Button>
              </div>
              <Button type="button" onClick={() => send({ type: 'presentation-close' })}>
                {t('presentation.close')}
              </Button>
            </>
          )}
        </>
      ) : (
        <p>{t('presentation.none')}</p>
      )}
      {(isModerator || presentation?.presenterId === selfId) && (
        <div class="presentation-upload">
          <Button type="button" onClick={() => send({ type: 'whiteboard-blank', shown: true })}>
            {t('presentation.blankBoard')}
          </Button>
          <p class="hint">{t('presentation.blankBoardHint')}</p>
        </div>
      )}
      {isModerator && <Upload roomId={roomId} ticket={ticket} />}
    </section>
  );
}
