import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allMigrations } from '../migrations.js';
import { dataCatalogue } from './catalogue/index.js';
import type { DataCatalogue } from './catalogue-types.js';
import { describeProblem, findCatalogueProblems, regenerateCommand, renderInventory } from './inventory.js';
import { currentInventory, inventoryPath } from './inventory-file.js';
import { readMigratedSchema } from './schema-reader.js';

const schema = await readMigratedSchema(allMigrations);

/** A two-table schema and its catalogue, for the checks' own tests (independent of today's migrations). */
const smallSchema = new Map([
  ['people', ['id', 'email']],
  ['rooms', ['id', 'name']],
]);
const smallCatalogue: DataCatalogue = {
  people: {
    purpose: 'People with accounts.',
    retention: 'Until the account is deleted.',
    aboutPerson: { column: 'id', by: 'person_id' },
    columns: {
      id: { what: 'An id.', why: 'Keys.', personal: true },
      email: { what: 'An email | address.', why: 'Letters.', personal: true },
    },
  },
  rooms: {
    purpose: 'Meeting rooms.',
    retention: 'Forever.',
    columns: { id: { what: 'An id.', why: 'Links.', personal: false }, name: { what: 'A room name.', why: 'Shown.', personal: false } },
  },
};

describe('the data inventory', () => {
  it('describes every table and column of the migrated schema, and nothing else', () => {
    const problems = findCatalogueProblems(schema, dataCatalogue).map(describeProblem);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('gives every table a purpose and retention, and every column what, why and whether it is personal', () => {
    for (const [table, entry] of Object.entries(dataCatalogue)) {
      expect(entry.purpose.length, `${table}: purpose`).toBeGreaterThan(10);
      expect(entry.retention.length, `${table}: retention`).toBeGreaterThan(5);
      for (const [name, column] of Object.entries(entry.columns)) {
        expect(column.what.length, `${table}.${name}: what`).toBeGreaterThan(2);
        expect(column.why.length, `${table}.${name}: why`).toBeGreaterThan(2);
      }
      if (entry.aboutPerson)
        expect(entry.columns[entry.aboutPerson.column]?.personal, `${table}: aboutPerson column is personal`).toBe(true);
    }
  });

  it('is the document docs/data-inventory.md holds, as the generator renders it now', async () => {
    const rendered = await currentInventory();
    if (!rendered.ok) throw new Error(rendered.message);
    const written = readFileSync(inventoryPath, 'utf8');
    expect(written === rendered.value, `docs/data-inventory.md is out of date: run \`${regenerateCommand}\` and commit it`).toBe(true);
  });

  it('names a table or column missing from the catalogue, and says where to add it', () => {
    const grown = new Map([...smallSchema, ['rooms', ['id', 'name', 'favourite_colour']], ['pets', ['id']]]);
    const messages = findCatalogueProblems(grown, smallCatalogue).map(describeProblem);
    expect(messages).toEqual([
      expect.stringMatching(
        /^column rooms\.favourite_colour has no catalogue entry: .*src\/server\/privacy\/catalogue\/.*npm run data-inventory/,
      ),
      expect.stringMatching(/^table pets has no catalogue entry: .*src\/server\/privacy\/catalogue\//),
    ]);
  });

  it('names a catalogued table or column that no migration makes', () => {
    const shrunk = new Map([['rooms', ['id']]]);
    expect(findCatalogueProblems(shrunk, smallCatalogue)).toEqual([
      { code: 'catalogued_column_does_not_exist', table: 'rooms', column: 'name' },
      { code: 'catalogued_table_does_not_exist', table: 'people' },
    ]);
  });

  it('refuses to render an incomplete catalogue, naming what is missing', () => {
    const { rooms: _rooms, ...withoutRooms } = smallCatalogue;
    const rendered = renderInventory(smallSchema, withoutRooms);
    expect(rendered.ok).toBe(false);
    if (!rendered.ok) expect(rendered.message).toContain('table rooms has no catalogue entry');
  });

  it('renders every table with its retention and every column with whether it is personal', () => {
    const rendered = renderInventory(smallSchema, smallCatalogue);
    if (!rendered.ok) throw new Error(rendered.message);
    expect(rendered.value).toContain('### `people`');
    expect(rendered.value).toContain('**Kept:** Until the account is deleted.');
    expect(rendered.value).toContain("Rows about one person, named by `id`; in that person's data export.");
    expect(rendered.value).toContain('| `email` | An email \\| address. | Letters. | yes |');
    expect(rendered.value).toContain('| `name` | A room name. | Shown. | no |');
    expect(rendered.value).toContain('2 tables; 1 of them hold personal data.');
  });
});
