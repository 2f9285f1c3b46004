/** `docs/data-inventory.md`: where it lives, and the text the generator renders for it now. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allMigrations } from '../migrations.js';
import type { Result } from '../platform/outcome.js';
import { dataCatalogue } from './catalogue/index.js';
import { renderInventory } from './inventory.js';
import { readMigratedSchema } from './schema-reader.js';

/** The inventory document's path, from the project root. */
export const inventoryPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/data-inventory.md');

/** The inventory rendered from every migration and the catalogue, or why it cannot be. */
export async function currentInventory(): Promise<Result<string, 'catalogue_incomplete'>> {
  return renderInventory(await readMigratedSchema(allMigrations), dataCatalogue);
}
