/**
 * The stable codes of HTTP error responses (`{ error: { code, message } }`), so the browser's
 * words for them are checked against this list at compile time (see `src/web/app/errors`).
 * Derived from what the server sends (`sendError(…)` and `failure(status, code, …)` in
 * `src/server`; the network's amount and ledger refusals); the WebSocket's codes are
 * `ErrorCode` in `protocol.ts`. A new code sent by the server belongs here too.
 */
export const httpErrorCodes = [
  // Every route (http/errors.ts, http/origin.ts, http/bearer.ts).
  'invalid_request',
  'bad_request',
  'not_found',
  'unsupported_media_type',
  'request_too_large',
  'rate_limited',
  'internal_error',
  'cross_origin_refused',
  'invalid_api_token',
  // Rooms and meetings.
  'room_not_found',
  'moderator_code_wrong',
  'calendar_not_found',
  // Accounts and single sign-on.
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
  // Sent as `/login?error=<code>` by the single sign-on callback.
  'sso_email_not_verified',
  // Organisations, rooms, scheduling, the operator console.
  'organisation_not_found',
  'organisation_needs_another_owner',
  'too_many_organisations',
  'too_many_rooms',
  'slug_taken',
  'role_required',
  'member_not_found',
  'last_owner',
  'invitation_for_another_email',
  'scheduled_meeting_not_found',
  'meeting_cancelled',
  'operator_only',
  // The trading network and its ledger.
  'network_membership_required',
  'trader_required',
  'administrator_required',
  'not_approved',
  'already_applied',
  'application_not_pending',
  'listing_not_found',
  'too_many_listings',
  'too_many_rules',
  'too_many_open_requests',
  'cannot_pay_yourself',
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
  'currency_not_found',
  'transfer_not_found',
] as const;

/** A stable code of an HTTP error response. */
export type HttpErrorCode = (typeof httpErrorCodes)[number];
