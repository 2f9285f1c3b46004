/**
 * The stable codes of every expected failure, one list per server domain, so the browser can
 * check its words against them (`http-errors.ts` collects those the browser may see). Each
 * domain maps its codes to HTTP statuses at its own HTTP edge (a `Record<Code, number>`); its
 * services return `{ ok: false, code, message }` without a status.
 */

import { presentationErrorCodes } from './presentation-protocol.js';

/** Every route: malformed requests, limits, cross-site requests, unknown paths, bugs (`http/`, `app.ts`). */
export const platformFailureCodes = [
  'invalid_request',
  'bad_request',
  'not_found',
  'unsupported_media_type',
  'request_too_large',
  'rate_limited',
  'internal_error',
  'cross_origin_refused',
  'invalid_api_token',
] as const;
export type PlatformFailureCode = (typeof platformFailureCodes)[number];

/**
 * The bearer-token APIs (`http/bearer.ts`: the ledger's and `/metrics`), called by machines,
 * never by the browser, so not among `httpErrorCodes`.
 */
export const bearerFailureCodes = ['authentication_required', 'invalid_api_token', 'ledger_api_disabled', 'metrics_disabled'] as const;
export type BearerFailureCode = (typeof bearerFailureCodes)[number];

/** Rooms and meetings over HTTP (`meetings/http.ts`, `meetings/presentation-http.ts`). */
export const meetingsFailureCodes = ['room_not_found', 'moderator_code_wrong', 'not_allowed', ...presentationErrorCodes] as const;
export type MeetingsFailureCode = (typeof meetingsFailureCodes)[number];

/** People, passwords, sessions, one-time links, single sign-on (`accounts/`). */
export const accountsFailureCodes = [
  'not_signed_in',
  'csrf_token_invalid',
  'invalid_credentials',
  'email_not_verified',
  'login_locked',
  'password_too_short',
  'password_too_weak',
  'password_check_unavailable',
  'token_invalid',
  'token_used',
  'token_expired',
  'account_deleted',
  'sso_failed',
  'sso_state_mismatch',
  'sso_unavailable',
  // Also sent as `/login?error=<code>` by the single sign-on callback.
  'sso_email_not_verified',
  'internal_error',
] as const;
export type AccountsFailureCode = (typeof accountsFailureCodes)[number];

/** Organisations, members and roles, invitations, owned rooms (`organisations/`). */
export const organisationsFailureCodes = [
  'organisation_not_found',
  'organisation_needs_another_owner',
  'too_many_organisations',
  'too_many_rooms',
  'slug_taken',
  'role_required',
  'member_not_found',
  'last_owner',
  'room_not_found',
  'invitation_for_another_email',
  'token_invalid',
  'token_used',
  'token_expired',
] as const;
export type OrganisationsFailureCode = (typeof organisationsFailureCodes)[number];

/** Scheduled meetings and calendar feeds (`scheduling/`). */
export const schedulingFailureCodes = ['scheduled_meeting_not_found', 'meeting_cancelled', 'calendar_not_found'] as const;
export type SchedulingFailureCode = (typeof schedulingFailureCodes)[number];

/** The operator console (`operator/`). */
export const operatorFailureCodes = [
  'operator_only',
  'media_server_not_found',
  'media_server_name_taken',
  'media_server_in_use',
  'media_server_local',
  'media_server_not_drained',
] as const;
export type OperatorFailureCode = (typeof operatorFailureCodes)[number];

/** The trading network, its amounts and the ledger refusals it words (`network/`). */
export const networkFailureCodes = [
  'network_membership_required',
  'trader_required',
  'administrator_required',
  'member_not_found',
  'organisation_not_found',
  'not_approved',
  'member_not_approved',
  'member_not_suspended',
  'already_applied',
  'application_not_pending',
  'limit_below_balance',
  'listing_not_found',
  'too_many_listings',
  'too_many_rules',
  'too_many_open_requests',
  'cannot_pay_yourself',
  'payer_not_found',
  'payee_not_found',
  'payer_not_approved',
  'payee_not_approved',
  'insufficient_credit',
  'payee_balance_limit',
  'idempotency_key_reused',
  'amount_not_a_number',
  'amount_must_be_positive',
  'amount_too_large',
  'amount_has_too_many_decimals',
  'request_not_found',
  'request_not_open',
  'request_expired',
] as const;
export type NetworkFailureCode = (typeof networkFailureCodes)[number];

