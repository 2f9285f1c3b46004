/** Whether a person's data export carries every table the catalogue says holds rows about a person. */
import type { DataCatalogue } from './catalogue-types.js';

/** The catalogued tables whose rows are about one person (`aboutPerson`), sorted. */
export function tablesAboutPeople(catalogue: DataCatalogue): string[] {
  return Object.entries(catalogue)
    .filter(([, entry]) => entry.aboutPerson !== undefined)
    .map(([table]) => table)
    .sort();
}

/** Where the export and the catalogue disagree: tables about a person it leaves out, and tables it carries that are not marked so. */
export interface ExportGaps {
  notExported: string[];
  notMarkedAboutPerson: string[];
}

/** Compares the tables an export carries (`exportedTables` of its sections) with the catalogue. */
export function exportGaps(catalogue: DataCatalogue, exported: readonly string[]): ExportGaps {
  const about = tablesAboutPeople(catalogue);
  const carried = new Set(exported);
  return {
    notExported: about.filter((table) => !carried.has(table)),
    notMarkedAboutPerson: [...carried].filter((table) => !about.includes(table)).sort(),
  };
}

/** A sentence for a developer per gap, naming the table and what to do. */
export function describeExportGaps(gaps: ExportGaps): string[] {
  return [
    ...gaps.notExported.map(
      (table) =>
        `table ${table} holds rows about a person (catalogue aboutPerson) but no section of the data export carries it: add it to a YourDataSection (accounts/your-data-http.ts; people/index.ts peopleYourDataSections; app.ts otherYourDataSections)`,
    ),
    ...gaps.notMarkedAboutPerson.map(
      (table) =>
        `the data export carries table ${table}, which the catalogue does not mark aboutPerson: mark it in src/server/privacy/catalogue/`,
    ),
  ];
}
