/**
 * The signed-in person in this tab, as a signal: loaded once from `GET /api/account/session`
 * (when a page first asks), replaced on login and logout. Its CSRF token goes to the fetch
 * wrapper (`csrfToken`), which sends it on every state-changing request.
 */
import { signal } from '@preact/signals';
import { CurrentSessionSchema, type SessionView } from '../../shared/accounts-api.js';
import { callApi, csrfToken } from './api.js';

/** Loading (before the first answer), signed out, or signed in with the person and CSRF token. */
export type SessionState = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: SessionView };

const state = signal<SessionState>({ kind: 'loading' });
let loading: Promise<void> | undefined;

function setState(next: SessionState): void {
  state.value = next;
  csrfToken.value = next.kind === 'signed-in' ? next.session.csrfToken : undefined;
}

/** Reloads the session from the server (after login, logout, joining an organisation). */
export function refreshSession(): Promise<void> {
  loading = callApi(CurrentSessionSchema, '/api/account/session').then(
    (view) => setState(view.person ? { kind: 'signed-in', session: view } : { kind: 'signed-out' }),
    // The server cannot say: nobody is signed in here as far as this page knows.
    () => setState({ kind: 'signed-out' }),
  );
  return loading;
}

/** Sets the session from a login reply, or signs out (`undefined`). */
export function setSession(view: SessionView | undefined): void {
  setState(view ? { kind: 'signed-in', session: view } : { kind: 'signed-out' });
}

/** The session state; re-renders the caller when it changes, and loads it on first use. */
export function useSession(): SessionState {
  if (state.value.kind === 'loading' && !loading) void refreshSession();
  return state.value;
}

/** The `token` query parameter of the current address. */
export function tokenFromAddress(): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}
