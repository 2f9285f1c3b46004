/**
 * Privacy: the data inventory (every table and column, what it holds, why, how long) generated
 * from the migrated schema and a hand-written catalogue; logs without client addresses; the sweep
 * that deletes stored client addresses after `PRIVACY_ADDRESS_RETENTION_DAYS`; and the sweep that
 * deletes rows past their keeping time through each owning domain's forgetter. (The
 * inventory's file, `inventory-file.ts`, reads every domain's migrations, so it is imported by its
 * path — by the script and the test — and not from here, which every domain may import.)
 */

export { type AddressForgetter, clientAddressesForgetter } from './address-retention.js';
export { dataCatalogue } from './catalogue/index.js';
export type { ColumnEntry, DataCatalogue, TableEntry } from './catalogue-types.js';
export {
  type ExpiredRowsForgetter,
  type ExpiredRowsOptions,
  forgetExpiredRows,
  keptForDays,
  startExpiredRowsSweep,
} from './expired-rows.js';
export { describeExportGaps, type ExportGaps, exportGaps, tablesAboutPeople } from './export-coverage.js';
export { type CatalogueProblem, describeProblem, findCatalogueProblems, regenerateCommand, renderInventory } from './inventory.js';
export { clientAddressLogPaths, privateLogOptions, withoutAddressesInText, withoutClientAddresses } from './log-privacy.js';
export { type MigratedSchema, readMigratedSchema } from './schema-reader.js';
