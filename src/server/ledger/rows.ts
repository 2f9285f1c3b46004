/**
 * Reading rows back: the selections (with 64-bit integers cast to text) and the zod schemas that
 * turn rows into domain values. Every row the ledger reads passes through one of these.
 */
import { type CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import { inIds } from './bulk.js';
import { balanceAfterColumns } from './migrations.js';
import type { StatementCache } from './statement-cache.js';
import type { LedgerDatabase } from './tables.js';
import type { PendingState } from './transfer-engine.js';
import {
  type Account,
  AccountIdSchema,
  AccountStateSchema,
  type Currency,
  CurrencyCodeSchema,
  OwnerKindSchema,
  PendingStatusSchema,
  type Transfer,
  type TransferId,
  TransferIdSchema,
  TransferKindSchema,
} from './types.js';
import type { LedgerStore } from './write-transaction.js';

/** `cast(column as text)`: exact on both engines for 64-bit integers. */
export function asText(column: string): RawBuilder<string> {
  return sql<string>`cast(${sql.ref(column)} as text)`;
}

const int64FromText = z
  .string()
  .regex(/^-?[0-9]{1,19}$/)
  .transform((value) => BigInt(value));
const nullableInt64FromText = int64FromText.nullable();
/** PostgreSQL returns `bigint` columns as strings; small counters and times are safe as numbers. */
const counter = z.union([z.number().int(), z.string().regex(/^-?[0-9]{1,16}$/)]).transform((value) => Number(value));

/** A `ledger_currencies` row → `Currency`. */
export const CurrencyRowSchema = z
  .object({ code: CurrencyCodeSchema, name: z.string(), scale: z.number().int(), created_at_ms: counter })
  .transform((row): Currency => ({ code: row.code, name: row.name, scale: row.scale, createdAtMs: row.created_at_ms }));

/** A `ledger_accounts` row (amounts as text) → `Account`. */
export const AccountRowSchema = z
  .object({
    id: AccountIdSchema,
    currency_code: CurrencyCodeSchema,
    owner_kind: OwnerKindSchema,
    owner_id: z.string(),
    lower_limit: nullableInt64FromText,
    upper_limit: nullableInt64FromText,
    state: AccountStateSchema,
    debits_posted: int64FromText,
    credits_posted: int64FromText,
    debits_pending: int64FromText,
    credits_pending: int64FromText,
    created_at_ms: counter,
  })
  .transform(
    (row): Account => ({
      id: row.id,
      currency: row.currency_code,
      ownerKind: row.owner_kind,
      ownerId: row.owner_id,
      lowerLimit: row.lower_limit,
      upperLimit: row.upper_limit,
      state: row.state,
      debitsPosted: row.debits_posted,
      creditsPosted: row.credits_posted,
      debitsPending: row.debits_pending,
      creditsPending: row.credits_pending,
      createdAtMs: row.created_at_ms,
    }),
  );

/** A `ledger_transfers` row (amount as text) → `Transfer`. */
export const TransferRowSchema = z
  .object({
    id: TransferIdSchema,
    sequence: counter,
    kind: TransferKindSchema,
    debit_account_id: AccountIdSchema,
    credit_account_id: AccountIdSchema,
    amount: int64FromText,
    currency_code: CurrencyCodeSchema,
    description: z.string(),
    reference: z.string(),
    pending_id: TransferIdSchema.nullable(),
    expires_at_ms: counter.nullable(),
    timestamp_ms: counter,
  })
  .transform(
    (row): Transfer => ({
      id: row.id,
      kind: row.kind,
      debitAccountId: row.debit_account_id,
      creditAccountId: row.credit_account_id,
      amount: row.amount,
      currency: row.currency_code,
      description: row.description,
      reference: row.reference,
      pendingId: row.pending_id,
      expiresAtMs: row.expires_at_ms,
      timestampMs: row.timestamp_ms,
      sequence: row.sequence,
    }),
  );

/** The balances after a transfer kept in its row (null in rows written before migration 0662). */
export const BalancesAfterRowSchema = z
  .object({
    debit_posted_balance_after: nullableInt64FromText,
    debit_debits_pending_after: nullableInt64FromText,
    debit_credits_pending_after: nullableInt64FromText,
    credit_posted_balance_after: nullableInt64FromText,
    credit_debits_pending_after: nullableInt64FromText,
    credit_credits_pending_after: nullableInt64FromText,
  })
  .transform((row) => {
    const side = (posted: bigint | null, debitsPending: bigint | null, creditsPending: bigint | null) =>
      posted === null || debitsPending === null || creditsPending === null
        ? null
        : { postedBalanceAfter: posted, debitsPendingAfter: debitsPending, creditsPendingAfter: creditsPending };
    return {
      debit: side(row.debit_posted_balance_after, row.debit_debits_pending_after, row.debit_credits_pending_after),
      credit: side(row.credit_posted_balance_after, row.credit_debits_pending_after, row.credit_credits_pending_after),
    };
  });

/** A `ledger_pending_transfers` row. */
export const PendingRowSchema = z.object({ transfer_id: TransferIdSchema, status: PendingStatusSchema, expires_at_ms: counter });

type LedgerDb = Kysely<LedgerDatabase>;

/** A query of accounts with every column, amounts as text. */
export function selectAccounts(db: LedgerDb) {
  return db
    .selectFrom('ledger_accounts')
    .select(['id', 'currency_code', 'owner_kind', 'owner_id', 'state', 'created_at_ms'])
    .select([
      asText('lower_limit').as('lower_limit'),
      asText('upper_limit').as('upper_limit'),
      asText('debits_posted').as('debits_posted'),
      asText('credits_posted').as('credits_posted'),
      asText('debits_pending').as('debits_pending'),
      asText('credits_pending').as('credits_pending'),
    ]);
}

/** A query of transfers with every column, amounts as text. */
export function selectTransfers(db: LedgerDb) {
  return db
    .selectFrom('ledger_transfers')
    .select([
      'id',
      'sequence',
      'kind',
      'debit_account_id',
      'credit_account_id',
      'currency_code',
      'description',
      'reference',
      'pending_id',
      'expires_at_ms',
      'timestamp_ms',
    ])
    .select(asText('amount').as('amount'));
}

/** A query of transfers with every column and the balances after each, as text. */
export function selectTransfersWithBalances(db: LedgerDb) {
  return selectTransfers(db).select(balanceAfterColumns.map((column) => asText(column).as(column)));
}

/**
 * The rows of `query`: through `statements` when given (SQLite, inside a ledger write transaction,
 * prepared once), otherwise through Kysely.
 */
export async function rowsOf<Row>(
  query: { compile(): CompiledQuery<Row>; execute(): Promise<Row[]> },
  statements?: StatementCache | undefined,
): Promise<Row[]> {
  return statements ? statements.all(query) : query.execute();
}

/** The transfers with these ids; `statements` only inside a write transaction (see `rowsOf`). */
export async function findTransfersByIds(
  store: LedgerStore,
  db: LedgerDb,
  ids: readonly string[],
  statements?: StatementCache | undefined,
): Promise<Transfer[]> {
  if (ids.length === 0) return [];
  const rows = await rowsOf(selectTransfers(db).where(inIds(store, 'id', ids)), statements);
  return rows.map((row) => TransferRowSchema.parse(row));
}

/** The resolution states of these pending transfers; `statements` only inside a write transaction (see `rowsOf`). */
export async function findPendingStates(
  store: LedgerStore,
  db: LedgerDb,
  ids: readonly string[],
  statements?: StatementCache | undefined,
): Promise<Map<TransferId, PendingState>> {
  const states = new Map<TransferId, PendingState>();
  if (ids.length === 0) return states;
  const rows = await rowsOf(
    db
      .selectFrom('ledger_pending_transfers')
      .selectAll()
      .where(inIds(store, 'transfer_id', ids)),
    statements,
  );
  for (const row of rows.map((raw) => PendingRowSchema.parse(raw))) {
    states.set(row.transfer_id, { status: row.status, expiresAtMs: row.expires_at_ms });
  }
  return states;
}

/** One currency, or undefined. */
export async function findCurrency(db: LedgerDb, code: string): Promise<Currency | undefined> {
  const row = await db.selectFrom('ledger_currencies').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? CurrencyRowSchema.parse(row) : undefined;
}
