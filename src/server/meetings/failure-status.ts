/** The HTTP statuses of the meetings domain's failure codes, shared by its routes. */
import type { MeetingsFailureCode } from '../../shared/failure-codes.js';

/** The HTTP status of each code the rooms' and presentations' routes answer. */
export const meetingsFailureStatus: Readonly<Record<MeetingsFailureCode, number>> = {
  room_not_found: 404,
  moderator_code_wrong: 403,
  not_allowed: 403,
  presentation_not_found: 404,
  presentation_ticket_invalid: 403,
  presentation_invalid: 422,
  presentation_too_many_pages: 422,
  presentation_page_too_large: 422,
  presentation_has_script: 422,
  presentation_busy: 503,
};