/** The ledger API's lookups (`ledger/http-transfer-routes.ts`); its transfer and account codes are the ledger's own. */
export const ledgerLookupFailureCodes = ['currency_not_found', 'transfer_not_found'] as const;
export type LedgerLookupFailureCode = (typeof ledgerLookupFailureCodes)[number];

/** Plans and subscriptions (`billing/`). */
export const billingFailureCodes = [
  'plan_not_found',
  'plan_quoted',
  'plan_unchanged',
  'plan_has_subscribers',
  'plan_not_editable',
  'organisation_not_found',
  'role_required',
  'operator_only',
  'not_signed_in',
  'invoice_not_found',
  'credits_need_trading_member',
  'invoice_already_paid',
  'payment_exceeds_due',
  'credits_unavailable',
  'insufficient_credit',
  'currency_mismatch',
  'bank_line_not_found',
  'members_only',
  'idempotency_key_reused',
  'statement_too_large',
  'statement_malformed',
  'statement_doctype_refused',
  'statement_not_camt053',
  'statement_accounts_mixed',
  'statement_too_many_lines',
  'statement_amount_invalid',
  'statement_currency_invalid',
  'statement_date_invalid',
  'statement_direction_invalid',
  'statement_csv_header_missing',
  'statement_encoding_invalid',
] as const;
export type BillingFailureCode = (typeof billingFailureCodes)[number];

/** Members, shares, proposals and votes (`governance/`). */
export const governanceFailureCodes = [
  'class_not_found',
  'organisation_required',
  'organisation_not_found',
  'already_member',
  'operator_only',
  'member_not_found',
  'not_a_member',
  'voter_not_in_organisation',
  'shares_exceed_subscribed',
  'shares_exceed_paid',
  'members_only',
  'proposal_not_found',
  'proposal_invalid',
  'proposal_not_open',
  'not_your_vote',
  'not_in_electorate',
  'ballot_invalid',
  'admitted_by_vote',
  'not_signed_in',
  'already_voted',
  'ballot_token_wrong',
  'not_the_organiser',
  'early_close_not_allowed',
] as const;
export type GovernanceFailureCode = (typeof governanceFailureCodes)[number];

/** General assemblies over HTTP: convening, proxies, minutes (`governance/assemblies-service.ts`). */
export const assemblyFailureCodes = [
  'operator_only',
  'members_only',
  'not_signed_in',
  'room_not_found',
  'assembly_not_found',
  'assembly_already_convened',
  'assembly_closed',
  'not_your_vote',
  'proxy_not_allowed',
  'proxy_limit_reached',
  'minutes_not_ready',
] as const;
export type AssemblyFailureCode = (typeof assemblyFailureCodes)[number];

/** Where a BigBlueButton join link lands (`bbb-api/landing-http.ts`). */
export const bbbLandingFailureCodes = ['join_link_expired'] as const;
export type BbbLandingFailureCode = (typeof bbbLandingFailureCodes)[number];

/** An organisation's BigBlueButton secret, seen and rotated by its owners and admins (`bbb-api/integrations-http.ts`). */
export const bbbIntegrationFailureCodes = ['organisation_not_found', 'role_required'] as const;
export type BbbIntegrationFailureCode = (typeof bbbIntegrationFailureCodes)[number];

/** The log of suspensions and their appeals (`governance/due-process.ts`). */
export const sanctionFailureCodes = [
  'sanction_not_found',
  'appeal_not_allowed',
  'members_only',
  'not_signed_in',
  'operator_only',
  'organisation_not_found',
  'member_not_found',
  'already_suspended',
  'not_suspended',
] as const;
export type SanctionFailureCode = (typeof sanctionFailureCodes)[number];
