/**
 * What a bank statement import yields: one `BankStatementLine` per booked transaction, or a
 * named problem. Pure types and limits; the parsers live in `camt053.ts` and `csv.ts`.
 */
import { limits } from '../../../shared/limits.js';

/** One booked transaction read from a bank statement (camt.053 or CSV). */
export interface BankStatementLine {
  /**
   * Stable id of the line from the bank: AcctSvcrRef, else EndToEndId, else `sha256:` and the hash
   * of the line's fields. Re-importing the same file gives the same ids, so nothing is booked twice.
   * An id met again within one file gets `#2`, `#3`… in the order of the file.
   */
  bankLineId: string;
  /** Booking date, ISO `YYYY-MM-DD`. */
  bookedOn: string;
  /** `credit`: money came in; `debit`: money went out. */
  direction: 'credit' | 'debit';
  /** Positive amount in minor units of `currency` (cents for EUR); never a float. */
  amountMinor: bigint;
  /** ISO 4217 code, upper case. */
  currency: string;
  /** ISO 11649 creditor reference found (normalised: no spaces, upper case, check digits valid), else null. */
  reference: string | null;
  /** The remittance text as the bank gave it (unstructured), trimmed, at most `statementLimits.remittanceCharactersMax` characters. */
  remittance: string;
  /** Name of the other party (the payer of a credit, the payee of a debit), else null. */
  counterpartyName: string | null;
  /** IBAN of the other party, without spaces and upper case, else null. */
  counterpartyIban: string | null;
}

/** Why a statement was refused, as sentence-like codes. */
export type StatementProblemCode =
  | 'statement_too_large'
  | 'statement_malformed'
  | 'statement_doctype_refused'
  | 'statement_not_camt053'
  | 'statement_accounts_mixed'
  | 'statement_too_many_lines'
  | 'statement_amount_invalid'
  | 'statement_currency_invalid'
  | 'statement_date_invalid'
  | 'statement_direction_invalid'
  | 'statement_csv_header_missing'
  | 'statement_encoding_invalid';

/** A refused statement: its code, an English message for the treasurer, and the line (1-based) when known. */
export interface StatementProblem {
  ok: false;
  code: StatementProblemCode;
  message: string;
  /** 1-based line of the file the problem was found on (CSV: the physical line; camt.053: not given). */
  lineNumber?: number;
}

/**
 * The outcome of parsing a statement: its booked lines in file order, the statement's own id and
 * the statement's account IBAN where the format carries them (camt.053; CSV gives null), or a problem.
 * A camt.053 file with several statements (days) of one account gives their ids joined by commas.
 */
export type StatementParseResult =
  | { ok: true; lines: BankStatementLine[]; statementId: string | null; accountIban: string | null }
  | StatementProblem;

/** Limits of a statement import (bytes and lines come from `src/shared/limits.ts`). */
export const statementLimits = {
  /** Largest statement file accepted, in bytes (5 MB). */
  bytesMax: limits.bankStatementBytesMax,
  /** Most transaction lines in one statement (10,000). */
  linesMax: limits.bankStatementLinesMax,
  /** Remittance text kept per line, in characters (the SEPA length of unstructured remittance). */
  remittanceCharactersMax: 140,
  /** Digits before the decimal separator of an amount (10^15 minor units is the network's largest payment). */
  amountIntegerDigitsMax: 15,
} as const;

/** Builds a problem result. */
export function statementProblem(code: StatementProblemCode, message: string, lineNumber?: number): StatementProblem {
  return lineNumber === undefined ? { ok: false, code, message } : { ok: false, code, message, lineNumber };
}

/** Remittance text trimmed and cut to `statementLimits.remittanceCharactersMax` characters (code points, never half an emoji). */
export function clipRemittance(text: string): string {
  return [...text.trim()].slice(0, statementLimits.remittanceCharactersMax).join('').trim();
}
