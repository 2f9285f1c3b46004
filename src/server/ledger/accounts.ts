/**
 * Currencies and accounts: creating them (idempotently, by client-chosen id), changing an
 * account's limits or state (recorded with who and why, in the journal too), and reading them.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { limits } from '../../shared/limits.js';
import { illFormedTextMessage, isWellFormedText } from '../../shared/text.js';
import type { Clock } from '../platform/clock.js';
import { appendJournal } from './journal.js';
import { accountPayload, currencyPayload } from './journal-payloads.js';
import { AccountRowSchema, asText, CurrencyRowSchema, findCurrency, selectAccounts } from './rows.js';
import type { LedgerDatabase } from './tables.js';
import { isWithinLimits, postedBalance } from './transfer-engine.js';
import {
  type Account,
  type AccountId,
  AccountIdSchema,
  type AccountLimits,
  type AccountState,
  AccountStateSchema,
  type Currency,
  CurrencyCodeSchema,
  OwnerIdSchema,
  OwnerKindSchema,
  SignedAmountStringSchema,
} from './types.js';
import { inWriteTransaction, type LedgerStore } from './write-transaction.js';

/** A new currency. */
export const NewCurrencySchema = z.object({
  code: CurrencyCodeSchema,
  name: z.string().trim().min(1).max(limits.ledgerCurrencyNameCharactersMax).refine(isWellFormedText, illFormedTextMessage),
  scale: z.number().int().min(0).max(limits.ledgerCurrencyScaleMax),
});
export type NewCurrency = z.output<typeof NewCurrencySchema>;

/** A new account; limits are signed amounts as strings (`"-5000"`), `null` for none. */
export const NewAccountSchema = z.object({
  id: AccountIdSchema,
  currency: CurrencyCodeSchema,
  ownerKind: OwnerKindSchema,
  ownerId: OwnerIdSchema,
  lowerLimit: SignedAmountStringSchema.nullable(),
  upperLimit: SignedAmountStringSchema.nullable(),
});
export type NewAccount = z.output<typeof NewAccountSchema>;

const authorSchema = z.string().trim().min(1).max(limits.ledgerReasonCharactersMax).refine(isWellFormedText, illFormedTextMessage);

/** A change of limits, with who made it and why. */
export const LimitsChangeSchema = z.object({
  lowerLimit: SignedAmountStringSchema.nullable(),
  upperLimit: SignedAmountStringSchema.nullable(),
  changedBy: authorSchema,
  reason: authorSchema,
});
export type LimitsChange = z.output<typeof LimitsChangeSchema>;

/** A change of state, with who made it and why. */
export const StateChangeSchema = z.object({ state: AccountStateSchema, changedBy: authorSchema, reason: authorSchema });
export type StateChange = z.output<typeof StateChangeSchema>;

/** Why a currency or account operation was refused. */
export type AccountFailureCode =
  | 'exists_with_different_fields'
  | 'currency_not_found'
  | 'account_not_found'
  | 'account_closed'
  | 'lower_limit_must_not_be_positive'
  | 'upper_limit_must_not_be_negative'
  | 'balance_outside_new_limits'
  | 'account_must_be_settled_to_close';

/** Success with the value (and whether it already existed), or a named failure. */
export type AccountOutcome<T> = { result: 'ok'; value: T; replayed: boolean } | { result: AccountFailureCode };

/** A recorded change of an account's limits or state. */
export interface AccountChange {
  sequence: number;
  change: 'limits' | 'state';
  lowerLimit: bigint | null;
  upperLimit: bigint | null;
  state: AccountState;
  changedBy: string;
  reason: string;
  changedAtMs: number;
}

function limitsProblem(proposed: AccountLimits): AccountFailureCode | null {
  if (proposed.lowerLimit !== null && proposed.lowerLimit > 0n) return 'lower_limit_must_not_be_positive';
  if (proposed.upperLimit !== null && proposed.upperLimit < 0n) return 'upper_limit_must_not_be_negative';
  return null;
}

