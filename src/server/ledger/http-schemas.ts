/**
 * The JSON shapes of the ledger's HTTP API and the views that produce them. Amounts are strings
 * of digits (signed for balances and limits); no money ever travels as a JSON number.
 */
import { z } from 'zod';
import { limits } from '../../shared/limits.js';
import type { AccountChange } from './accounts.js';
import type { Statement, TrialBalance } from './statements.js';
import { postedBalance } from './transfer-engine.js';
import { type Account, type Currency, type PendingStatus, type Transfer, type TransferResult, transferFailureCodes } from './types.js';

const amountJson = z.string().regex(/^-?[0-9]+$/);
const nullableAmountJson = amountJson.nullable();

/** A currency as JSON. */
export const CurrencyJsonSchema = z.object({ code: z.string(), name: z.string(), scale: z.number().int(), createdAtMs: z.number() });

/** An account and its balances as JSON (amounts as strings). */
export const AccountJsonSchema = z.object({
  id: z.string(),
  currency: z.string(),
  ownerKind: z.string(),
  ownerId: z.string(),
  state: z.enum(['active', 'frozen', 'closed']),
  lowerLimit: nullableAmountJson,
  upperLimit: nullableAmountJson,
  debitsPosted: amountJson,
  creditsPosted: amountJson,
  debitsPending: amountJson,
  creditsPending: amountJson,
  /** Credits − debits, posted. */
  postedBalance: amountJson,
  createdAtMs: z.number(),
});

/** A committed transfer as JSON. */
export const TransferJsonSchema = z.object({
  id: z.string(),
  kind: z.enum(['single_phase', 'pending', 'post_pending', 'void_pending']),
  debitAccountId: z.string(),
  creditAccountId: z.string(),
  amount: amountJson,
  currency: z.string(),
  description: z.string(),
  reference: z.string(),
  pendingId: z.string().nullable(),
  expiresAtMs: z.number().nullable(),
  timestampMs: z.number(),
  sequence: z.number(),
});

/** The result of one transfer of a batch: `ok` with the transfer, or a named failure. */
export const TransferResultJsonSchema = z.union([
  z.object({ id: z.string(), result: z.literal('ok'), replayed: z.boolean(), transfer: TransferJsonSchema }),
  z.object({ id: z.string(), result: z.enum(transferFailureCodes) }),
]);
/** The results of a batch, in request order. */
export const TransferResultsJsonSchema = z.object({ results: z.array(TransferResultJsonSchema) });

/** A transfer and, for a pending one, its state. */
export const TransferLookupJsonSchema = z.object({
  transfer: TransferJsonSchema,
  pendingStatus: z.enum(['pending', 'posted', 'voided', 'expired']).nullable(),
});

/** A recorded change of limits or state. */
export const AccountChangeJsonSchema = z.object({
  sequence: z.number(),
  change: z.enum(['limits', 'state']),
  lowerLimit: nullableAmountJson,
  upperLimit: nullableAmountJson,
  state: z.enum(['active', 'frozen', 'closed']),
  changedBy: z.string(),
  reason: z.string(),
  changedAtMs: z.number(),
});

