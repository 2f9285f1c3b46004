/**
 * One BigBlueButton API call as it arrived: its parameters (from the query string, and for POST
 * from a form body), the text its checksum covers, and the checksum given. As the API reference
 * says, the checksum covers the URL's query string even for POST; and as its reference server
 * does, when that query string is empty the form body's parameters are signed instead, sorted by
 * name and form-encoded (so a body is never accepted unsigned). A parameter sent both in the
 * query string and the body is a checksum error, as documented. A parameter given twice counts
 * with its first value.
 */
import { bbbApiLimits } from '../../shared/limits.js';
import { type Result, success } from '../platform/outcome.js';
import { queryWithoutChecksum } from './checksum.js';
import { type BbbFailureKey, bbbFailure } from './messages.js';

/** A call's parameters and what its checksum covers. */
export interface ApiRequest {
  /** Each parameter's first value, by name (query string first, then body). */
  params: ReadonlyMap<string, string>;
  /** The text between the call name and the secret in the checksum. */
  signedQuery: string;
  /** The checksum given, if any. */
  checksum: string | undefined;
}

/** What the HTTP edge hands over: the raw query string, and the raw body with its media type. */
export interface RawCall {
  rawQuery: string;
  body: string | undefined;
  contentType: string | undefined;
}

/** Reads a call; `validationError` for one too large, `checksumError` for a parameter both in the query and the body. */
export function readApiRequest(raw: RawCall): Result<ApiRequest, BbbFailureKey> {
  if (raw.rawQuery.length > bbbApiLimits.queryCharactersMax) return bbbFailure('validationError', 'The query string is too long.');
  const query = [...new URLSearchParams(raw.rawQuery)];
  const body = isFormBody(raw.contentType) && raw.body ? [...new URLSearchParams(raw.body)] : [];
  if (query.length + body.length > bbbApiLimits.parametersMax) return bbbFailure('validationError', 'The call has too many parameters.');
  const queryNames = new Set(query.map(([name]) => name));
  if (body.some(([name]) => queryNames.has(name))) {
    return bbbFailure('checksumError', 'A parameter was sent both in the query string and in the body.');
  }
  const params = new Map<string, string>();
  for (const [name, value] of [...query, ...body]) if (!params.has(name)) params.set(name, value);
  const signedQuery = queryWithoutChecksum(raw.rawQuery);
  return success({
    params,
    signedQuery: signedQuery === '' && body.length > 0 ? signedBody(body) : signedQuery,
    checksum: params.get('checksum'),
  });
}

function isFormBody(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** The body's parameters but `checksum`, sorted by name (values in their order), each encoded as a Java form encoder does. */
function signedBody(pairs: [string, string][]): string {
  return pairs
    .filter(([name]) => name !== 'checksum')
    .map(([name, value], index) => ({ name, value, index }))
    .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : left.index - right.index))
    .map(({ name, value }) => `${name}=${formEncode(value)}`)
    .join('&');
}

/** Form encoding with spaces as `+` and only `A–Z a–z 0–9 . - * _` left as they are. */
export function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}
