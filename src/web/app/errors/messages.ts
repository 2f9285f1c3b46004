/**
 * The browser's words for every error code the server sends, checked at compile time: the
 * catalogue must be a `Record` over the WebSocket codes (`ErrorCode`, protocol.ts) and the HTTP
 * codes (`HttpErrorCode`, http-errors.ts), plus the fetch wrapper's own two.
 */
import type { HttpErrorCode } from '../../../shared/http-errors.js';
import type { ErrorCode } from '../../../shared/protocol.js';
import { defineCatalogue } from '../intl/catalogue.js';

/** Codes the browser makes itself: the server could not be reached, or answered something unreadable. */
export type BrowserErrorCode = 'network_error' | 'unexpected_response';

/** Every code the browser has words for. */
export type KnownErrorCode = ErrorCode | HttpErrorCode | BrowserErrorCode;

export const errorsEnglish = {
  generic: 'Something went wrong ({code}).',
  network_error: 'The server cannot be reached. Check your connection.',
  unexpected_response: 'The server’s answer could not be read; reload the page and try again.',
  malformed_message: 'The server could not read a message from this page; reload it.',
  message_too_large: 'That message is too long.',
  rate_limited: 'Too many requests; please wait a moment.',
  not_joined: 'You are not in the meeting any more.',
  already_joined: 'This page has already joined the meeting.',
  room_not_found: 'There is no room with this link.',
  room_is_full: 'This meeting is full.',
  room_is_locked: 'This meeting is locked: nobody new can join.',
  encryption_unsupported:
    'This meeting is end-to-end encrypted, and this browser cannot encrypt video and sound. Join from a current version of Chromium, Chrome, Edge, Firefox or Safari.',
  access_code_required: 'This room needs an access code.',
  access_code_wrong: 'That access code is not right.',
  banned: 'You were removed from this meeting and cannot rejoin it.',
  not_allowed: 'You are not allowed to do that.',
  last_moderator: 'A meeting needs at least one moderator.',
  participant_not_found: 'That person is no longer in the meeting.',
  not_publishing: 'That person is not sending video.',
  screen_share_taken: 'Someone else is already sharing their screen.',
  media_server_unavailable: 'The media server is unavailable.',
  media_negotiation_failed: 'The audio and video connection could not be set up.',
  internal_error: 'Something went wrong on our side; please try again.',
  invalid_request: 'The request is not valid.',
  bad_request: 'The request could not be understood.',
  not_found: 'There is nothing at this address.',
  unsupported_media_type: 'The request was sent in a form the server does not read.',
  request_too_large: 'The request is too large.',
  cross_origin_refused: 'Requests from other sites are refused.',
  invalid_api_token: 'The access token is not valid.',
  moderator_code_wrong: 'That moderator code is not right.',
  calendar_not_found: 'There is no calendar at this address.',
  not_signed_in: 'Log in to do this.',
  csrf_token_invalid: 'Your session changed; reload the page and try again.',
  invalid_credentials: 'The email or the password is not right.',
  email_not_verified: 'Confirm your email address first: open the link we sent you.',
  login_locked: 'Too many failed attempts. Wait a few minutes and try again, or reset your password.',
  password_too_short: 'The password must be at least 10 characters long.',
  password_too_weak: 'This password is too easy to guess; add a few uncommon words.',
  password_check_unavailable: 'The password could not be checked just now; try again in a moment.',
  token_invalid: 'This link is not valid.',
  token_used: 'This link has already been used.',
  token_expired: 'This link has expired; ask for a new one.',
  account_deleted: 'The account linked to this sign-in has been deleted.',
  sso_failed: 'The sign-in provider did not confirm who you are; please try again.',
  sso_state_mismatch: 'That sign-in did not complete; please try again.',
  sso_unavailable: 'The sign-in provider cannot be reached; try again later.',
  sso_email_not_verified: 'Your sign-in provider did not confirm your email address.',
  organisation_not_found: 'There is no organisation with this name that you belong to.',
  organisation_needs_another_owner: 'Make someone else an owner of your organisations first.',
  too_many_organisations: 'You own as many organisations as one person can.',
  too_many_rooms: 'This owner has as many rooms as allowed.',
  slug_taken: 'This short name is taken; choose another.',
  role_required: 'Your role does not allow this.',
  member_not_found: 'This person is not a member of the organisation.',
  last_owner: 'An organisation needs at least one owner.',
  invitation_for_another_email: 'This invitation was sent to another email address.',
  scheduled_meeting_not_found: 'There is no such scheduled meeting that you can manage.',
  meeting_cancelled: 'This meeting has been cancelled.',
  operator_only: 'Only the co-op’s operators can see this.',
  network_membership_required: 'Only people acting for an approved trading member can see the network.',
  trader_required: 'Only the owners and admins of this member can do this for it.',
  administrator_required: 'Only network administrators can do this.',
  not_approved: 'This member is not approved in the network, or is suspended.',
  member_not_approved: 'This member is not approved in the network.',
  member_not_suspended: 'This member is not suspended.',
  limit_below_balance: 'The credit limit cannot be lower than what the member already owes.',
  payer_not_found: 'There is no such paying member in the network.',
  payee_not_found: 'There is no such member to pay in the network.',
  payer_not_approved: 'The paying member cannot trade now: it is not approved, or it is suspended.',
  payee_not_approved: 'The member to be paid cannot trade now: it is suspended from the network.',
  already_applied: 'This organisation has already applied to the network.',
  application_not_pending: 'This application is no longer waiting for review.',
  listing_not_found: 'There is no such listing.',
  too_many_listings: 'This member has as many listings as allowed.',
  too_many_rules: 'This member has as many automatic-acceptance rules as allowed.',
  too_many_open_requests: 'There are as many open payment requests as allowed.',
  cannot_pay_yourself: 'A member cannot pay itself.',
  insufficient_credit: 'The payer cannot pay this much now: it is more than its balance plus its credit limit.',
  payee_balance_limit: 'The payee cannot receive this much: it would go over the most it may hold.',
  idempotency_key_reused: 'This form was already used for a different payment; reload the page to make a new one.',
  amount_not_a_number: 'The amount must be a number such as 12.50.',
  amount_must_be_positive: 'The amount must be more than zero.',
  amount_too_large: 'The amount is larger than any single payment may be.',
  amount_has_too_many_decimals: 'The amount has more decimals than the currency has.',
  request_not_found: 'There is no such payment request.',
  request_not_open: 'This payment request is no longer open.',
  request_expired: 'This payment request has expired.',
  currency_not_found: 'There is no such currency.',
  transfer_not_found: 'There is no such transfer.',
  plan_not_found: 'There is no such plan.',
  plan_quoted: 'This plan’s price is quoted by the co-op: ask the operators.',
  plan_unchanged: 'The organisation is already on this plan.',
  plan_has_subscribers: 'Organisations subscribe to this plan: its limits cannot be lowered nor its period changed.',
  plan_not_editable: 'The Free plan stays free.',
  plan_participants_limit: 'This meeting has as many people as its plan allows.',
  plan_meetings_limit: 'Its plan allows no more meetings at once.',
  invoice_not_found: 'There is no such invoice for this organisation.',
  credits_need_trading_member: 'Only an approved trading member of the network can pay in credits.',
  invoice_already_paid: 'This invoice is already paid.',
  payment_exceeds_due: 'This is more than is still due on the invoice.',
  credits_unavailable: 'This invoice cannot be paid in credits now: a trading account is not open for payments.',
  currency_mismatch: 'The payment is not in the invoice’s currency.',
  class_not_found: 'There is no such class of members.',
  organisation_required: 'Name the organisation that applies.',
  already_member: 'This member has applied already, or is a member.',
  not_a_member: 'This member has resigned already, or was declined.',
  voter_not_in_organisation: 'The voter must be one of the organisation’s people.',
  shares_exceed_subscribed: 'More shares would be paid than were subscribed.',
  shares_exceed_paid: 'More shares would be repaid than were paid.',
  proposal_not_found: 'There is no such proposal.',
  proposal_invalid: 'This proposal cannot be put to a vote as it is.',
  proposal_not_open: 'Voting on this proposal is not open.',
  not_your_vote: 'You do not cast this member’s vote.',
  not_in_electorate: 'This member is not in the electorate of this proposal.',
  ballot_invalid: 'This ballot does not answer the proposal.',
  admitted_by_vote: 'Members of this class are admitted by the members’ vote.',
  already_voted: 'This member has voted already, in secret: only the browser that cast the ballot can change it.',
  ballot_token_wrong: 'This is not the token of this member’s secret ballot.',
  not_the_organiser: 'Only the organiser of this proposal, or an operator, can close its vote early.',
  early_close_not_allowed: 'This vote cannot be closed early: it closes early only while open, once every member has voted.',
  assembly_not_found: 'There is no such general assembly.',
  assembly_already_convened: 'An assembly is already convened in this room.',
  assembly_closed: 'This assembly is closed: its minutes are sealed.',
  proxy_not_allowed: 'This proxy is not allowed by the co-op’s rule.',
  proxy_limit_reached: 'This member already holds as many proxies as the co-op’s rule allows.',
  minutes_not_ready: 'The minutes are written when the assembly closes.',
  notes_locked: 'A moderator has locked the notes.',
  notes_too_large: 'The notes are full; this edit was not kept.',
  notes_update_invalid: 'That edit of the notes could not be read.',
  poll_not_found: 'That poll is not open in this meeting.',
  poll_already_open: 'A poll is already open; close it first.',
  poll_closed: 'This poll is closed.',
  poll_already_answered: 'You have already answered this poll.',
  poll_answer_invalid: 'That is not one of this poll’s answers.',
  polls_limit: 'This meeting has reached its number of polls.',
  no_assembly: 'No general assembly is open in this meeting.',
  not_the_chair: 'Only the chair of the assembly can do this.',
  motion_not_found: 'This motion is not open.',
  motion_still_open: 'A motion is still open: close it first.',
  vote_not_allowed: 'You cannot cast this vote here.',
  quorum_not_reached: 'The quorum is not reached.',
  organisation_suspended: 'This room’s organisation is suspended from holding meetings.',
  already_suspended: 'This is suspended already.',
  not_suspended: 'This suspension is not in force any more.',
  join_link_expired:
    'This join link has expired or was used already, or its meeting has ended. Go back to where you found it and join again.',
  sanction_not_found: 'There is no such suspension of an organisation you run.',
  appeal_not_allowed: 'This cannot be appealed, or an appeal is already before the members.',
  members_only: 'This is open to the co-op’s members only.',
  bank_line_not_found: 'There is no such statement line waiting to be assigned.',
  statement_too_large: 'The statement file is too large.',
  statement_malformed: 'The statement file cannot be read.',
  statement_doctype_refused: 'Statement files with a DOCTYPE are refused.',
  statement_not_camt053: 'This XML file is not a camt.053 bank statement.',
  statement_accounts_mixed: 'The statement mixes several bank accounts.',
  statement_too_many_lines: 'The statement has too many lines.',
  statement_amount_invalid: 'An amount in the statement is not valid.',
  statement_currency_invalid: 'A currency in the statement is not valid.',
  statement_date_invalid: 'A date in the statement is not valid.',
  statement_direction_invalid: 'A line of the statement is neither a credit nor a debit.',
  statement_csv_header_missing: 'The CSV file has no header row naming its columns.',
  statement_encoding_invalid: 'The statement’s text encoding cannot be read.',
} as const satisfies Record<KnownErrorCode | 'generic', string>;

