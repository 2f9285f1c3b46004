/**
 * The signed-in person in this tab, as a signal: loaded once from `GET /api/account/session`
 * (when a page first asks), replaced on login and logout. Its CSRF token goes to the fetch
 * wrapper (`csrfToken`), which sends it on every state-changing request.
 */
import { signal } from '@preact/signals';
import { CurrentSessionSchema, type SessionView } from '../../shared/accounts-api.js';
import { callApi, csrfToken } from './api.js';
import { chooseLanguage, onLanguageChosen, savedLanguage } from './intl/catalogue.js';
import { currentLanguage, type Language } from './intl/language.js';

/** Loading (before the first answer), signed out, or signed in with the person and CSRF token. */
export type SessionState = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: SessionView };

const state = signal<SessionState>({ kind: 'loading' });
let loading: Promise<void> | undefined;

function setState(next: SessionState): void {
  state.value = next;
  csrfToken.value = next.kind === 'signed-in' ? next.session.csrfToken : undefined;
  if (next.kind === 'signed-in') void agreeLanguage(next.session.person.language);
}

/**
 * Signed in, the person's language is one: a choice saved in this browser wins and is saved on
 * the server too (so their emails follow it); without one, the pages take the person's saved
 * language; an account with none yet takes the pages' current one.
 */
async function agreeLanguage(personLanguage: Language | null): Promise<void> {
  const local = savedLanguage();
  if (local && local !== personLanguage) return saveLanguage(local);
  if (!local && personLanguage && personLanguage !== currentLanguage.peek()) return chooseLanguage(personLanguage, false).catch(() => {});
  if (!personLanguage) return saveLanguage(currentLanguage.peek());
}

/** Saves the language on the server for the signed-in person; a failure only means emails keep the old one. */
async function saveLanguage(language: Language): Promise<void> {
  const current = state.peek();
  if (current.kind !== 'signed-in' || current.session.person.language === language) return;
  try {
    await callApi(undefined, '/api/account/language', { method: 'PUT', body: { language } });
    current.session.person.language = language;
  } catch {
    // Not saved: the pages still show it; the next sign-in tries again.
  }
}

onLanguageChosen((language) => void saveLanguage(language));

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
