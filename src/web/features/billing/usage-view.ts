/** What the usage panel says, as pure functions of the server's answer: a month's name and the advice sentence. */
import type { PlanAdvice, UsageAdviceReason } from '../../../shared/usage-api.js';
import { formatDate, formattingLocale } from '../../app/intl/language.js';
import { usageMessages } from './usage-words.js';

const { t } = usageMessages;

/** A report month (its first millisecond, UTC) as the current language names it, e.g. "April 2026". */
export function monthLabel(startMs: number): string {
  // In UTC: the month starts at midnight UTC, which is still the month before west of Greenwich.
  return formatDate(startMs, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function reasonText(reason: UsageAdviceReason): string {
  switch (reason) {
    case 'participants':
      return t('usage.reason.participants');
    case 'length':
      return t('usage.reason.length');
    case 'meetings_at_once':
      return t('usage.reason.meetings_at_once');
  }
}

/** The advice as one sentence: the larger plan and why, the smaller plan that would do, or that the plan in force fits. */
export function adviceText(advice: PlanAdvice, currentPlanName: string): string {
  switch (advice.kind) {
    case 'none':
      return t('usage.advice.none', { plan: currentPlanName });
    case 'smaller':
      return t('usage.advice.smaller', { plan: advice.planName });
    case 'larger': {
      const reasons = new Intl.ListFormat(formattingLocale(), { type: 'conjunction' }).format(advice.reasons.map(reasonText));
      return t(advice.quoted ? 'usage.advice.largerQuoted' : 'usage.advice.larger', { plan: advice.planName, reasons });
    }
  }
}
