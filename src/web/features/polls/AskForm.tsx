/**
 * A moderator's form for a new poll: the question, the kind of answer (a radio group), for
 * letters how many, for written answers an editable list (add, remove), and whether it is
 * anonymous. Checked on submit (each field says what to fix, and the first such takes the
 * focus); once tried, the messages follow the typing.
 */
import { X } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { limits } from '../../../shared/limits.js';
import { letterChoices, type PollDraft, type PollKind, pollKinds } from '../../../shared/poll-protocol.js';
import { Button } from '../../ui/index.js';
import { t } from './messages.js';
import { answersMax, answersMin, checkPollForm, emptyPollForm, type PollForm, type PollFormErrors } from './polls.js';

const letterCounts = [2, 3, 4, 5, 6] as const;

export function AskForm({ onAsk, onCancel }: { onAsk: (draft: PollDraft) => void; onCancel?: (() => void) | undefined }) {
  const [form, setForm] = useState<PollForm>(emptyPollForm);
  const [errors, setErrors] = useState<PollFormErrors | undefined>(undefined);
  /** Bumped on each refused submit: the first field to fix then takes the focus. */
  const [attempt, setAttempt] = useState(0);
  /** The written answer to focus after adding or removing one. */
  const focusAnswer = useRef<number | undefined>(undefined);
  const element = useRef<HTMLFormElement>(null);
  const question = useRef<HTMLTextAreaElement>(null);

  useEffect(() => question.current?.focus(), []);
  useEffect(() => {
    if (attempt > 0) element.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  useEffect(() => {
    if (focusAnswer.current === undefined) return;
    element.current?.querySelector<HTMLElement>(`#poll-answer-${focusAnswer.current}`)?.focus();
    focusAnswer.current = undefined;
  });

  const change = (changes: Partial<PollForm>) => {
    const next = { ...form, ...changes };
    setForm(next);
    // Once a submit was refused, the messages follow the typing.
    if (errors) {
      const checked = checkPollForm(next);
      setErrors(checked.ok ? undefined : checked.errors);
    }
  };
  const setAnswer = (index: number, text: string) => change({ answers: form.answers.map((answer, at) => (at === index ? text : answer)) });
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = checkPollForm(form);
    if (checked.ok) return onAsk(checked.draft);
    setErrors(checked.errors);
    setAttempt((count) => count + 1);
  };
  const hintId = 'poll-anonymous-hint';
  return (
    <form ref={element} class="poll-form" onSubmit={submit} noValidate>
      <h3>{t('polls.ask')}</h3>
      <div class="field">
        <label for="poll-question">{t('polls.question')}</label>
        <textarea
          id="poll-question"
          ref={question}
          rows={2}
          maxLength={limits.pollQuestionCharactersMax}
          value={form.question}
          aria-invalid={errors?.question ? true : undefined}
          aria-describedby={errors?.question ? 'poll-question-error' : undefined}
          onInput={(event) => change({ question: event.currentTarget.value })}
        />
        {errors?.question && (
          <p id="poll-question-error" class="error">
            {errors.question}
          </p>
        )}
      </div>
      <fieldset class="poll-kinds">
        <legend>{t('polls.kind')}</legend>
        {pollKinds.map((kind: PollKind) => (
          <label key={kind} class="check">
            <input type="radio" name="poll-kind" value={kind} checked={form.kind === kind} onChange={() => change({ kind })} />
            {t(`polls.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      {form.kind === 'letters' && (
        <div class="field">
          <label for="poll-letters">{t('polls.letters')}</label>
          <select id="poll-letters" value={form.letters} onChange={(event) => change({ letters: Number(event.currentTarget.value) })}>
            {letterCounts.map((count) => (
              <option key={count} value={count}>
                {t('polls.lettersOption', { count, last: letterChoices[count - 1] ?? '' })}
              </option>
            ))}
          </select>
        </div>
      )}
      {form.kind === 'custom' && (
        <fieldset class="poll-answers">
          <legend>{t('polls.answers')}</legend>
          <ol>
            {form.answers.map((answer, index) => {
              const error = errors?.answers[index];
              const number = index + 1;
              return (
                <li key={index}>
                  <label for={`poll-answer-${index}`}>{t('polls.answerLabel', { number })}</label>
                  <div class="poll-answer-row">
                    <input
                      id={`poll-answer-${index}`}
                      maxLength={limits.pollAnswerCharactersMax}
                      value={answer}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `poll-answer-${index}-error` : undefined}
                      onInput={(event) => setAnswer(index, event.currentTarget.value)}
                    />
                    {form.answers.length > answersMin && (
                      <button
                        type="button"
                        class="icon-button"
                        aria-label={t('polls.removeAnswer', { number })}
                        onClick={() => {
                          focusAnswer.current = Math.min(index, form.answers.length - 2);
                          change({ answers: form.answers.filter((_, at) => at !== index) });
                        }}
                      >
                        <X aria-hidden="true" size={18} />
                      </button>
                    )}
                  </div>
                  {error && (
                    <p id={`poll-answer-${index}-error`} class="error">
                      {error}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
          {form.answers.length < answersMax ? (
            <Button
              class="small"
              onClick={() => {
                focusAnswer.current = form.answers.length;
                change({ answers: [...form.answers, ''] });
              }}
            >
              {t('polls.addAnswer')}
            </Button>
          ) : (
            <p class="hint">{t('polls.answersLeft', { count: 0 })}</p>
          )}
        </fieldset>
      )}
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={form.anonymous}
            aria-describedby={hintId}
            onChange={(event) => change({ anonymous: event.currentTarget.checked })}
          />
          {t('polls.anonymous')}
        </label>
        <p id={hintId} class="hint">
          {form.anonymous ? t('polls.anonymousHint') : t('polls.namedHint')}
        </p>
      </div>
      <div class="poll-actions">
        <Button type="submit" variant="primary">
          {t('polls.start')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('polls.cancel')}</Button>}
      </div>
    </form>
  );
}
