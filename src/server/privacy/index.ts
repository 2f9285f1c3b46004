/**
 * Privacy: the data inventory (every table and column, what it holds, why, how long) generated
 * from the migrated schema and a hand-written catalogue.
 */

export { dataCatalogue } from './catalogue/index.js';
export type { ColumnEntry, DataCatalogue, TableEntry } from './catalogue-types.js';
export { type CatalogueProblem, describeProblem, findCatalogueProblems, regenerateCommand, renderInventory } from './inventory.js';
export { currentInventory, inventoryPath } from './inventory-file.js';
export { type MigratedSchema, readMigratedSchema } from './schema-reader.js';
