/** Words for the governance pages' values: times, percentages, answers, ballots, results, statuses. */
import { formatDate, formatNumber, formattingLocale } from '../../app/intl/language.js';
import { type Ballot, basisPointsToFraction } from './governance.js';
import { t } from './messages.js';

/** An instant with its date and time, in the reader's language and time zone. */
export function when(atMs: number): string {
  return formatDate(atMs, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Basis points as a percentage: 2500 → "25%", 3333 → "33.33%". */
export function percent(basisPoints: number): string {
  return formatNumber(basisPointsToFraction(basisPoints), { style: 'percent', maximumFractionDigits: 2 });
}

/** A list of names as the language joins them ("A, B and C"). */
export function listOf(names: readonly string[]): string {
  return new Intl.ListFormat(formattingLocale(), { type: 'conjunction' }).format(names);
}

/** The word of a consent or yes/no answer. */
export function answerWord(answer: string): string {
  switch (answer) {
    case 'agree':
      return t('answer.agree');
    case 'disagree':
      return t('answer.disagree');
    case 'block':
      return t('answer.block');
    case 'yes':
      return t('answer.yes');
    case 'no':
      return t('answer.no');
    default:
      return t('answer.abstain');
  }
}

/** A cast ballot in words: the answer, the option, the chosen options, or (`ranked`) the ranking numbered in order. */
export function ballotWords(ballot: Ballot, options: readonly string[], ranked = false): string {
  const option = (index: number) => options[index] ?? String(index + 1);
  if (typeof ballot === 'number') return option(ballot);
  if (typeof ballot === 'string') return answerWord(ballot);
  if (ballot.length === 0) return t('answer.abstain');
  if (ranked)
    return new Intl.ListFormat(formattingLocale(), { type: 'unit', style: 'short' }).format(
      ballot.map((index, position) => `${position + 1}. ${option(index)}`),
    );
  return listOf(ballot.map(option));
}

/** A result's word for a badge. */
export function resultWord(result: 'passed' | 'failed' | 'inquorate' | 'elected' | 'tie'): string {
  return t(`result.${result}`);
}

/** A member's status in words. */
export function statusWord(status: 'applied' | 'admitted' | 'declined' | 'resigned' | 'suspended'): string {
  return t(`status.${status}`);
}
