/** Words for the assembly pages' values: times, percentages, statuses, answers and outcomes, in the reader's language. */
import type { MotionAnswer } from '../../../shared/assembly-protocol.js';
import { formatDate, formatNumber } from '../../app/intl/language.js';
import type { AssemblySummary, Minutes } from './assemblies-client.js';
import { t } from './messages.js';

/** An instant with its date and time, in the reader's language and time zone. */
export function when(atMs: number): string {
  return formatDate(atMs, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Basis points as a percentage in the reader's language: 2500 → "25%", 3333 → "33.33%". */
export function percent(basisPoints: number): string {
  return formatNumber(basisPoints / 10_000, { style: 'percent', maximumFractionDigits: 2 });
}

/** An assembly's status in words. */
export function statusWord(status: AssemblySummary['status']): string {
  return t(`status.${status}`);
}

/** A motion's answer in words; an answer this page does not know is shown as sent. */
export function answerWord(answer: string): string {
  switch (answer as MotionAnswer) {
    case 'yes':
      return t('answer.yes');
    case 'no':
      return t('answer.no');
    case 'abstain':
      return t('answer.abstain');
    case 'agree':
      return t('answer.agree');
    case 'disagree':
      return t('answer.disagree');
    case 'block':
      return t('answer.block');
    default:
      return answer;
  }
}

/** A motion's outcome in words. */
export function outcomeWord(outcome: Minutes['motions'][number]['outcome']): string {
  return t(`outcome.${outcome}`);
}
