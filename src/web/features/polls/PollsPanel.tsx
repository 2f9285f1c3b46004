/**
 * The meeting's polls panel (loaded the first time it is shown). Everyone: the open poll's
 * question and an answer form, then "Your answer was recorded", and the results once a
 * moderator publishes them. Moderators also: a form to ask a poll, the results live as answers
 * come in (and who answered what in a named poll), Close poll, Publish results, Download CSV,
 * and New poll once the last one is closed. Nothing is decided here: the server's `poll` and
 * `poll-results` are shown as they come.
 */
import type { Signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PollResults, PollView } from '../../../shared/poll-protocol.js';
import type { ClientMessage } from '../../../shared/protocol.js';
import { Button } from '../../ui/index.js';
import { AnswerForm } from './AnswerForm.js';
import { AskForm } from './AskForm.js';
import { t } from './messages.js';
import { ResultsChart } from './ResultsChart.js';
import './polls.css';

/** A message of the meeting's polls (poll-protocol.ts), sent by the meeting. */
export type PollMessage = Extract<ClientMessage, { type: `poll-${string}` }>;

export interface PollsPanelProps {
  /** The meeting's latest poll as this person sees it; undefined while none was asked. */
  poll: PollView | undefined;
  /** Its results, when this person may see them. */
  results: PollResults | undefined;
  isModerator: boolean;
  send: (message: PollMessage) => void;
  /** Set to the poll's id once its published results are shown here (the meeting marks results not seen yet). */
  seen: Signal<string | undefined>;
}

export function PollsPanel({ poll, results, isModerator, send, seen }: PollsPanelProps) {
  /** A moderator chose "New poll" (after the last one closed). */
  const [asking, setAsking] = useState(false);
  /** What takes the focus when this person's own action replaced the element that had it. */
  const refocus = useRef<'heading' | 'recorded' | undefined>(undefined);
  const section = useRef<HTMLElement>(null);
  const pollId = poll?.pollId;
  useEffect(() => setAsking(false), [pollId]);
  const published = poll?.status === 'published';
  useEffect(() => {
    if (published) seen.value = pollId;
  }, [pollId, published]);
  useEffect(() => {
    const target = refocus.current;
    const active = document.activeElement;
    if (!target || (active && active !== document.body && active.isConnected)) return;
    refocus.current = undefined;
    section.current?.querySelector<HTMLElement>(target === 'recorded' ? '.poll-recorded' : '.poll-heading')?.focus();
  });
  const act = (action: 'close' | 'publish' | 'export') => {
    if (!poll) return;
    if (action !== 'export') refocus.current = 'heading';
    send({ type: 'poll-action', pollId: poll.pollId, action });
  };

  if (isModerator && (!poll || asking)) {
    return (
      <section ref={section} class="panel-body polls" aria-label={t('polls.ask')}>
        <AskForm
          onAsk={(draft) => {
            refocus.current = 'heading';
            send({ type: 'poll-open', poll: draft });
          }}
          onCancel={
            poll
              ? () => {
                  refocus.current = 'heading';
                  setAsking(false);
                }
              : undefined
          }
        />
      </section>
    );
  }
  if (!poll) {
    return (
      <section ref={section} class="panel-body polls">
        <p class="hint">{t('polls.none')}</p>
      </section>
    );
  }
  const headingId = `poll-question-${poll.pollId}`;
  const open = poll.status === 'open';
  const showResults = results?.pollId === poll.pollId && (isModerator || poll.status === 'published');
  return (
    <section ref={section} class="panel-body polls" aria-labelledby={headingId}>
      <div class="poll-title">
        <h3 id={headingId} class="poll-heading" tabIndex={-1}>
          {poll.question}
        </h3>
        <p class={`poll-status ${poll.status}`} role="status">
          {t(`polls.status.${poll.status}`)}
        </p>
      </div>
      {isModerator && (
        <div class="poll-actions">
          {open && (
            <Button class="small" onClick={() => act('close')}>
              {t('polls.close')}
            </Button>
          )}
          {poll.status === 'closed' && (
            <Button variant="primary" class="small" onClick={() => act('publish')}>
              {t('polls.publish')}
            </Button>
          )}
          <Button class="small" onClick={() => act('export')}>
            {t('polls.download')}
          </Button>
          {!open && (
            <Button
              class="small"
              onClick={() => {
                refocus.current = undefined;
                setAsking(true);
              }}
            >
              {t('polls.newPoll')}
            </Button>
          )}
        </div>
      )}
      {open && !poll.answered && (
        <AnswerForm
          key={poll.pollId}
          poll={poll}
          labelledBy={headingId}
          onAnswer={(answer) => {
            refocus.current = 'recorded';
            send({ type: 'poll-answer', pollId: poll.pollId, answer });
          }}
        />
      )}
      {poll.answered && (
        <p class="poll-recorded" tabIndex={-1} role="status">
          {t('polls.recorded')}
        </p>
      )}
      {!isModerator && open && poll.answered && <p class="hint">{t('polls.waitForResults')}</p>}
      {!isModerator && poll.status === 'closed' && <p class="hint">{t('polls.closedNote')}</p>}
      {isModerator && (
        <p class="hint">
          {poll.anonymous ? `${t('polls.anonymousResults')} ` : ''}
          {poll.status === 'published' ? t('polls.everyoneSees') : t('polls.onlyModerators')}
        </p>
      )}
      {showResults && results && <ResultsChart poll={poll} results={results} />}
    </section>
  );
}
