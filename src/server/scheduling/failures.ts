/** The scheduling domain's failures: its codes (shared with the browser) and their HTTP statuses. */
import type { OrganisationsFailureCode, SchedulingFailureCode } from '../../shared/failure-codes.js';
import { organisationsFailureStatus } from '../organisations/index.js';
import type { Failure, Result } from '../platform/outcome.js';

/** A refused scheduling operation; a room the person does not administer is the organisations' refusal. */
export type SchedulingFailure = Failure<SchedulingFailureCode | OrganisationsFailureCode>;

/** A value, or a refused scheduling operation. */
export type SchedulingResult<T> = Result<T, SchedulingFailureCode | OrganisationsFailureCode>;

/** The HTTP status of each code, used only at the domain's HTTP edge. */
export const schedulingFailureStatus: Readonly<Record<SchedulingFailureCode | OrganisationsFailureCode, number>> = {
  ...organisationsFailureStatus,
  scheduled_meeting_not_found: 404,
  meeting_cancelled: 409,
  calendar_not_found: 404,
};
