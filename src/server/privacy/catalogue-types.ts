/** The shape of the data catalogue: what every table and column of the database holds, and why. */

/** One column: what it holds, why it is kept, and whether it is personal data. */
export interface ColumnEntry {
  /** What the column holds, in a sentence. */
  what: string;
  /** Why Plenary keeps it: the feature or duty that needs it. */
  why: string;
  /** Personal data: it identifies a person or tells something about an identifiable one (GDPR art. 4(1)). */
  personal: boolean;
}

/** One table: its purpose, how long its rows are kept, and every column. */
export interface TableEntry {
  /** What a row is and what the table is for. */
  purpose: string;
  /** How long a row is kept, and what deletes or anonymises it. */
  retention: string;
  /**
   * When rows are about one person: the column that names them (a person id, or an email for
   * rows kept before or without an account). Such a table's rows belong in that person's export.
   */
  aboutPerson?: { column: string; by: 'person_id' | 'email' };
  /** Every column of the table, by name. */
  columns: Readonly<Record<string, ColumnEntry>>;
}

/** The catalogue: every table, by name. */
export type DataCatalogue = Readonly<Record<string, TableEntry>>;
