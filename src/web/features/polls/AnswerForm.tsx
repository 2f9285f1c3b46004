/**
 * The answer to the open poll: a radio button per choice in the person's language, or a text
 * for a free-text poll, and Submit. Sent once: the button waits for the server's word (which
 * replaces the form), and frees itself again after a few seconds if none comes (a refusal is
 * shown in the meeting's notice line).
 */
import { useEffect, useState } from 'preact/hooks';
import { limits } from '../../../shared/limits.js';
import type { PollAnswer, PollView } from '../../../shared/poll-protocol.js';
import { Button } from '../../ui/index.js';
import { t } from './messages.js';
import { choiceLabels } from './polls.js';

/** How long Submit waits for the server before it may be pressed again. */
const sendingTimeoutMs = 5_000;

export function AnswerForm({ poll, labelledBy, onAnswer }: { poll: PollView; labelledBy: string; onAnswer: (answer: PollAnswer) => void }) {
  const [choice, setChoice] = useState<number | undefined>(undefined);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (!sending) return;
    const timer = window.setTimeout(() => setSending(false), sendingTimeoutMs);
    return () => window.clearTimeout(timer);
  }, [sending]);
  const freeText = poll.kind === 'free-text';
  const errorId = `poll-answer-error-${poll.pollId}`;
  const noteId = `poll-answer-note-${poll.pollId}`;
  const submit = (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const written = text.trim();
    if (freeText ? written === '' : choice === undefined) {
      setError(freeText ? t('polls.writeFirst') : t('polls.chooseFirst'));
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>('input, textarea')?.focus();
      return;
    }
    setError(undefined);
    setSending(true);
    onAnswer(freeText ? { text: written } : { choice: choice ?? 0 });
  };
  const describedBy = [noteId, error ? errorId : ''].join(' ').trim();
  return (
    <form class="poll-answer" onSubmit={submit} noValidate>
      {freeText ? (
        <div class="field">
          <label for={`poll-text-${poll.pollId}`}>{t('polls.yourAnswer')}</label>
          <textarea
            id={`poll-text-${poll.pollId}`}
            rows={3}
            maxLength={limits.pollFreeTextCharactersMax}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onInput={(event) => {
              setText(event.currentTarget.value);
              setError(undefined);
            }}
          />
        </div>
      ) : (
        <fieldset class="poll-choices" aria-labelledby={labelledBy} aria-describedby={describedBy}>
          {choiceLabels(poll).map((label, index) => (
            <label key={label} class="check">
              <input
                type="radio"
                name={`poll-${poll.pollId}`}
                value={index}
                checked={choice === index}
                onChange={() => {
                  setChoice(index);
                  setError(undefined);
                }}
              />
              {label}
            </label>
          ))}
        </fieldset>
      )}
      <p id={noteId} class="hint">
        {poll.anonymous ? t('polls.anonymousNote') : t('polls.namedNote')}
      </p>
      {error && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
      {/* aria-disabled, not disabled, while sending: the button keeps the focus. */}
      <Button type="submit" variant="primary" aria-disabled={sending} aria-busy={sending}>
        {sending ? t('polls.sending') : t('polls.submit')}
      </Button>
    </form>
  );
}