/** Creates a currency; the same one again is `ok` with `replayed`, a different one with the same code is refused. */
export async function createCurrency(store: LedgerStore, clock: Clock, input: NewCurrency): Promise<AccountOutcome<Currency>> {
  return inWriteTransaction(store, async (transaction) => {
    const existing = await findCurrency(transaction, input.code);
    if (existing) {
      const same = existing.name === input.name && existing.scale === input.scale;
      return same ? { result: 'ok', value: existing, replayed: true } : { result: 'exists_with_different_fields' };
    }
    const currency: Currency = { ...input, createdAtMs: clock.nowMs() };
    await transaction
      .insertInto('ledger_currencies')
      .values({ code: currency.code, name: currency.name, scale: currency.scale, created_at_ms: currency.createdAtMs })
      .execute();
    await appendJournal(store, transaction, [{ kind: 'currency_created', payload: currencyPayload(currency) }], currency.createdAtMs);
    return { result: 'ok', value: currency, replayed: false };
  });
}

/** Every currency, by code. */
export async function listCurrencies(store: LedgerStore): Promise<Currency[]> {
  const rows = await store.db.selectFrom('ledger_currencies').selectAll().orderBy('code').execute();
  return rows.map((row) => CurrencyRowSchema.parse(row));
}

/** One account, or undefined. */
export async function findAccount(db: Kysely<LedgerDatabase>, id: string): Promise<Account | undefined> {
  const row = await selectAccounts(db).where('id', '=', id).executeTakeFirst();
  return row ? AccountRowSchema.parse(row) : undefined;
}

