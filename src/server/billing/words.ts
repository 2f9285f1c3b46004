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
  billing_managers_only: 'Only the owners and admins of {organisation} can see and change its billing.',
  credits_need_trading_member:
    '{organisation} is not an approved trading member of the network, so it cannot pay in credits yet. Apply to the network first.',
  invoice_not_found: 'There is no invoice {number} for this organisation.',
  invoice_already_paid: 'Invoice {number} is already paid.',
  payment_exceeds_due: 'Only {due} is still due on invoice {number}: record at most that.',
  credits_unavailable:
    'Invoice {number} cannot be paid in credits: the organisation’s trading account, or the co-op’s, is not open for payments.',
  credits_insufficient: 'There are too few credits to pay invoice {number}: {available} available.',
  credits_exceed_due: 'Only {due} is still due on invoice {number}.',
  invoice_number_not_found: 'There is no invoice {number}.',
  currency_mismatch: 'Invoice {number} is in {currency}: record the payment in that currency.',
  bank_line_not_found: 'There is no such statement line waiting to be assigned.',
  treasurers_only: 'Only the co-op’s treasurers (its operators) can record payments and import statements.',
  statement_missing: 'Send the bank statement file (CSV or camt.053 XML) as the request’s body.',
  invoice_issued_subject: 'Invoice {number} for {organisation}',
  invoice_issued_text:
    'Hello,\n\nInvoice {number} for {organisation} is attached: {amount}, due on {dueDate}.\n\nPay by bank transfer quoting the reference {reference}{credits, select, other { — or in credits: {credits}} none {}}.\n\nSee it, pay in credits or download it again: {link}\n\nThank you for being part of the co-op.',
  invoice_reminder_subject: 'Reminder: invoice {number} for {organisation} is unpaid',
  invoice_reminder_text:
    'Hello,\n\nInvoice {number} for {organisation} was due on {dueDate}, and {amount} is still unpaid. It is attached again.\n\nPay by bank transfer quoting the reference {reference}, or in credits from the invoice’s page: {link}\n\nIf it stays unpaid, your meetings keep to the Free plan’s limits until it is paid. Your rooms, data and access stay as they are. Write to us if something is wrong.',
  price_change_subject: 'The {plan} plan’s price changes',
  price_change_text:
    'Hello,\n\nThe co-op’s operators have changed the price of the {plan} plan that {organisation} subscribes to: {before} becomes {after} per period ({creditsBefore} becomes {creditsAfter} in credits). The new price applies from your next period, starting on {from}; nothing changes before then.\n\nChange or cancel your plan any time: {link}',
  finances_members_only: 'The co-op’s finances are open to its members: people of the organisations that subscribe, and its operators.',
  credit_key_reused: 'This payment form was already used for another amount: reload the invoice and pay again.',
  invoice_plan_line: '{plan} plan, {from} to {to}',
  invoice_upgrade_line: 'Upgrade from {from} to {to} on {on}: {days, plural, one {# day} other {# days}} of {periodDays}',
} as const;

export const billingWords = defineWords('billing', billingEnglish, { fr: billingFrench });
