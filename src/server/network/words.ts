/**
 * The network domain's words: its error sentences, the few words its views write, and its emails
 * (French in `words.fr.ts`). Each email is two messages, `<name>_subject` and `<name>_text`; the
 * traders' emails get their greeting from `letter` (`NetworkContext.notifyTraders`).
 */
import type { MessageParameters, ParametersArgument } from '../../shared/icu-types.js';
import type { Language } from '../../shared/languages.js';
import type { MemberStatus } from '../../shared/network-api.js';
import { defineWords, type Phrase } from '../platform/words.js';
import { networkFrench } from './words.fr.js';

export const networkEnglish = {
  // Who may do what.
  member_not_found: 'There is no trading member with this name in the network.',
  network_membership_required: 'Only people acting for an approved trading member can see the network.',
  trader_required: 'Only the owners and admins of {member} can do this for it.',
  administrator_required: 'Only network administrators can do this.',
  not_approved: '{member} is not an approved member; it cannot trade now.',
  not_approved_suspended: '{member} is suspended; it cannot trade now.',
  // A member's status, as the sentences about it write it (`statusIn`).
  status_applied: 'applied',
  status_approved: 'approved',
  status_declined: 'declined',
  status_suspended: 'suspended',
  // Amounts as typed.
  amount_not_a_number: 'The amount must be a number such as 12.50.',
  amount_must_be_positive: 'The amount must be more than zero.',
  amount_too_large: 'The amount is larger than any single payment may be.',
  amount_has_too_many_decimals:
    'The amount has more decimals than {currency} have: at most {places, plural, one {# place} other {# places}}.',
  // Joining and administration.
  co_op_administrator_required: 'Only network administrators can apply for the co-op’s own organisation.',
  already_applied: '{member} has already applied (it is {status}).',
  organisation_not_found: 'There is no organisation with this name that you belong to.',
  apply_trader_required: 'Only the owners and admins of {organisation} can apply for it.',
  application_not_pending: '{member} has no application waiting for review (it is {status}).',
  limit_below_balance: '{member} already uses {used} of credit; the credit limit cannot be lower than that.',
  member_not_in_status: '{member} is {status}, not {expected}.',
  limit_change_active: 'state: active',
  limit_change_frozen: 'state: frozen',
  limit_change_closed: 'state: closed',
  limit_change_credit_limit: 'credit limit: {limit}',
  limit_change_no_credit_limit: 'credit limit: none',
  unknown_applicant: 'unknown',
  no_account_yet: '{member} has no account yet: its application is {status}.',
  // Listings.
  too_many_listings: 'A member can list at most {max, number} offers and wants.',
  listing_not_found: 'This member has no such offer or want.',
  // Paying.
  party_not_found: 'There is no trading member called “{slug}” in the network.',
  cannot_pay_yourself: '{member} cannot pay itself.',
  cannot_ask_yourself: '{member} cannot ask payment from itself.',
  cannot_trade: '{member} is {status}; it cannot trade now.',
  other_suspended: '{member} is suspended from the network; it cannot trade now.',
  insufficient_credit: '{payer} can pay at most {available} now: that is its balance plus its credit limit.',
  payee_balance_limit: '{payee} cannot receive this much: it would go over the most it may hold.',
  payment_form_reused: 'This form was already used for a different payment; reload the page to make a new one.',
  nothing_paid_suspended: 'One of the two members is suspended from the network; nothing was paid.',
  too_many_rules: 'A member can keep at most {max, number} auto-accept rules.',
  // Payment requests.
  request_not_found: 'There is no such payment request for this member.',
  too_many_open_requests: 'A member can have at most {max, number} open payment requests.',
  request_form_reused: 'This form was already used for a different request; reload the page to make a new one.',
  request_expired: 'This payment request has expired; ask the requester to send a new one.',
  request_being_accepted: 'This payment request is being accepted right now.',
  request_already_accepted: 'This payment request was already accepted.',
  request_already_rejected: 'This payment request was already rejected.',
  request_already_cancelled: 'This payment request was already cancelled.',

  // Emails. The traders' are wrapped in `letter`.
  letter: 'Hello {name},\n\n{body}\n',
  application_subject: '{member} applied to join the network',
  application_text: '{applicant} applied for {member} to join the network.\n\nReview it: {link}\n',
  approved_subject: '{member} is now a member of the trading network',
  approved_text: '{member} was approved. It can pay and be paid in {currency}, with a credit limit of {limit}.\n\nYour account: {link}',
  declined_subject: "{member}'s application to the trading network was declined",
  declined_text:
    'The network administrators declined the application of {member}.\n\nTheir reason: {reason}\n\nYou may apply again once this is addressed.',
  credit_limit_subject: "{member}'s credit limit is now {limit}",
  credit_limit_text: 'The network administrators set the credit limit of {member} to {limit}.\n\nTheir reason: {reason}',
  suspended_subject: '{member} is suspended from the trading network',
  suspended_text:
    'The network administrators suspended {member}.\n\nTheir reason: {reason}\n\nThis is in the co-op’s log of suspensions, which its members read. You may appeal to the members, who then vote on reinstating {member}: {appeal}',
  reinstated_subject: '{member} can trade again',
  reinstated_text: '{member} was reinstated in the network.\n\nThe reason: {reason}',
  paid_subject: '{payer} paid you {amount}',
  paid_text:
    '{payer} paid {payee} {amount}.\n\nDescription: {description}{withReference, select, yes {\nReference: {reference}} other {}}\n\nStatement: {link}',
  request_subject: '{requester} asks you to pay {amount}',
  request_text:
    '{requester} sent {payer} a payment request for {amount}.\n\nDescription: {description}{withDue, select, yes {\nDue: {due}} other {}}\n\nAccept or reject it: {link}',
  request_paid_subject: '{payer} paid your request for {amount}',
  request_paid_text: '{payer} accepted the payment request “{description}” and paid {amount}.',
  request_paid_automatically_subject: '{payer} paid your request for {amount}',
  request_paid_automatically_text:
    '{payer} accepted (automatically, under its auto-accept rule) the payment request “{description}” and paid {amount}.',
  request_rejected_subject: '{member} rejected a payment request for {amount}',
  request_rejected_text: '{member} rejected the payment request “{description}” for {amount}.\n\nTheir reason: {reason}',
  request_cancelled_subject: '{member} cancelled a payment request for {amount}',
  request_cancelled_text: '{member} cancelled the payment request “{description}” for {amount}.',
  request_expired_subject: 'Your payment request to {payer} expired unpaid',
  request_expired_text:
    '{payer} did not pay the payment request “{description}” for {amount} before it expired. Send a new request if it is still owed.\n\nYour account: {link}',
} as const;

