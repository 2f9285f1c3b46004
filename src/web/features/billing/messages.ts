/** Words of the plans: the pricing page and an organisation's plan. French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

export const billingEnglish = {
  'pricing.title': 'Plans',
  'pricing.lead':
    'Every organisation starts on Free. A plan pays for the co-op’s servers and work: pay in money, or in credits your business earns in the network.',
  'pricing.loading': 'Loading the plans…',
  'pricing.people': '{count, plural, one {# person} other {# people}} per meeting',
  'pricing.meetingsAtOnce': '{count, plural, one {# meeting} other {# meetings}} at once',
  'pricing.anyMeetingsAtOnce': 'Meetings at once without limit',
  'pricing.length': 'Meetings of up to {minutes, number} minutes',
  'pricing.anyLength': 'Meetings of any length',
  'pricing.perPeriod': '{price} per {period, select, year {year} other {month}}',
  'pricing.orCredits': 'or {credits} credits',
  'pricing.free': 'Free',
  'pricing.quoted': 'Price on quote from the co-op',
  'pricing.choose': 'Choose a plan on your organisation’s page.',
  'pricing.signUp': 'Sign up to subscribe',
  'plan.heading': 'Plan',
  'plan.current': 'On the {plan} plan.',
  'plan.period': 'This period runs until {end, date, long}.',
  'plan.next': 'From {end, date, long}: the {plan} plan.',
  'plan.change': 'Change the plan',
  'plan.choose': 'Plan',
  'plan.submit': 'Change plan',
  'plan.changed': 'Plan changed.',
  'plan.upgradeNote':
    'A dearer plan applies at once (the rest of the period is prorated); a cheaper one, or Free, from the end of the period.',
  'plan.seePlans': 'See the plans',
} as const;

export const billingMessages = defineCatalogue('billing', billingEnglish);
export const t = billingMessages.t;
