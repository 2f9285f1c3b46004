/** The accounts domain: people, passwords, sessions, email verification, password reset. */
export { AccountsService, type AccountsServiceOptions, type Person, type Session, type SignUpOutcome } from './accounts-service.js';
export { Authenticator, deviceCookieName, sessionCookieName } from './authenticator.js';
export { type AccountsFailure, type AccountsResult, accountsFailureStatus } from './failures.js';
export { type AccountsHttpOptions, accountsHttp } from './http.js';
export { type AccountsTables, accountsMigrations } from './migrations.js';
export { OidcLogin, type OidcSettings, oidcStateCookieName } from './oidc.js';
export { accountsPersonalTables } from './personal-data.js';
export { installRequestActor, RequestActor } from './request-actor.js';
export { newToken, tokenHash } from './secrets.js';
export { exportedTables, flattenForCsv, type YourDataHttpOptions, type YourDataSection, yourDataHttp } from './your-data-http.js';
