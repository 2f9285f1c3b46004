/**
 * The signed-in person in this tab: loaded once from `GET /api/account/session`, kept here,
 * and the CSRF token that every state-changing request sends in `x-csrf-token`.
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { CurrentSessionSchema, csrfHeaderName, type SessionView } from '../../../shared/accounts-api.js';
import { ApiErrorSchema } from '../../../shared/api.js';
import { ApiFailure } from '../../app/api.js';

type SessionState = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: SessionView };

let state: SessionState = { kind: 'loading' };
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Reloads the session from the server (after login, logout, joining an organisation). */
export function refreshSession(): Promise<void> {
  loading = fetch('/api/account/session', { credentials: 'same-origin' })
    .then(async (response) => {
      if (!response.ok) return setState({ kind: 'signed-out' });
      const view = CurrentSessionSchema.parse(await response.json());
      setState(view.person ? { kind: 'signed-in', session: view } : { kind: 'signed-out' });
    })
    .catch(() => setState({ kind: 'signed-out' }));
  return loading;
}

/** Sets the session from a login reply. */
export function setSession(session: SessionView | undefined): void {
  setState(session ? { kind: 'signed-in', session } : { kind: 'signed-out' });
}

/** The session state; re-renders the caller when it changes. */
export function useSession(): SessionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    const update = () => setCurrent(state);
    listeners.add(update);
    if (state.kind === 'loading' && !loading) void refreshSession();
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return current;
}

/** Like `callApi`, with the session's CSRF token on state-changing requests. `schema` undefined: no body expected. */
export async function sessionApi<T extends z.ZodType>(
  schema: T | undefined,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<z.infer<T>> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.kind === 'signed-in') headers[csrfHeaderName] = state.session.csrfToken;
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
  return schema ? schema.parse(json) : (json as z.infer<T>);
}

/** The `token` query parameter of the current address. */
export function tokenFromAddress(): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}
