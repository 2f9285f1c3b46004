/**
 * `npm run data-inventory`: writes docs/data-inventory.md from every migration (applied to a fresh
 * in-memory SQLite database) and the catalogue in src/server/privacy/catalogue/. Exits 1, naming
 * what is missing, when the catalogue does not describe the schema.
 */
import { writeFileSync } from 'node:fs';
import { currentInventory, inventoryPath } from '../src/server/privacy/inventory-file.js';

const inventory = await currentInventory();
if (!inventory.ok) {
  console.error(inventory.message);
  process.exit(1);
}
writeFileSync(inventoryPath, inventory.value);
console.log(`wrote ${inventoryPath}`);
