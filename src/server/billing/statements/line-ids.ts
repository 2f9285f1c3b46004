/** Stable ids of statement lines that carry none from the bank, and uniqueness within one file. */
import { createHash } from 'node:crypto';
import type { BankStatementLine } from './statement-line.js';

/** A line before its id is settled: `bankLineId` is the bank's id, or null when the bank gave none. */
export type UnidentifiedLine = Omit<BankStatementLine, 'bankLineId'> & { bankLineId: string | null };

/** `sha256:` and the hex SHA-256 of a line's fields, so the same line in a re-imported file gets the same id. */
export function lineFieldsHash(line: Omit<UnidentifiedLine, 'bankLineId'>): string {
  const fields = [
    line.bookedOn,
    line.direction,
    line.amountMinor.toString(),
    line.currency,
    line.reference ?? '',
    line.remittance,
    line.counterpartyName ?? '',
    line.counterpartyIban ?? '',
  ];
  return `sha256:${createHash('sha256').update(JSON.stringify(fields)).digest('hex')}`;
}

/**
 * Gives every line its id: the bank's, else the hash of its fields. An id already used earlier in the
 * file gets `#2`, `#3`… (two identical payments on one day stay two lines, and keep their ids on re-import).
 */
export function settleLineIds(lines: readonly UnidentifiedLine[]): BankStatementLine[] {
  const timesSeen = new Map<string, number>();
  return lines.map((line) => {
    const baseId = line.bankLineId ?? lineFieldsHash(line);
    const seen = (timesSeen.get(baseId) ?? 0) + 1;
    timesSeen.set(baseId, seen);
    return { ...line, bankLineId: seen === 1 ? baseId : `${baseId}#${seen}` };
  });
}
