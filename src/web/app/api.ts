/** Calls to Plenary's HTTP API; responses are parsed with the shared schemas. */
import type { z } from 'zod';
import { ApiErrorSchema } from '../../shared/api.js';

/** A failed API call: the server's stable code and sentence, or a network failure. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a JSON request and parses the reply with `schema`. */
export async function callApi<T extends z.ZodType>(
  schema: T,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<z.infer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiFailure(0, 'network_error', 'The server cannot be reached. Check your connection.');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ApiErrorSchema.safeParse(json);
    if (error.success) throw new ApiFailure(response.status, error.data.error.code, error.data.error.message);
    throw new ApiFailure(response.status, 'unexpected_response', `The server answered ${response.status}.`);
  }
  return schema.parse(json);
}
