/**
 * ISO 20022 camt.053 (BkToCstmrStmt, versions 001.02 to 001.08 and any later 001.*) to statement
 * lines. Only booked entries are read; an entry that bundles several transactions (a batch) gives
 * one line per transaction. A DOCTYPE is refused outright and no entity is ever expanded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isCreditorReference, normaliseReference } from '../creditor-reference.js';
import { currencyMinorDigits, isCalendarDate, isCurrencyCode, parseDecimalAmount } from './amounts.js';
import { settleLineIds, type UnidentifiedLine } from './line-ids.js';
import { findCreditorReference } from './rf-reference.js';
import { clipRemittance, type StatementParseResult, type StatementProblem, statementLimits, statementProblem } from './statement-line.js';
import { attributeAt, childAt, childrenOf, textAt, textOf, textsOf } from './xml-nodes.js';

const camt053NamespacePattern = /xmlns(?::[\w.-]+)?\s*=\s*["']urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}["']/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Where an entry is in the file, for messages: `entry 3 of statement 1`. */
interface EntryPlace {
  statementNumber: number;
  entryNumber: number;
}

/**
 * Parses a camt.053 bank-to-customer statement. Refuses a file over `statementLimits.bytesMax`
 * bytes, one with a DOCTYPE or ENTITY declaration, malformed XML, a document that is not camt.053,
 * statements of more than one account, and more than `statementLimits.linesMax` lines.
 */
export function parseCamt053(xml: string | Buffer): StatementParseResult {
  const byteLength = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.byteLength;
  if (byteLength > statementLimits.bytesMax) {
    return statementProblem('statement_too_large', `The statement is larger than ${statementLimits.bytesMax} bytes.`);
  }
  const text = typeof xml === 'string' ? xml : decodeXmlBytes(xml);
  if (text === null)
    return statementProblem('statement_encoding_invalid', 'The statement is not valid UTF-8 and declares no other encoding.');
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    return statementProblem('statement_doctype_refused', 'Statements with a DOCTYPE or entity declarations are refused.');
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    return statementProblem('statement_malformed', `The statement is not well-formed XML: ${validation.err.msg}`, validation.err.line);
  }
  const container = childAt(parser.parse(text), 'Document', 'BkToCstmrStmt');
  if (container === undefined || !camt053NamespacePattern.test(text)) {
    return statementProblem('statement_not_camt053', 'The XML is not a camt.053 bank-to-customer statement.');
  }
  return readStatements(childrenOf(container, 'Stmt'));
}

