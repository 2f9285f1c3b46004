/**
 * Reading the ledger: an account's statement over a period (opening balance, then each movement
 * with the balances right after it), cursor-paginated and as CSV, and the whole-ledger trial balance.
 */
import { z } from 'zod';
import { limits } from '../../shared/limits.js';
import { formatAmount } from '../../shared/network-api.js';
import { spreadsheetSafe } from '../platform/spreadsheet.js';
import { findAccount } from './accounts.js';
import { historyLines, postedBalanceBefore } from './history.js';
import { AccountRowSchema, findCurrency, selectAccounts } from './rows.js';
import { postedBalance } from './transfer-engine.js';
import { type Account, type AccountId, AccountIdSchema, type CurrencyCode, TransferIdSchema } from './types.js';
import type { LedgerStore } from './write-transaction.js';

/** One movement of an account and its balances right after it. */
export interface StatementLine {
  sequence: number;
  timestampMs: number;
  transferId: string;
  event: 'single_phase' | 'pending' | 'post_pending' | 'void_pending' | 'pending_expired';
  side: 'debit' | 'credit';
  amount: bigint;
  postedBalanceAfter: bigint;
  debitsPendingAfter: bigint;
  creditsPendingAfter: bigint;
  counterpartyAccountId: AccountId;
  description: string;
  reference: string;
}

