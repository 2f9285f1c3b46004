/**
 * Governance: member classes, the register of members and share capital, proposals with their
 * quorum and threshold, open ballots and sealed outcomes (secret ballots, assemblies in a live
 * meeting and due process come next).
 */
export { type Ballot, type CountRules, count, type Outcome, validBallot } from './counting.js';
export { type Governance, type GovernanceOptions, startGovernance } from './governance.js';
export { type GovernanceHttpOptions, governanceHttp } from './http.js';
export { type GovernanceTables, governanceMigrations } from './migrations.js';