export const networkWords = defineWords('network', networkEnglish, { fr: networkFrench });

type NetworkEnglish = typeof networkEnglish;
type NetworkKey = keyof NetworkEnglish & string;

/**
 * The message `key` with parameters that depend on the reader's language (amounts, written as
 * they write numbers), to be rendered in the reader's language.
 */
export function phraseIn<Key extends NetworkKey>(
  key: Key,
  parameters: (language: Language) => MessageParameters<NetworkEnglish[Key]>,
): Phrase {
  return {
    id: `${networkWords.name}.${key}`,
    in: (language) => networkWords.in(language, key, ...([parameters(language)] as ParametersArgument<NetworkEnglish[Key]>)),
  };
}

/** A member's status in `language`, as the sentences about it write it. */
export function statusIn(language: Language, status: MemberStatus): string {
  return networkWords.in(language, `status_${status}`);
}

/** The sentences about a member and its status (`{member}`, `{status}`). */
type StatusSentence = 'already_applied' | 'application_not_pending' | 'no_account_yet' | 'cannot_trade';

/** The sentence `key` about `member` and its status, both written in the reader's language. */
export function statusPhrase(key: StatusSentence, member: { name: string; status: MemberStatus }): Phrase {
  return phraseIn(key, (language) => ({ member: member.name, status: statusIn(language, member.status) }));
}

/** The name of each email: `x` for the messages `x_subject` and `x_text`. */
export type LetterName = NetworkKey extends infer Key ? (Key extends `${infer Name}_subject` ? Name : never) : never;

type MessageOf<Key extends string> = Key extends NetworkKey ? NetworkEnglish[Key] : never;

/** What the email `Name` needs: its subject's parameters and its text's. */
export type LetterParameters<Name extends LetterName> = MessageParameters<MessageOf<`${Name}_subject`>> &
  MessageParameters<MessageOf<`${Name}_text`>>;

/** The email `name` in `language`: its subject and its text. */
export function letterIn<Name extends LetterName>(
  language: Language,
  name: Name,
  parameters: LetterParameters<Name>,
): { subject: string; text: string } {
  const render = networkWords.in as (language: Language, key: string, parameters: object) => string;
  return { subject: render(language, `${name}_subject`, parameters), text: render(language, `${name}_text`, parameters) };
}
