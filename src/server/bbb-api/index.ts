/**
 * The BigBlueButton API (`/bigbluebutton/api/*`), so integrations written for BigBlueButton —
 * Moodle, Nextcloud, Greenlight — drive Plenary with a URL and a shared secret. A BigBlueButton
 * meeting is held in a persistent Plenary room; join tickets let a browser in once. Each
 * organisation may have its own secret: its calls see its own meetings, held in rooms it owns.
 */
export { BbbApi, type BbbApiOptions, type BbbApiSettings, internalMeetingId, operatorSigner, type Signer } from './bbb-api.js';
export { type ChecksumAlgorithm, checksumAlgorithms, checksumOf, parseChecksumAlgorithms } from './checksum.js';
export { apiVersion, type BbbApiHttpOptions, bbbApiHttp } from './http.js';
export { type BbbIntegrationsHttpOptions, bbbIntegrationsHttp } from './integrations-http.js';
export { displayNameOf, ticketHash } from './join.js';
export type { GrantedJoin } from './landing.js';
export { type BbbLandingHttpOptions, bbbLandingHttp } from './landing-http.js';
export type { BbbMeeting, JoinTicket } from './meetings-store.js';
export { type BbbApiTables, bbbApiMigrations } from './migrations.js';
export type { OrganisationSecret } from './organisation-secrets.js';
