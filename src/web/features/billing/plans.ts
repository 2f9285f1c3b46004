/** Reading plans for people: prices in euros and credits from the server's minor units (strings, never floats in sums). */
import type { PlanView } from '../../../shared/billing-api.js';
import { formatAmount } from '../../../shared/network-api.js';
import { formatNumber } from '../../app/intl/language.js';
import { money } from './amounts.js';
import { t } from './messages.js';

/** A price in euro cents as the reader writes money ("€45.00", "45,00 €"), never through a float. */
export function euros(minor: string): string {
  return money(minor, 'EUR');
}

/** A price in the network's minor units (two decimals, the default scale) as the reader writes numbers. */
export function credits(minor: string): string {
  return formatNumber(Number(formatAmount(BigInt(minor), 2)), { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

/** What a plan allows, one line each. */
export function allowances(plan: PlanView): string[] {
  return [
    t('pricing.people', { count: plan.participantsMax }),
    plan.meetingsMax === null ? t('pricing.anyMeetingsAtOnce') : t('pricing.meetingsAtOnce', { count: plan.meetingsMax }),
    plan.meetingMinutesMax === null ? t('pricing.anyLength') : t('pricing.length', { minutes: plan.meetingMinutesMax }),
  ];
}

/** What a plan costs, in words. */
export function price(plan: PlanView): string {
  if (plan.quoted) return t('pricing.quoted');
  if (plan.moneyPriceMinor === '0') return t('pricing.free');
  return `${t('pricing.perPeriod', { price: euros(plan.moneyPriceMinor), period: plan.period })} · ${t('pricing.orCredits', { credits: credits(plan.creditPriceMinor) })}`;
}
