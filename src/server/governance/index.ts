/**
 * Governance: member classes, the register of members and share capital, proposals with their
 * quorum and threshold, open and secret ballots and sealed outcomes, due process (the log of
 * suspensions and appeals), letters and a calendar of votes, and general assemblies held in a
 * live meeting (a room module) with their sealed minutes.
 */

export { type AssembliesHttpOptions, assembliesHttp } from './assemblies-http.js';
export { type Ballot, type CountRules, count, type Outcome, validBallot } from './counting.js';
export { type DueProcessHttpOptions, dueProcessHttp } from './due-process-http.js';
export { type Governance, type GovernanceOptions, startGovernance } from './governance.js';
export { type GovernanceHttpOptions, governanceHttp } from './http.js';
export type { GovernanceTables } from './migrations.js';
export { type GovernanceCalendarHttpOptions, governanceCalendarHttp } from './notices-http.js';
export { governancePersonalTables } from './personal-data.js';

import { assembliesMigrations } from './assemblies-migrations.js';
import { dueProcessMigrations } from './due-process-migrations.js';
import { earlyCloseMigrations } from './early-close-migrations.js';
import { governanceMigrations as proposalsMigrations } from './migrations.js';
import { noticesMigrations } from './notices-migrations.js';

/** Every migration of the governance domain. */
export const governanceMigrations = {
  ...proposalsMigrations,
  ...dueProcessMigrations,
  ...noticesMigrations,
  ...assembliesMigrations,
  ...earlyCloseMigrations,
};
