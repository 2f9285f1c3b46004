/** Words for the log's values: times, scopes and who decided, in the reader's language. */
import { formatDate } from '../../app/intl/language.js';
import { t } from './messages.js';
import type { SanctionScope } from './sanctions-client.js';

/** An instant with its date and time, in the reader's language and time zone. */
export function when(atMs: number): string {
  return formatDate(atMs, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Where a suspension applies, in words: the trading network, holding meetings, membership of the co-op. */
export function scopeWord(scope: SanctionScope): string {
  return t(`scope.${scope}`);
}

/** Who decided a line: a person's name, "the members' vote" when it was the vote on an appeal, "not known" for a name no longer on record. */
export function decidedByWord(decidedBy: string): string {
  if (decidedBy === 'vote') return t('decidedBy.vote');
  return decidedBy.trim() === '' ? t('decidedBy.unknown') : decidedBy;
}
