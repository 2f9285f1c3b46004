/** The network domain's failures: its codes (shared with the browser) and their HTTP statuses. */
import type { NetworkFailureCode, OrganisationsFailureCode } from '../../shared/failure-codes.js';
import { organisationsFailureStatus } from '../organisations/index.js';
import type { Failure, Result } from '../platform/outcome.js';

/** A refused network operation; applying with a new business passes on the organisations' refusals. */
export type NetworkFailure = Failure<NetworkFailureCode | OrganisationsFailureCode>;

/** A value, or a refused network operation. */
export type NetworkResult<T> = Result<T, NetworkFailureCode | OrganisationsFailureCode>;

/** The HTTP status of each code, used only at the domain's HTTP edge. */
export const networkFailureStatus: Readonly<Record<NetworkFailureCode | OrganisationsFailureCode, number>> = {
  ...organisationsFailureStatus,
  network_membership_required: 403,
  trader_required: 403,
  administrator_required: 403,
  member_not_found: 404,
  organisation_not_found: 404,
  not_approved: 409,
  member_not_approved: 409,
  member_not_suspended: 409,
  already_applied: 409,
  application_not_pending: 409,
  limit_below_balance: 409,
  listing_not_found: 404,
  too_many_listings: 409,
  too_many_rules: 409,
  too_many_open_requests: 409,
  cannot_pay_yourself: 422,
  payer_not_found: 404,
  payee_not_found: 404,
  payer_not_approved: 409,
  payee_not_approved: 409,
  insufficient_credit: 422,
  payee_balance_limit: 422,
  idempotency_key_reused: 409,
  amount_not_a_number: 422,
  amount_must_be_positive: 422,
  amount_too_large: 422,
  amount_has_too_many_decimals: 422,
  request_not_found: 404,
  request_not_open: 409,
  request_expired: 409,
};
