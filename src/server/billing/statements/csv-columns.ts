/** Recognising the columns of a bank's CSV export by their header names, in English and the usual bank languages. */

/** What a column of a statement CSV holds. */
export type CsvColumnRole =
  | 'date'
  | 'amount'
  | 'credit'
  | 'debit'
  | 'direction'
  | 'currency'
  | 'structuredReference'
  | 'remittance'
  | 'counterpartyName'
  | 'counterpartyIban'
  | 'lineId';

/** Header names of each role, normalised (lower case, no accents, words separated by one space). */
const headerNames: Readonly<Record<CsvColumnRole, readonly string[]>> = {
  date: [
    'date',
    'booking date',
    'booked on',
    'booking day',
    'transaction date',
    'buchungstag',
    'buchungsdatum',
    'date de comptabilisation',
    'date operation',
    'boekdatum',
    'datum',
  ],
  amount: ['amount', 'transaction amount', 'betrag', 'montant', 'bedrag', 'importe'],
  credit: ['credit', 'credit amount', 'paid in', 'money in', 'haben', 'gutschrift'],
  debit: ['debit', 'debit amount', 'paid out', 'money out', 'soll', 'lastschrift'],
  direction: ['credit debit', 'debit credit', 'cdtdbtind', 'direction', 'af bij', 'soll haben'],
  currency: ['currency', 'ccy', 'wahrung', 'waehrung', 'devise', 'valuta', 'munt'],
  structuredReference: ['creditor reference', 'structured reference', 'rf reference'],
  remittance: [
    'reference',
    'payment reference',
    'remittance',
    'remittance information',
    'description',
    'details',
    'purpose',
    'memo',
    'narrative',
    'verwendungszweck',
    'libelle',
    'omschrijving',
    'mededelingen',
  ],
  counterpartyName: [
    'counterparty',
    'counterparty name',
    'name',
    'payer',
    'payee',
    'beneficiary',
    'auftraggeber',
    'beguenstigter zahlungspflichtiger',
    'tiers',
    'naam tegenpartij',
  ],
  counterpartyIban: ['counterparty iban', 'counterparty account', 'iban', 'tegenrekening', 'kontonummer iban', 'iban auftraggeber'],
  lineId: ['transaction id', 'id', 'bank reference', 'transaction reference'],
};

/** Column positions by role; remittance may span several columns (joined in order), the others one each. */
export type CsvColumns = Partial<Record<Exclude<CsvColumnRole, 'remittance'>, number>> & { remittance: number[] };

/** `Booking Date` → `booking date`, `Währung` → `wahrung`, `Credit/Debit` → `credit debit`. */
export function normaliseHeaderName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Maps a header row to column positions; the first column claiming a single-column role wins. */
export function recogniseColumns(header: readonly string[]): CsvColumns {
  const columns: CsvColumns = { remittance: [] };
  header.forEach((name, position) => {
    const normalised = normaliseHeaderName(name);
    const role = (Object.keys(headerNames) as CsvColumnRole[]).find((candidate) => headerNames[candidate].includes(normalised));
    if (role === undefined) return;
    if (role === 'remittance') columns.remittance.push(position);
    else columns[role] ??= position;
  });
  return columns;
}

/** What a header lacks to be read: a date, and an amount or a credit/debit pair. Empty when it is complete. */
export function missingColumns(columns: CsvColumns): string[] {
  const missing: string[] = [];
  if (columns.date === undefined) missing.push('a date column (date, booking date, booked on)');
  if (columns.amount === undefined && columns.credit === undefined && columns.debit === undefined) {
    missing.push('an amount column (amount, or credit and debit)');
  }
  return missing;
}
