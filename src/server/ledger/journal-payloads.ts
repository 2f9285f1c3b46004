/**
 * What each journal entry records, written by the ledger and read back by the verifier. The
 * payload of `transfer_created` is the whole transfer, so the transfers table can be checked
 * against the chain.
 */
import { z } from 'zod';
import {
  type Account,
  AccountIdSchema,
  AccountStateSchema,
  type Currency,
  CurrencyCodeSchema,
  OwnerKindSchema,
  type Transfer,
  TransferIdSchema,
  TransferKindSchema,
} from './types.js';

const int64 = z
  .string()
  .regex(/^-?[0-9]{1,19}$/)
  .transform((value) => BigInt(value));

/** The journal form of a currency. */
export function currencyPayload(currency: Currency) {
  return { code: currency.code, name: currency.name, scale: currency.scale, createdAtMs: currency.createdAtMs };
}
/** Reads back a `currency_created` payload. */
export const CurrencyPayloadSchema = z.object({
  code: CurrencyCodeSchema,
  name: z.string(),
  scale: z.number().int(),
  createdAtMs: z.number(),
});

/** The journal form of a new account (it starts at zero). */
export function accountPayload(account: Account) {
  return {
    id: account.id,
    currency: account.currency,
    ownerKind: account.ownerKind,
    ownerId: account.ownerId,
    lowerLimit: account.lowerLimit,
    upperLimit: account.upperLimit,
    createdAtMs: account.createdAtMs,
  };
}
/** Reads back an `account_created` payload. */
export const AccountPayloadSchema = z.object({
  id: AccountIdSchema,
  currency: CurrencyCodeSchema,
  ownerKind: OwnerKindSchema,
  ownerId: z.string(),
  lowerLimit: int64.nullable(),
  upperLimit: int64.nullable(),
  createdAtMs: z.number(),
});

/** Reads back an `account_limits_changed` payload. */
export const LimitsChangedPayloadSchema = z.object({
  accountId: AccountIdSchema,
  lowerLimit: int64.nullable(),
  upperLimit: int64.nullable(),
  changedBy: z.string(),
  reason: z.string(),
});

/** Reads back an `account_state_changed` payload. */
export const StateChangedPayloadSchema = z.object({
  accountId: AccountIdSchema,
  state: AccountStateSchema,
  changedBy: z.string(),
  reason: z.string(),
});

/** The journal form of a transfer: every field but its sequence (the entry's own). */
export function transferPayload(transfer: Transfer) {
  return {
    id: transfer.id,
    kind: transfer.kind,
    debitAccountId: transfer.debitAccountId,
    creditAccountId: transfer.creditAccountId,
    amount: transfer.amount,
    currency: transfer.currency,
    description: transfer.description,
    reference: transfer.reference,
    pendingId: transfer.pendingId,
    expiresAtMs: transfer.expiresAtMs,
    timestampMs: transfer.timestampMs,
  };
}
/** Reads back a `transfer_created` payload. */
export const TransferPayloadSchema = z.object({
  id: TransferIdSchema,
  kind: TransferKindSchema,
  debitAccountId: AccountIdSchema,
  creditAccountId: AccountIdSchema,
  amount: int64,
  currency: CurrencyCodeSchema,
  description: z.string(),
  reference: z.string(),
  pendingId: TransferIdSchema.nullable(),
  expiresAtMs: z.number().nullable(),
  timestampMs: z.number(),
});

/** Reads back a `pending_expired` payload. */
export const PendingExpiredPayloadSchema = z.object({ pendingId: TransferIdSchema });

/**
 * The journal form of a batch (or an expiry sweep): each change in the order applied, with its
 * number — a new transfer (every field; its sequence is the number), or an expired reservation.
 */
export function changesPayload(
  changes: readonly { kind: 'transfer' | 'pending_expired'; transfer: Transfer }[],
  numbers: readonly number[],
) {
  return {
    changes: changes.map((change, index) =>
      change.kind === 'transfer'
        ? { sequence: numbers[index], transfer: transferPayload(change.transfer) }
        : { sequence: numbers[index], pendingExpired: change.transfer.id },
    ),
  };
}
/** Reads back a `changes_applied` payload. */
export const ChangesAppliedPayloadSchema = z.object({
  changes: z
    .array(
      z.union([
        z.object({ sequence: z.number().int().positive(), transfer: TransferPayloadSchema }).strict(),
        z.object({ sequence: z.number().int().positive(), pendingExpired: TransferIdSchema }).strict(),
      ]),
    )
    .min(1),
});
