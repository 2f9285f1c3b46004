/** The billing domain's words (French in `words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { billingFrench } from './words.fr.js';

export const billingEnglish = {
  plan_not_found: 'There is no such plan.',
  plan_quoted: 'The {plan} plan’s price is quoted by the co-op: ask its operators for a quote.',
  plan_unchanged: '{organisation} is already on the {plan} plan.',
  plan_has_subscribers:
    'The {plan} plan has {count, plural, one {# subscriber} other {# subscribers}}: its limits cannot be lowered, nor its period changed, while anyone pays for them. Make a new plan instead.',
  free_stays_free: 'The Free plan stays free: it is what every organisation falls back to.',
  organisation_not_found: 'There is no organisation with this name that you belong to.',
  managers_only: 'Only the owners and admins of {organisation} can change its plan.',
  operators_only: 'Only the co-op’s operators can change plans.',
} as const;

export const billingWords = defineWords('billing', billingEnglish, { fr: billingFrench });