async function lockAccount(store: LedgerStore, transaction: Kysely<LedgerDatabase>, id: AccountId): Promise<Account | undefined> {
  const query = selectAccounts(transaction).where('id', '=', id);
  const row = await (store.engine === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  return row ? AccountRowSchema.parse(row) : undefined;
}

/** Opens an account at zero. Idempotent by id: the same account again is `ok` with `replayed`. */
export async function createAccount(store: LedgerStore, clock: Clock, input: NewAccount): Promise<AccountOutcome<Account>> {
  const problem = limitsProblem(input);
  if (problem) return { result: problem };
  return inWriteTransaction(store, async (transaction) => {
    const existing = await findAccount(transaction, input.id);
    if (existing) {
      const same =
        existing.currency === input.currency &&
        existing.ownerKind === input.ownerKind &&
        existing.ownerId === input.ownerId &&
        existing.lowerLimit === input.lowerLimit &&
        existing.upperLimit === input.upperLimit;
      return same ? { result: 'ok', value: existing, replayed: true } : { result: 'exists_with_different_fields' };
    }
    if (!(await findCurrency(transaction, input.currency))) return { result: 'currency_not_found' };
    const account: Account = {
      ...input,
      state: 'active',
      debitsPosted: 0n,
      creditsPosted: 0n,
      debitsPending: 0n,
      creditsPending: 0n,
      createdAtMs: clock.nowMs(),
    };
    await transaction.insertInto('ledger_accounts').values(accountRow(account)).execute();
    await appendJournal(store, transaction, [{ kind: 'account_created', payload: accountPayload(account) }], account.createdAtMs);
    return { result: 'ok', value: account, replayed: false };
  });
}

/** The row of an account, for inserts and upserts. */
export function accountRow(account: Account) {
  return {
    id: account.id,
    currency_code: account.currency,
    owner_kind: account.ownerKind,
    owner_id: account.ownerId,
    lower_limit: account.lowerLimit,
    upper_limit: account.upperLimit,
    state: account.state,
    debits_posted: account.debitsPosted,
    credits_posted: account.creditsPosted,
    debits_pending: account.debitsPending,
    credits_pending: account.creditsPending,
    created_at_ms: account.createdAtMs,
  };
}

async function recordChange(
  store: LedgerStore,
  transaction: Kysely<LedgerDatabase>,
  account: Account,
  change: { change: 'limits' | 'state'; changedBy: string; reason: string },
  nowMs: number,
): Promise<void> {
  const journalEntry =
    change.change === 'limits'
      ? {
          kind: 'account_limits_changed' as const,
          payload: {
            accountId: account.id,
            lowerLimit: account.lowerLimit,
            upperLimit: account.upperLimit,
            changedBy: change.changedBy,
            reason: change.reason,
          },
        }
      : {
          kind: 'account_state_changed' as const,
          payload: { accountId: account.id, state: account.state, changedBy: change.changedBy, reason: change.reason },
        };
  const [sequence] = await appendJournal(store, transaction, [journalEntry], nowMs);
  await transaction
    .insertInto('ledger_account_changes')
    .values({
      sequence: sequence ?? 0,
      account_id: account.id,
      change: change.change,
      lower_limit: account.lowerLimit,
      upper_limit: account.upperLimit,
      state: account.state,
      changed_by: change.changedBy,
      reason: change.reason,
      changed_at_ms: nowMs,
    })
    .execute();
}

/** Changes an account's limits. Refused when its balance, counting pending transfers, would fall outside them. */
export async function changeAccountLimits(
  store: LedgerStore,
  clock: Clock,
  id: AccountId,
  input: LimitsChange,
): Promise<AccountOutcome<Account>> {
  const problem = limitsProblem(input);
  if (problem) return { result: problem };
  return inWriteTransaction(store, async (transaction) => {
    const current = await lockAccount(store, transaction, id);
    if (!current) return { result: 'account_not_found' };
    if (current.state === 'closed') return { result: 'account_closed' };
    const changed: Account = { ...current, lowerLimit: input.lowerLimit, upperLimit: input.upperLimit };
    if (!isWithinLimits(changed)) return { result: 'balance_outside_new_limits' };
    await transaction
      .updateTable('ledger_accounts')
      .set({ lower_limit: changed.lowerLimit, upper_limit: changed.upperLimit })
      .where('id', '=', id)
      .execute();
    await recordChange(store, transaction, changed, { change: 'limits', changedBy: input.changedBy, reason: input.reason }, clock.nowMs());
    return { result: 'ok', value: changed, replayed: false };
  });
}

/** Freezes, unfreezes or closes an account. Closing is final and needs a zero balance and no pending transfer. */
export async function changeAccountState(
  store: LedgerStore,
  clock: Clock,
  id: AccountId,
  input: StateChange,
): Promise<AccountOutcome<Account>> {
  return inWriteTransaction(store, async (transaction) => {
    const current = await lockAccount(store, transaction, id);
    if (!current) return { result: 'account_not_found' };
    if (current.state === 'closed') return { result: 'account_closed' };
    const settled = postedBalance(current) === 0n && current.debitsPending === 0n && current.creditsPending === 0n;
    if (input.state === 'closed' && !settled) return { result: 'account_must_be_settled_to_close' };
    const changed: Account = { ...current, state: input.state };
    await transaction.updateTable('ledger_accounts').set({ state: changed.state }).where('id', '=', id).execute();
    await recordChange(store, transaction, changed, { change: 'state', changedBy: input.changedBy, reason: input.reason }, clock.nowMs());
    return { result: 'ok', value: changed, replayed: false };
  });
}

const AccountChangeRowSchema = z
  .object({
    sequence: z.union([z.number(), z.string()]).transform(Number),
    change: z.enum(['limits', 'state']),
    lower_limit: z.string().nullable(),
    upper_limit: z.string().nullable(),
    state: AccountStateSchema,
    changed_by: z.string(),
    reason: z.string(),
    changed_at_ms: z.union([z.number(), z.string()]).transform(Number),
  })
  .transform(
    (row): AccountChange => ({
      sequence: row.sequence,
      change: row.change,
      lowerLimit: row.lower_limit === null ? null : BigInt(row.lower_limit),
      upperLimit: row.upper_limit === null ? null : BigInt(row.upper_limit),
      state: row.state,
      changedBy: row.changed_by,
      reason: row.reason,
      changedAtMs: row.changed_at_ms,
    }),
  );

/** The recorded limit and state changes of an account, oldest first. */
export async function listAccountChanges(store: LedgerStore, id: AccountId): Promise<AccountChange[]> {
  const rows = await store.db
    .selectFrom('ledger_account_changes')
    .select(['sequence', 'change', 'state', 'changed_by', 'reason', 'changed_at_ms'])
    .select([asText('lower_limit').as('lower_limit'), asText('upper_limit').as('upper_limit')])
    .where('account_id', '=', id)
    .orderBy('sequence')
    .execute();
  return rows.map((row) => AccountChangeRowSchema.parse(row));
}
