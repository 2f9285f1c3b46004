/**
 * A bank's CSV export to statement lines. The first non-blank line is the header; its column names
 * are recognised case-insensitively (see `csv-columns.ts`) and its delimiter (`;` or `,`) is the
 * one the whole file uses. Amounts take a decimal point or comma; dates are YYYY-MM-DD, DD/MM/YYYY
 * or DD.MM.YYYY. Every line is taken as booked.
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { isCreditorReference, normaliseReference } from '../creditor-reference.js';
import { currencyMinorDigits, isCalendarDate, isCurrencyCode, parseDecimalAmount } from './amounts.js';
import { type CsvColumns, missingColumns, recogniseColumns } from './csv-columns.js';
import { settleLineIds, type UnidentifiedLine } from './line-ids.js';
import { findCreditorReference } from './rf-reference.js';
import { clipRemittance, type StatementParseResult, type StatementProblem, statementLimits, statementProblem } from './statement-line.js';

/** Currency of a CSV without a currency column. */
export const csvCurrencyDefault = 'EUR';

/** One record of the file with the physical line it starts on (1-based). */
interface CsvRecord {
  fields: string[];
  lineNumber: number;
}

/**
 * Parses a statement CSV. Refuses more than `statementLimits.bytesMax` bytes, a header without a
 * date or amount column, more than `statementLimits.linesMax` lines, and any line whose date,
 * amount, direction or currency cannot be read (with its line number). Currency defaults to EUR.
 */
export function parseStatementCsv(text: string): StatementParseResult {
  if (Buffer.byteLength(text, 'utf8') > statementLimits.bytesMax) {
    return statementProblem('statement_too_large', `The statement is larger than ${statementLimits.bytesMax} bytes.`);
  }
  const body = text.replace(/^\uFEFF/, '');
  const records = readRecords(body, detectDelimiter(body));
  if (!Array.isArray(records)) return records;
  const [header, ...rows] = records;
  const columns = header === undefined ? undefined : recogniseColumns(header.fields);
  const missing = columns === undefined ? ['a header row'] : missingColumns(columns);
  if (columns === undefined || missing.length > 0) {
    return statementProblem('statement_csv_header_missing', `The CSV header lacks ${missing.join(' and ')}.`, header?.lineNumber ?? 1);
  }
  if (rows.length > statementLimits.linesMax) {
    return statementProblem('statement_too_many_lines', `The statement has more than ${statementLimits.linesMax} lines.`);
  }
  const lines: UnidentifiedLine[] = [];
  for (const row of rows) {
    const line = readRow(row, columns);
    if ('ok' in line) return line;
    lines.push(line);
  }
  return { ok: true, lines: settleLineIds(lines), statementId: null, accountIban: null };
}

