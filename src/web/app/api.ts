/**
 * The one way the browser calls Plenary's HTTP API: JSON in and out, the session's CSRF token on
 * every state-changing request, the reply parsed with its shared zod schema, and every failure
 * an `ApiFailure` with the server's stable `{ code, message }` (or the browser's own
 * `network_error` / `unexpected_response`).
 */
import { signal } from '@preact/signals';
import type { z } from 'zod';
import { csrfHeaderName } from '../../shared/accounts-api.js';
import { ApiErrorSchema } from '../../shared/api.js';
import { currentLanguage } from './intl/language.js';

/** A failed API call: the server's stable code and sentence, or a network failure (status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in session's CSRF token, set by the session store; sent on every request but GET. */
export const csrfToken = signal<string | undefined>(undefined);

/** What a call sends: `method` (default GET), a JSON `body`, and any other `headers`. */
export interface ApiRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Sends a JSON request and parses the reply with `schema`; with `schema` undefined no body is
 * expected (204). Throws `ApiFailure` for a refusal, an unreachable server or an unreadable reply.
 */
export async function callApi<T extends z.ZodType>(schema: T | undefined, path: string, init: ApiRequest = {}): Promise<z.infer<T>> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  // The server writes its error sentences in the language the pages are in.
  headers['accept-language'] ??= currentLanguage.peek();
  const token = csrfToken.peek();
  if (method !== 'GET' && token) headers[csrfHeaderName] = token;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiFailure(0, 'network_error', 'The server cannot be reached. Check your connection.');
  }
  const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ApiErrorSchema.safeParse(json);
    if (error.success) throw new ApiFailure(response.status, error.data.error.code, error.data.error.message);
    throw new ApiFailure(response.status, 'unexpected_response', `The server answered ${response.status}.`);
  }
  if (!schema) return json as z.infer<T>;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure(response.status, 'unexpected_response', 'The server’s answer could not be read.');
  return parsed.data;
}
