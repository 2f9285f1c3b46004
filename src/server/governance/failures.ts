/** The governance domain's failures: its codes (shared with the browser) and their HTTP statuses. */
import type { GovernanceFailureCode } from '../../shared/failure-codes.js';

export type { GovernanceFailureCode };

/** The HTTP status of each code, used only at the domain's HTTP edge. */
export const governanceFailureStatus: Readonly<Record<GovernanceFailureCode, number>> = {
  class_not_found: 404,
  organisation_required: 400,
  organisation_not_found: 404,
  already_member: 409,
  operator_only: 403,
  member_not_found: 404,
  not_a_member: 409,
  voter_not_in_organisation: 409,
  shares_exceed_subscribed: 409,
  shares_exceed_paid: 409,
  members_only: 403,
  proposal_not_found: 404,
  proposal_invalid: 400,
  proposal_not_open: 409,
  not_your_vote: 403,
  not_in_electorate: 403,
  ballot_invalid: 400,
  admitted_by_vote: 409,
  not_signed_in: 401,
  already_voted: 409,
  ballot_token_wrong: 403,
  not_the_organiser: 403,
  early_close_not_allowed: 409,
};
