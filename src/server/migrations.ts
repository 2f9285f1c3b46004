/** Every domain's migrations in one set, for the composition root, the command line and tests. */
import { bbbApiMigrations } from './bbb-api/index.js';
import { billingMigrations } from './billing/index.js';
import { governanceMigrations } from './governance/index.js';
import { ledgerMigrations } from './ledger/index.js';
import { meetingsMigrations } from './meetings/index.js';
import { networkMigrations } from './network/index.js';
import { peopleMigrations } from './people/index.js';
import { leaseMigrations } from './platform/leases.js';

/** Every domain's migrations; names sort into one global order. */
export const allMigrations = {
  ...meetingsMigrations,
  ...ledgerMigrations,
  ...peopleMigrations,
  ...networkMigrations,
  ...billingMigrations,
  ...governanceMigrations,
  ...bbbApiMigrations,
  ...leaseMigrations,
};
