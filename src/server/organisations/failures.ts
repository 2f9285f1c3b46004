/** The organisations domain's failures: its codes (shared with the browser) and their HTTP statuses. */
import type { OrganisationsFailureCode } from '../../shared/failure-codes.js';
import type { Failure, Result } from '../platform/outcome.js';

/** A refused organisations operation. */
export type OrganisationsFailure = Failure<OrganisationsFailureCode>;

/** A value, or a refused organisations operation. */
export type OrganisationsResult<T> = Result<T, OrganisationsFailureCode>;

/** The HTTP status of each code, used only at HTTP edges. */
export const organisationsFailureStatus: Readonly<Record<OrganisationsFailureCode, number>> = {
  organisation_not_found: 404,
  organisation_needs_another_owner: 409,
  too_many_organisations: 409,
  too_many_rooms: 409,
  slug_taken: 409,
  role_required: 403,
  member_not_found: 404,
  last_owner: 409,
  room_not_found: 404,
  invitation_for_another_email: 403,
  token_invalid: 400,
  token_used: 410,
  token_expired: 410,
};
