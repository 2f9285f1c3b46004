/** The billing domain's failures: its codes (shared with the browser) and their HTTP statuses. */
import type { BillingFailureCode } from '../../shared/failure-codes.js';
import type { Failure, Result } from '../platform/outcome.js';

export type BillingFailure = Failure<BillingFailureCode>;
export type BillingResult<T> = Result<T, BillingFailureCode>;

/** The HTTP status of each code, used only at the domain's HTTP edge. */
export const billingFailureStatus: Readonly<Record<BillingFailureCode, number>> = {
  plan_not_found: 404,
  plan_quoted: 409,
  plan_unchanged: 409,
  plan_has_subscribers: 409,
  plan_not_editable: 409,
  organisation_not_found: 404,
  role_required: 403,
  operator_only: 403,
  not_signed_in: 401,
  invoice_not_found: 404,
  credits_need_trading_member: 409,
  invoice_already_paid: 409,
  payment_exceeds_due: 409,
  credits_unavailable: 409,
  insufficient_credit: 409,
  currency_mismatch: 409,
  bank_line_not_found: 404,
  members_only: 403,
  idempotency_key_reused: 409,
  statement_too_large: 413,
  statement_malformed: 400,
  statement_doctype_refused: 400,
  statement_not_camt053: 400,
  statement_accounts_mixed: 400,
  statement_too_many_lines: 400,
  statement_amount_invalid: 400,
  statement_currency_invalid: 400,
  statement_date_invalid: 400,
  statement_direction_invalid: 400,
  statement_csv_header_missing: 400,
  statement_encoding_invalid: 400,
};
