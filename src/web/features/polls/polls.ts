/**
 * The polls panel's logic, apart from its components: the words of a poll's choices in the
 * person's language, the share of each choice, and the moderator's form checked into a
 * `PollDraft` (with a message per field that needs fixing).
 */
import { limits } from '../../../shared/limits.js';
import {
  letterChoices,
  type PollDraft,
  PollDraftSchema,
  type PollKind,
  type PollResults,
  type PollView,
} from '../../../shared/poll-protocol.js';
import { formatNumber } from '../../app/intl/language.js';
import { t } from './messages.js';

/** The choices of a poll as the person reads them: Yes/No, True/False, A…F, or the moderator's own answers; none for free text. */
export function choiceLabels(poll: Pick<PollView, 'kind' | 'answers' | 'choices'>): string[] {
  switch (poll.kind) {
    case 'yes-no':
      return [t('polls.choice.yes'), t('polls.choice.no')];
    case 'true-false':
      return [t('polls.choice.true'), t('polls.choice.false')];
    case 'letters':
      return letterChoices.slice(0, poll.choices);
    case 'custom':
      return poll.answers ?? [];
    case 'free-text':
      return [];
  }
}

/** The server's words for the fixed choices (in results' `named` and in exports), by kind. */
const serverWords: Partial<Record<PollKind, readonly string[]>> = { 'yes-no': ['yes', 'no'], 'true-false': ['true', 'false'] };

/** One named answer (the server's words) in the person's language: Yes/No and True/False translated, the rest as given. */
export function namedAnswerLabel(poll: Pick<PollView, 'kind' | 'answers' | 'choices'>, answer: string): string {
  const index = serverWords[poll.kind]?.indexOf(answer) ?? -1;
  return index >= 0 ? (choiceLabels(poll)[index] ?? answer) : answer;
}

/** A choice of the results: its words, how many chose it, and its share of the answers (0–1). */
export interface ResultBar {
  label: string;
  count: number;
  share: number;
}

/** The bars of a poll's results: one per choice, or one per free text given (most given first). */
export function resultBars(poll: Pick<PollView, 'kind' | 'answers' | 'choices'>, results: PollResults): ResultBar[] {
  const rows =
    poll.kind === 'free-text'
      ? results.texts.map((text) => ({ label: text.text, count: text.count })).sort((a, b) => b.count - a.count)
      : choiceLabels(poll).map((label, index) => ({ label, count: results.totals[index] ?? 0 }));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return rows.map((row) => ({ ...row, share: total === 0 ? 0 : row.count / total }));
}

/** A share (0–1) as a whole percentage in the person's language ("67 %" in French). */
export function percentText(share: number): string {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
}

/** The moderator's form as typed. */
export interface PollForm {
  question: string;
  kind: PollKind;
  /** The written answers of a custom poll (kept while another kind is chosen). */
  answers: string[];
  /** How many letters a letters poll offers (2–6). */
  letters: number;
  anonymous: boolean;
}

/** A new form: a yes/no question, three empty written answers ready, four letters, named. */
export function emptyPollForm(): PollForm {
  return { question: '', kind: 'yes-no', answers: ['', '', ''], letters: 4, anonymous: false };
}

/** What needs fixing in the form: the question's message, and one per written answer (undefined where it is fine). */
export interface PollFormErrors {
  question?: string | undefined;
  answers: (string | undefined)[];
}

/** How many fields need fixing. */
export function errorCount(errors: PollFormErrors): number {
  return (errors.question ? 1 : 0) + errors.answers.filter(Boolean).length;
}

const trimmed = (text: string) => text.normalize('NFC').trim();

/**
 * The form as a draft to send, or what to fix: a question; for a custom poll every answer written
 * and no two alike (letter case aside). The shared schema has the last word (its other refusals,
 * such as control characters, come back as `polls.error.text` on the question).
 */
export function checkPollForm(form: PollForm): { ok: true; draft: PollDraft } | { ok: false; errors: PollFormErrors } {
  const question = trimmed(form.question);
  const custom = form.kind === 'custom';
  const answers = custom ? form.answers.map(trimmed) : [];
  const seen = new Set<string>();
  const errors: PollFormErrors = {
    question: question === '' ? t('polls.error.question') : undefined,
    answers: answers.map((answer) => {
      const key = answer.toLocaleLowerCase();
      if (answer === '') return t('polls.error.answerEmpty');
      if (seen.has(key)) return t('polls.error.answerRepeated');
      seen.add(key);
      return undefined;
    }),
  };
  if (errorCount(errors) > 0) return { ok: false, errors };
  const parsed = PollDraftSchema.safeParse({
    question,
    kind: form.kind,
    anonymous: form.anonymous,
    ...(custom ? { answers } : {}),
    ...(form.kind === 'letters' ? { letters: form.letters } : {}),
  });
  if (parsed.success) return { ok: true, draft: parsed.data };
  const answerIssue = parsed.error.issues.find((issue) => issue.path[0] === 'answers' && typeof issue.path[1] === 'number');
  if (answerIssue) {
    return {
      ok: false,
      errors: { answers: answers.map((_, index) => (index === answerIssue.path[1] ? t('polls.error.text') : undefined)) },
    };
  }
  return { ok: false, errors: { question: t('polls.error.text'), answers: [] } };
}

/** The most written answers a custom poll may have, and the fewest. */
export const answersMax = limits.pollAnswersMax;
export const answersMin = 2;
