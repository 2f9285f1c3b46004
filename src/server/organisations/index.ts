/** The organisations domain: organisations, their people and invitations, owned rooms, identity. */
export { type OrganisationsFailure, type OrganisationsResult, organisationsFailureStatus } from './failures.js';
export { type OrganisationsHttpOptions, organisationsHttp } from './http.js';
export { Identity, type SignedInPerson } from './identity.js';
export { type OrganisationsTables, organisationsMigrations } from './migrations.js';
export { type Membership, OrganisationsService, type OrganisationsServiceOptions, type OwnedRoom } from './organisations-service.js';
