/** The words of answers any route may give (malformed requests, limits, tokens, unknown paths). */
import { defineWords } from '../platform/words.js';
import { httpFrench } from './words.fr.js';

export const httpEnglish = {
  invalid_request_at: 'The request is not valid: {where}{problem}.',
  invalid_json: 'The request body is not valid JSON.',
  rate_limited: 'Too many requests; please wait a moment and try again.',
  unsupported_media_type: 'Send the request body as application/json.',
  request_too_large: 'The request body is too large.',
  bad_request: 'The request could not be understood.',
  internal_error: 'Something went wrong on our side; please try again.',
  cross_origin_refused: 'This request must come from this site.',
  cross_origin_join_refused: 'Meetings can only be joined from this site.',
  not_found: 'There is nothing at this address.',
  api_turned_off: 'The {name} is turned off: no {setting} is configured.',
  authentication_required: 'Send the {name} token as "Authorization: Bearer <{setting}>".',
  invalid_api_token: 'This API token is not valid.',
} as const;

export const httpWords = defineWords('http', httpEnglish, { fr: httpFrench });