/** UTF-8 (camt.053's encoding), or Windows-1252 when the XML declaration says ISO-8859-1 or windows-1252; null otherwise. */
function decodeXmlBytes(bytes: Buffer): string | null {
  const declaration = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'));
  const declared = declaration?.[1]?.toLowerCase() ?? 'utf-8';
  if (['iso-8859-1', 'latin1', 'windows-1252'].includes(declared)) return new TextDecoder('windows-1252').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function readStatements(statements: readonly unknown[]): StatementParseResult {
  const ibans = new Set(statements.flatMap((statement) => compactIban(textAt(statement, 'Acct', 'Id', 'IBAN')) ?? []));
  if (ibans.size > 1) return statementProblem('statement_accounts_mixed', 'The file holds statements of more than one account.');
  const lines: UnidentifiedLine[] = [];
  for (const [statementIndex, statement] of statements.entries()) {
    for (const [entryIndex, entry] of childrenOf(statement, 'Ntry').entries()) {
      const place = { statementNumber: statementIndex + 1, entryNumber: entryIndex + 1 };
      const entryLines = readEntry(entry, place);
      if (!Array.isArray(entryLines)) return entryLines;
      lines.push(...entryLines);
      if (lines.length > statementLimits.linesMax) {
        return statementProblem('statement_too_many_lines', `The statement has more than ${statementLimits.linesMax} lines.`);
      }
    }
  }
  const statementIds = statements.flatMap((statement) => textAt(statement, 'Id') ?? []);
  return {
    ok: true,
    lines: settleLineIds(lines),
    statementId: statementIds.length === 0 ? null : statementIds.join(','),
    accountIban: [...ibans][0] ?? null,
  };
}

function isBooked(entry: unknown): boolean {
  return (textAt(entry, 'Sts') ?? textAt(entry, 'Sts', 'Cd')) === 'BOOK';
}

/** The lines of one entry: none if it is not booked, one per transaction of a batch, else one. */
function readEntry(entry: unknown, place: EntryPlace): UnidentifiedLine[] | StatementProblem {
  if (!isBooked(entry)) return [];
  const common = readEntryCommon(entry, place);
  if ('ok' in common) return common;
  const transactions = childrenOf(entry, 'NtryDtls').flatMap((details) => childrenOf(details, 'TxDtls'));
  const batchIsSplittable = transactions.length > 1 && transactions.every((transaction) => transactionAmount(transaction) !== undefined);
  if (!batchIsSplittable) {
    const line = readTransaction(transactions.length === 1 ? transactions[0] : undefined, childAt(entry, 'Amt'), common, place);
    return 'ok' in line ? line : [line];
  }
  const lines: UnidentifiedLine[] = [];
  for (const transaction of transactions) {
    const line = readTransaction(transaction, transactionAmount(transaction), common, place);
    if ('ok' in line) return line;
    lines.push(line);
  }
  return lines;
}

/** What every line of an entry shares. */
interface EntryCommon {
  bookedOn: string;
  direction: 'credit' | 'debit';
  accountServicerReference: string | null;
  additionalInformation: string | null;
}

function readEntryCommon(entry: unknown, place: EntryPlace): EntryCommon | StatementProblem {
  const direction = readDirection(textAt(entry, 'CdtDbtInd'));
  if (direction === null) return statementProblem('statement_direction_invalid', `${placeText(place)} has no CRDT or DBIT indicator.`);
  const bookedOn = readIsoDate(textAt(entry, 'BookgDt', 'Dt') ?? textAt(entry, 'BookgDt', 'DtTm'));
  if (bookedOn === null) return statementProblem('statement_date_invalid', `${placeText(place)} has no valid booking date.`);
  return {
    bookedOn,
    direction,
    accountServicerReference: textAt(entry, 'AcctSvcrRef'),
    additionalInformation: textAt(entry, 'AddtlNtryInf'),
  };
}

/** The amount element of a transaction: TxDtls/Amt (001.03 on), else AmtDtls/TxAmt/Amt, else undefined. */
function transactionAmount(transaction: unknown): unknown {
  return childAt(transaction, 'Amt') ?? childAt(transaction, 'AmtDtls', 'TxAmt', 'Amt');
}

/**
 * One line from a transaction (undefined: an entry without details, or a batch that cannot be split)
 * for the amount in `amountElement` (the entry's Amt, or the transaction's own).
 */
function readTransaction(
  transaction: unknown,
  amountElement: unknown,
  common: EntryCommon,
  place: EntryPlace,
): UnidentifiedLine | StatementProblem {
  const money = readMoney(amountElement, place);
  if ('ok' in money) return money;
  const direction = readDirection(textAt(transaction, 'CdtDbtInd')) ?? common.direction;
  const unstructured = textsOf(childAt(transaction, 'RmtInf'), 'Ustrd').join(' ').trim() || (common.additionalInformation ?? '').trim();
  const party = direction === 'credit' ? 'Dbtr' : 'Cdtr';
  return {
    bankLineId: bankIdOf(transaction, common),
    bookedOn: common.bookedOn,
    direction,
    ...money,
    reference: structuredReference(transaction) ?? findCreditorReference(unstructured),
    remittance: clipRemittance(unstructured),
    counterpartyName: textAt(transaction, 'RltdPties', party, 'Nm') ?? textAt(transaction, 'RltdPties', party, 'Pty', 'Nm'),
    counterpartyIban: compactIban(textAt(transaction, 'RltdPties', `${party}Acct`, 'Id', 'IBAN')),
  };
}

/** The id the bank gave: AcctSvcrRef of the transaction or the entry, else EndToEndId (not NOTPROVIDED), else null. */
function bankIdOf(transaction: unknown, common: EntryCommon): string | null {
  const endToEndId = textAt(transaction, 'Refs', 'EndToEndId');
  return (
    textAt(transaction, 'Refs', 'AcctSvcrRef') ??
    common.accountServicerReference ??
    (endToEndId === null || endToEndId.toUpperCase() === 'NOTPROVIDED' ? null : endToEndId)
  );
}

/** The first valid RF reference in RmtInf/Strd/CdtrRefInf/Ref, normalised, else null. */
function structuredReference(transaction: unknown): string | null {
  for (const structured of childrenOf(childAt(transaction, 'RmtInf'), 'Strd')) {
    const reference = textAt(structured, 'CdtrRefInf', 'Ref');
    if (reference === null) continue;
    const normalised = normaliseReference(reference);
    if (isCreditorReference(normalised)) return normalised;
  }
  return null;
}

function readMoney(amountElement: unknown, place: EntryPlace): { amountMinor: bigint; currency: string } | StatementProblem {
  const currency = attributeAt(amountElement, 'Ccy') ?? '';
  if (!isCurrencyCode(currency)) {
    return statementProblem('statement_currency_invalid', `${placeText(place)} has an unknown currency "${currency}".`);
  }
  const text = textOf(amountElement) ?? '';
  const amountMinor = parseDecimalAmount(text, currencyMinorDigits(currency));
  if (amountMinor === null || amountMinor === 0n) {
    return statementProblem('statement_amount_invalid', `${placeText(place)} has an invalid ${currency} amount "${text}".`);
  }
  return { amountMinor, currency };
}

function readDirection(indicator: string | null): 'credit' | 'debit' | null {
  if (indicator === 'CRDT') return 'credit';
  if (indicator === 'DBIT') return 'debit';
  return null;
}

/** `YYYY-MM-DD` from an ISODate or ISODateTime (its own calendar day, as the bank wrote it), if a real date. */
function readIsoDate(text: string | null): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text ?? '');
  if (match === null) return null;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? match[0] : null;
}

function compactIban(text: string | null): string | null {
  const compact = text?.replace(/\s+/g, '').toUpperCase() ?? '';
  return compact === '' ? null : compact;
}

function placeText(place: EntryPlace): string {
  return `Entry ${place.entryNumber} of statement ${place.statementNumber}`;
}
