/** The whole catalogue: every domain's tables, merged. Add a table to the file of the domain whose migration makes it. */
import type { DataCatalogue } from '../catalogue-types.js';
import { accountsCatalogue } from './accounts.js';
import { bbbApiCatalogue } from './bbb-api.js';
import { billingCatalogue } from './billing.js';
import { emailCatalogue } from './email.js';
import { governanceCatalogue } from './governance.js';
import { ledgerCatalogue } from './ledger.js';
import { meetingsCatalogue } from './meetings.js';
import { networkCatalogue } from './network.js';
import { operatorCatalogue } from './operator.js';
import { organisationsCatalogue } from './organisations.js';
import { schedulingCatalogue } from './scheduling.js';
import { storageCatalogue } from './storage.js';

/** Every table of the database, by name: its purpose, retention and columns. */
export const dataCatalogue: DataCatalogue = {
  ...meetingsCatalogue,
  ...ledgerCatalogue,
  ...emailCatalogue,
  ...accountsCatalogue,
  ...organisationsCatalogue,
  ...schedulingCatalogue,
  ...operatorCatalogue,
  ...networkCatalogue,
  ...billingCatalogue,
  ...governanceCatalogue,
  ...bbbApiCatalogue,
  ...storageCatalogue,
};
