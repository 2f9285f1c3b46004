/** The accounts domain's failures: its codes (shared with the browser) and their HTTP statuses. */
import type { AccountsFailureCode } from '../../shared/failure-codes.js';
import type { Failure, Result } from '../platform/outcome.js';

/** A refused accounts operation. */
export type AccountsFailure = Failure<AccountsFailureCode>;

/** A value, or a refused accounts operation. */
export type AccountsResult<T> = Result<T, AccountsFailureCode>;

/**
 * The HTTP status of each code, used only at the domain's HTTP edge. Deleting an account
 * answers `invalid_credentials` with 403 instead (`your-data-http.ts`): the person is signed in.
 */
export const accountsFailureStatus: Readonly<Record<AccountsFailureCode, number>> = {
  not_signed_in: 401,
  csrf_token_invalid: 403,
  invalid_credentials: 401,
  email_not_verified: 403,
  login_locked: 429,
  password_too_short: 400,
  password_too_weak: 400,
  password_check_unavailable: 503,
  token_invalid: 400,
  token_used: 410,
  token_expired: 410,
  account_deleted: 403,
  sso_failed: 401,
  sso_state_mismatch: 400,
  sso_unavailable: 503,
  sso_email_not_verified: 403,
  internal_error: 500,
};