/** `;` when the header line has more semicolons than commas, else `,`. */
function detectDelimiter(text: string): ';' | ',' {
  const headerLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const count = (character: string) => headerLine.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function readRecords(text: string, delimiter: ';' | ','): CsvRecord[] | StatementProblem {
  try {
    // With `info`, csv-parse gives `{ record, info }` objects, which its typings do not describe.
    const parsed: unknown[] = parse(text, {
      delimiter,
      info: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // The header, the most lines allowed, and one more to tell that there are too many.
      to: statementLimits.linesMax + 2,
    });
    return parsed.map(toCsvRecord);
  } catch (error) {
    const lineNumber =
      typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number' ? error.lines : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    return statementProblem('statement_malformed', `The CSV cannot be read: ${reason}`, lineNumber);
  }
}

function toCsvRecord(parsed: unknown): CsvRecord {
  const { record, info } = parsed as { record?: unknown; info?: { lines?: unknown } };
  assert(Array.isArray(record) && typeof info?.lines === 'number', 'csv-parse gives { record, info } with the info option');
  const fields = record.map(String);
  const newlines = fields.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
  return { fields, lineNumber: info.lines - newlines };
}

function readRow(row: CsvRecord, columns: CsvColumns): UnidentifiedLine | StatementProblem {
  const field = (position: number | undefined) => (position === undefined ? '' : (row.fields[position] ?? '').trim());
  const bookedOn = readCsvDate(field(columns.date));
  if (bookedOn === null) {
    return statementProblem(
      'statement_date_invalid',
      `Line ${row.lineNumber}: the date "${field(columns.date)}" is not YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY.`,
      row.lineNumber,
    );
  }
  const currency = (field(columns.currency) || csvCurrencyDefault).toUpperCase();
  if (!isCurrencyCode(currency)) {
    return statementProblem('statement_currency_invalid', `Line ${row.lineNumber}: the currency "${currency}" is unknown.`, row.lineNumber);
  }
  const money = readSignedAmount(row, columns, field, currencyMinorDigits(currency));
  if ('ok' in money) return money;
  const remittance = columns.remittance
    .map(field)
    .filter((text) => text !== '')
    .join(' ');
  const structured = normaliseReference(field(columns.structuredReference));
  const iban = field(columns.counterpartyIban).replace(/\s+/g, '').toUpperCase();
  return {
    bankLineId: field(columns.lineId) || null,
    bookedOn,
    direction: money.direction,
    amountMinor: money.amountMinor,
    currency,
    reference: (isCreditorReference(structured) ? structured : null) ?? findCreditorReference(remittance),
    remittance: clipRemittance(remittance),
    counterpartyName: field(columns.counterpartyName) || null,
    counterpartyIban: iban || null,
  };
}

type SignedAmount = { direction: 'credit' | 'debit'; amountMinor: bigint };

/** The amount and direction of a row: a signed amount, an amount with a direction column, or a credit/debit pair. */
function readSignedAmount(
  row: CsvRecord,
  columns: CsvColumns,
  field: (position: number | undefined) => string,
  minorDigits: number,
): SignedAmount | StatementProblem {
  const invalid = (text: string, why: string) =>
    statementProblem('statement_amount_invalid', `Line ${row.lineNumber}: the amount "${text}" ${why}.`, row.lineNumber);
  if (columns.amount !== undefined) {
    const text = field(columns.amount);
    const amount = readCsvAmount(text, minorDigits);
    if (typeof amount === 'string') return invalid(text, amount);
    if (columns.direction === undefined) return { direction: amount.negative ? 'debit' : 'credit', amountMinor: amount.amountMinor };
    const direction = readDirectionWord(field(columns.direction));
    if (direction === null || amount.negative) {
      return statementProblem(
        'statement_direction_invalid',
        `Line ${row.lineNumber}: "${field(columns.direction)}" is neither credit nor debit.`,
        row.lineNumber,
      );
    }
    return { direction, amountMinor: amount.amountMinor };
  }
  const creditText = field(columns.credit);
  const debitText = field(columns.debit);
  if ((creditText === '') === (debitText === ''))
    return invalid(`${creditText}|${debitText}`, 'must be in exactly one of credit and debit');
  const text = creditText || debitText;
  const amount = readCsvAmount(text, minorDigits);
  if (typeof amount === 'string') return invalid(text, amount);
  if (amount.negative && creditText !== '') return invalid(text, 'is negative in the credit column');
  return { direction: creditText === '' ? 'debit' : 'credit', amountMinor: amount.amountMinor };
}

function readDirectionWord(word: string): 'credit' | 'debit' | null {
  const normalised = word.toLowerCase();
  if (['credit', 'cr', 'c', 'crdt', 'bij', 'h', 'haben'].includes(normalised)) return 'credit';
  if (['debit', 'dr', 'd', 'dbit', 'af', 's', 'soll'].includes(normalised)) return 'debit';
  return null;
}

/**
 * Reads `-1.234,56`, `1,234.56`, `12,50`, `12.5`: a sign, then digits with a decimal point or comma
 * and optional grouping. One separator followed by exactly three digits (`1,234`) is ambiguous and
 * refused. Returns why it cannot be read, as a phrase, when it cannot.
 */
export function readCsvAmount(text: string, minorDigits: number): { negative: boolean; amountMinor: bigint } | string {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  const match = /^([+-]?)([\d.,]+)$/.exec(compact);
  if (match === null) return 'is not a number';
  const decimal = decimalText(match[2] ?? '');
  if (decimal === null) return 'is ambiguous or badly grouped (write 1234.56 or 1234,56)';
  const amountMinor = parseDecimalAmount(decimal, minorDigits);
  if (amountMinor === null) return `has more than ${minorDigits} decimals or is too large`;
  if (amountMinor === 0n) return 'is zero';
  return { negative: match[1] === '-', amountMinor };
}

/** Digits with separators to `1234.56`, or null when grouping is wrong or the reading is ambiguous. */
function decimalText(body: string): string | null {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  const decimalAt = Math.max(lastDot, lastComma);
  if (decimalAt === -1) return body;
  const separator = body[decimalAt] ?? '';
  const other = separator === '.' ? ',' : '.';
  const occurrences = body.split(separator).length - 1;
  if (!body.includes(other) && occurrences > 1) return groupedInteger(body, separator);
  const integerPart = body.slice(0, decimalAt);
  const fraction = body.slice(decimalAt + 1);
  if (!body.includes(other) && fraction.length === 3 && integerPart !== '0') return null;
  const integer = integerPart.includes(other) ? groupedInteger(integerPart, other) : integerPart;
  if (integer === null || !/^\d+$/.test(integer) || !/^\d+$/.test(fraction) || fraction.includes(separator)) return null;
  return `${integer}.${fraction}`;
}

/** `1.234.567` → `1234567` when every group after the first has three digits, else null. */
function groupedInteger(text: string, separator: string): string | null {
  const groups = text.split(separator);
  const [first, ...rest] = groups;
  if (first === undefined || !/^\d{1,3}$/.test(first) || !rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

/** `YYYY-MM-DD`, `DD/MM/YYYY` or `DD.MM.YYYY` (day and month may have one digit) to ISO, if a real date. */
function readCsvDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const european = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$/.exec(text);
  const [year, month, day] = iso !== null ? [iso[1], iso[2], iso[3]] : european !== null ? [european[4], european[3], european[1]] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
