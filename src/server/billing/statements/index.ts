/**
 * Bank statement import: a camt.053 XML file or a bank's CSV export to the booked lines the
 * treasurer matches to invoices by their RF creditor reference. Pure parsing; nothing is stored.
 */
import { parseCamt053 } from './camt053.js';
import { parseStatementCsv } from './csv.js';
import { type StatementParseResult, statementLimits, statementProblem } from './statement-line.js';

export { formatMinorAmount, parseDecimalAmount } from './amounts.js';
export { parseCamt053 } from './camt053.js';
export { csvCurrencyDefault, parseStatementCsv } from './csv.js';
export { findCreditorReference } from './rf-reference.js';
export type { BankStatementLine, StatementParseResult, StatementProblem, StatementProblemCode } from './statement-line.js';
export { statementLimits } from './statement-line.js';

/**
 * Parses an uploaded statement, telling the format by its content: XML (first non-blank character
 * `<`) is read as camt.053, anything else as CSV. A CSV that is not UTF-8 is read as Windows-1252,
 * as many banks export it. `filename` is only used in messages (the content decides the format).
 */
export function parseBankStatement(content: Buffer, filename: string | undefined): StatementParseResult {
  if (content.byteLength > statementLimits.bytesMax) {
    return statementProblem('statement_too_large', `${filename ?? 'The statement'} is larger than ${statementLimits.bytesMax} bytes.`);
  }
  const text = decodeText(content);
  if (/^\s*</.test(text)) return parseCamt053(content);
  return parseStatementCsv(text);
}

function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}