/** A page of a statement. */
export const StatementJsonSchema = z.object({
  account: AccountJsonSchema,
  fromMs: z.number(),
  toMs: z.number(),
  openingPostedBalance: amountJson,
  lines: z.array(
    z.object({
      sequence: z.number(),
      timestampMs: z.number(),
      transferId: z.string(),
      event: z.enum(['single_phase', 'pending', 'post_pending', 'void_pending', 'pending_expired']),
      side: z.enum(['debit', 'credit']),
      amount: amountJson,
      postedBalanceAfter: amountJson,
      debitsPendingAfter: amountJson,
      creditsPendingAfter: amountJson,
      counterpartyAccountId: z.string(),
      description: z.string(),
      reference: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** The trial balance of a currency. */
export const TrialBalanceJsonSchema = z.object({
  currency: z.string(),
  accounts: z.array(AccountJsonSchema),
  totals: z.object({ debitsPosted: amountJson, creditsPosted: amountJson, debitsPending: amountJson, creditsPending: amountJson }),
  postedSum: amountJson,
  pendingSum: amountJson,
  balanced: z.boolean(),
});

/** The verifier’s report. */
export const VerificationJsonSchema = z.union([
  z.object({
    ok: z.literal(true),
    entriesChecked: z.number(),
    headSequence: z.number(),
    headHash: z.string(),
    accountsChecked: z.number(),
    transfersChecked: z.number(),
  }),
  z.object({
    ok: z.literal(false),
    entriesChecked: z.number(),
    problem: z.string(),
    firstBrokenSequence: z.number().nullable(),
    detail: z.string(),
  }),
]);

/** A statement period and page: `fromMs` inclusive, `toMs` exclusive; both default to all time. */
export const StatementQuerySchema = z.object({
  fromMs: z.coerce.number().int().min(0).default(0),
  toMs: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(Number.MAX_SAFE_INTEGER),
  cursor: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'must be a cursor returned by an earlier page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(limits.ledgerStatementLinesPerPageMax).default(100),
});

/** A currency as JSON. */
export const currencyView = (currency: Currency) => ({ ...currency });

/** An account as JSON. */
export function accountView(account: Account): z.infer<typeof AccountJsonSchema> {
  return {
    id: account.id,
    currency: account.currency,
    ownerKind: account.ownerKind,
    ownerId: account.ownerId,
    state: account.state,
    lowerLimit: account.lowerLimit?.toString() ?? null,
    upperLimit: account.upperLimit?.toString() ?? null,
    debitsPosted: account.debitsPosted.toString(),
    creditsPosted: account.creditsPosted.toString(),
    debitsPending: account.debitsPending.toString(),
    creditsPending: account.creditsPending.toString(),
    postedBalance: postedBalance(account).toString(),
    createdAtMs: account.createdAtMs,
  };
}

/** A transfer as JSON. */
export function transferView(transfer: Transfer): z.infer<typeof TransferJsonSchema> {
  return { ...transfer, amount: transfer.amount.toString() };
}

/** A transfer result as JSON. */
export function transferResultView(result: TransferResult): z.infer<typeof TransferResultJsonSchema> {
  return result.result === 'ok' ? { ...result, transfer: transferView(result.transfer) } : result;
}

/** A transfer lookup as JSON. */
export function transferLookupView(found: { transfer: Transfer; pendingStatus: PendingStatus | null }) {
  return { transfer: transferView(found.transfer), pendingStatus: found.pendingStatus };
}

/** An account change as JSON. */
export function accountChangeView(change: AccountChange): z.infer<typeof AccountChangeJsonSchema> {
  return { ...change, lowerLimit: change.lowerLimit?.toString() ?? null, upperLimit: change.upperLimit?.toString() ?? null };
}

/** A statement page as JSON. */
export function statementView(statement: Statement): z.infer<typeof StatementJsonSchema> {
  return {
    ...statement,
    account: accountView(statement.account),
    openingPostedBalance: statement.openingPostedBalance.toString(),
    lines: statement.lines.map((line) => ({
      ...line,
      amount: line.amount.toString(),
      postedBalanceAfter: line.postedBalanceAfter.toString(),
      debitsPendingAfter: line.debitsPendingAfter.toString(),
      creditsPendingAfter: line.creditsPendingAfter.toString(),
    })),
  };
}

/** A trial balance as JSON. */
export function trialBalanceView(balance: TrialBalance): z.infer<typeof TrialBalanceJsonSchema> {
  return {
    currency: balance.currency,
    accounts: balance.accounts.map(accountView),
    totals: {
      debitsPosted: balance.totals.debitsPosted.toString(),
      creditsPosted: balance.totals.creditsPosted.toString(),
      debitsPending: balance.totals.debitsPending.toString(),
      creditsPending: balance.totals.creditsPending.toString(),
    },
    postedSum: balance.postedSum.toString(),
    pendingSum: balance.pendingSum.toString(),
    balanced: balance.balanced,
  };
}