/** A page of an account's statement for the period [fromMs, toMs). */
export interface Statement {
  account: Account;
  fromMs: number;
  toMs: number;
  /** Posted balance at `fromMs`. */
  openingPostedBalance: bigint;
  lines: StatementLine[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * What a statement covers. `limit` defaults to `limits.ledgerStatementLinesPerPageMax`; `order`
 * defaults to `oldest` first (the cursor then pages forward in time; with `newest`, backward).
 */
export interface StatementQuery {
  fromMs: number;
  toMs: number;
  cursor?: string | undefined;
  limit?: number | undefined;
  order?: 'oldest' | 'newest' | undefined;
  /** Only movements on this side of the account (`credit`: money in). */
  side?: 'debit' | 'credit' | undefined;
  /** Only movements with this other account. */
  counterpartyAccountId?: AccountId | undefined;
  /** Only these kinds of movement (at least one). */
  events?: readonly StatementLine['event'][] | undefined;
}

const int64 = z
  .string()
  .regex(/^-?[0-9]{1,19}$/)
  .transform((value) => BigInt(value));
const counter = z.union([z.number(), z.string()]).transform(Number);

const LineRowSchema = z
  .object({
    sequence: counter,
    timestamp_ms: counter,
    transfer_id: TransferIdSchema,
    event: z.enum(['single_phase', 'pending', 'post_pending', 'void_pending', 'pending_expired']),
    side: z.enum(['debit', 'credit']),
    amount: int64,
    posted_balance_after: int64,
    debits_pending_after: int64,
    credits_pending_after: int64,
    debit_account_id: AccountIdSchema,
    credit_account_id: AccountIdSchema,
    description: z.string(),
    reference: z.string(),
  })
  .transform(
    (row): StatementLine => ({
      sequence: row.sequence,
      timestampMs: row.timestamp_ms,
      transferId: row.transfer_id,
      event: row.event,
      side: row.side,
      amount: row.amount,
      postedBalanceAfter: row.posted_balance_after,
      debitsPendingAfter: row.debits_pending_after,
      creditsPendingAfter: row.credits_pending_after,
      counterpartyAccountId: row.side === 'debit' ? row.credit_account_id : row.debit_account_id,
      description: row.description,
      reference: row.reference,
    }),
  );

/** A page of the statement of `accountId`, or undefined when there is no such account. */
export async function statement(store: LedgerStore, accountId: AccountId, query: StatementQuery): Promise<Statement | undefined> {
  const account = await findAccount(store.db, accountId);
  if (!account) return undefined;
  const limit = Math.min(query.limit ?? limits.ledgerStatementLinesPerPageMax, limits.ledgerStatementLinesPerPageMax);
  const rows = await historyLines(store, {
    accountId,
    fromMs: query.fromMs,
    toMs: query.toMs,
    cursor: query.cursor === undefined ? undefined : Number(query.cursor),
    newestFirst: query.order === 'newest',
    limit: limit + 1,
    side: query.side,
    counterpartyAccountId: query.counterpartyAccountId,
    events: query.events,
  });
  const lines = rows.slice(0, limit).map((row) => LineRowSchema.parse(row));
  const last = lines[lines.length - 1];
  const opening = await postedBalanceBefore(store, accountId, query.fromMs);
  return {
    account,
    fromMs: query.fromMs,
    toMs: query.toMs,
    openingPostedBalance: opening === undefined ? 0n : int64.parse(opening),
    lines,
    nextCursor: rows.length > limit && last ? String(last.sequence) : null,
  };
}

/** Writes minor units as a decimal string with `scale` places (`1250n`, 2 → `"12.50"`). */
export const formatMinorUnits: (amount: bigint, scale: number) => string = formatAmount;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Free text, quoted and kept from running as a spreadsheet formula. */
function csvText(value: string): string {
  return csvField(spreadsheetSafe(value));
}

const csvHeader = [
  'sequence',
  'time',
  'transfer_id',
  'event',
  'side',
  'amount_minor_units',
  'amount',
  'posted_balance_after',
  'debits_pending_after',
  'credits_pending_after',
  'counterparty_account_id',
  'description',
  'reference',
];

/** The statement of a period as CSV (RFC 4180, CRLF), up to `limits.ledgerStatementCsvLinesMax` lines. */
export async function statementCsv(
  store: LedgerStore,
  accountId: AccountId,
  query: Omit<StatementQuery, 'cursor' | 'limit'>,
): Promise<string | undefined> {
  const account = await findAccount(store.db, accountId);
  if (!account) return undefined;
  const scale = (await findCurrency(store.db, account.currency))?.scale ?? 0;
  const records = [csvHeader.join(',')];
  let cursor: string | undefined;
  do {
    const page = await statement(store, accountId, { ...query, cursor });
    if (!page) return undefined;
    for (const line of page.lines) {
      const fields = [
        String(line.sequence),
        new Date(line.timestampMs).toISOString(),
        line.transferId,
        line.event,
        line.side,
        line.amount.toString(),
        formatMinorUnits(line.amount, scale),
        formatMinorUnits(line.postedBalanceAfter, scale),
        formatMinorUnits(line.debitsPendingAfter, scale),
        formatMinorUnits(line.creditsPendingAfter, scale),
        line.counterpartyAccountId,
      ];
      records.push([...fields.map(csvField), csvText(line.description), csvText(line.reference)].join(','));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && records.length <= limits.ledgerStatementCsvLinesMax);
  return `${records.join('\r\n')}\r\n`;
}

/** The balances of every account of a currency and their totals; `balanced` when both sums are zero. */
export interface TrialBalance {
  currency: CurrencyCode;
  accounts: Account[];
  totals: { debitsPosted: bigint; creditsPosted: bigint; debitsPending: bigint; creditsPending: bigint };
  /** Σ credits − Σ debits, posted; always zero. */
  postedSum: bigint;
  /** Σ credits − Σ debits, pending; always zero. */
  pendingSum: bigint;
  balanced: boolean;
}

/** The trial balance of one currency. */
export async function trialBalance(store: LedgerStore, currency: CurrencyCode): Promise<TrialBalance> {
  const rows = await selectAccounts(store.db).where('currency_code', '=', currency).orderBy('id').execute();
  const accounts = rows.map((row) => AccountRowSchema.parse(row));
  const totals = { debitsPosted: 0n, creditsPosted: 0n, debitsPending: 0n, creditsPending: 0n };
  let postedSum = 0n;
  for (const account of accounts) {
    totals.debitsPosted += account.debitsPosted;
    totals.creditsPosted += account.creditsPosted;
    totals.debitsPending += account.debitsPending;
    totals.creditsPending += account.creditsPending;
    postedSum += postedBalance(account);
  }
  const pendingSum = totals.creditsPending - totals.debitsPending;
  return { currency, accounts, totals, postedSum, pendingSum, balanced: postedSum === 0n && pendingSum === 0n };
}