/** Error words; keys are the codes themselves. */
export const errorMessages = defineCatalogue('errors', errorsEnglish);

/**
 * Codes the browser words itself. For the others, the page shows the server's own sentence
 * (written for people, it may name a member, an amount or a plan), which the server writes in the
 * page's language (the fetch wrapper's `Accept-Language`, the join's `language`).
 */
const wordedByBrowser: ReadonlySet<string> = new Set<KnownErrorCode>([
  'room_not_found',
  'room_is_full',
  'media_server_unavailable',
  'rate_limited',
  'room_is_locked',
  'encryption_unsupported',
  'access_code_required',
  'access_code_wrong',
  'banned',
  'not_allowed',
  'moderator_code_wrong',
  'password_too_short',
  'invalid_credentials',
  'email_not_verified',
  'token_invalid',
  'token_used',
  'token_expired',
  'slug_taken',
  'role_required',
  'not_signed_in',
  'csrf_token_invalid',
  'sso_state_mismatch',
  'sso_failed',
  'account_deleted',
  'login_locked',
  'organisation_not_found',
  'too_many_organisations',
  'too_many_rooms',
  'invitation_for_another_email',
  'member_not_found',
  'last_owner',
  'scheduled_meeting_not_found',
  'meeting_cancelled',
  'organisation_needs_another_owner',
  'operator_only',
  'sso_unavailable',
  'sso_email_not_verified',
  'password_check_unavailable',
]);

function isKnown(code: string): code is KnownErrorCode {
  return Object.hasOwn(errorsEnglish, code) && code !== 'generic';
}

/** Words for an error code in the current language; an unknown code is named in a generic sentence. */
export function errorText(code: string): string {
  return isKnown(code) ? errorMessages.t(code) : errorMessages.t('generic', { code });
}

/**
 * Words for a refusal that came with the server's sentence: that sentence unless the browser
 * words the code itself (`preferServer`: always the sentence). The catalogue's words stand in for
 * an empty sentence.
 */
export function refusalText(code: string, serverSentence: string, options: { preferServer?: boolean } = {}): string {
  if (serverSentence.trim() !== '' && (options.preferServer || !wordedByBrowser.has(code))) return serverSentence;
  return errorText(code);
}
