/**
 * What each journal entry records, written by the ledger and read back by the verifier. A batch's
 * entry (`changes_digested`) lists each transfer's id and the sha256 digest
 * of its whole row, so the transfers table can be checked against the chain; entries written
 * before it (`changes_applied`, `transfer_created`) hold every field of every transfer instead.
 */
import { hash } from 'node:crypto';
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

/**
 * Format 2 of a batch's entry (`changes_digested`): each change in the order applied, with its
 * number — a new transfer by its id and its digest (`transferDigest`), or an expired reservation.
 * The transfer's fields live in its row, which the digest pins down, so an entry of 100 transfers
 * is a few kilobytes however long their descriptions are.
 */
export function digestedChangesPayload(
  changes: readonly { kind: 'transfer' | 'pending_expired'; transfer: Transfer }[],
  numbers: readonly number[],
  digests: ReadonlyMap<string, string>,
) {
  return {
    changes: changes.map((change, index) =>
      change.kind === 'transfer'
        ? { sequence: numbers[index], transferId: change.transfer.id, digest: digests.get(change.transfer.id) }
        : { sequence: numbers[index], pendingExpired: change.transfer.id },
    ),
  };
}
/** Reads back a `changes_digested` payload. */
export const ChangesDigestedPayloadSchema = z.object({
  changes: z
    .array(
      z.union([
        z
          .object({ sequence: z.number().int().positive(), transferId: TransferIdSchema, digest: z.string().regex(/^[0-9a-f]{64}$/) })
          .strict(),
        z.object({ sequence: z.number().int().positive(), pendingExpired: TransferIdSchema }).strict(),
      ]),
    )
    .min(1),
});

/** The balances one side of a transfer has right after it, as its row keeps them (migration 0662). */
export interface BalancesAfter {
  postedBalanceAfter: bigint;
  debitsPendingAfter: bigint;
  creditsPendingAfter: bigint;
}

/**
 * What a transfer's digest is taken over: the canonical JSON (`canonicalJson`: keys sorted,
 * 64-bit integers as strings) of every field of its row — those of `transferPayload`, its number,
 * and the balances its debit and credit accounts have right after it, each side as
 * `[postedBalanceAfter, debitsPendingAfter, creditsPendingAfter]`. Written out key by key in their
 * sorted order, since the generic encoder's sorting took most of a batch's digest time;
 * `journal.test.ts` checks it is the same text.
 */
export function transferDigestText(transfer: Transfer, debit: BalancesAfter, credit: BalancesAfter): string {
  const text = JSON.stringify;
  const after = (side: BalancesAfter) => `["${side.postedBalanceAfter}","${side.debitsPendingAfter}","${side.creditsPendingAfter}"]`;
  return (
    `{"amount":"${transfer.amount}","creditAccountId":${text(transfer.creditAccountId)},"creditAfter":${after(credit)},` +
    `"currency":${text(transfer.currency)},"debitAccountId":${text(transfer.debitAccountId)},"debitAfter":${after(debit)},` +
    `"description":${text(transfer.description)},"expiresAtMs":${text(transfer.expiresAtMs)},"id":${text(transfer.id)},` +
    `"kind":${text(transfer.kind)},"pendingId":${text(transfer.pendingId)},"reference":${text(transfer.reference)},` +
    `"sequence":${text(transfer.sequence)},"timestampMs":${text(transfer.timestampMs)}}`
  );
}

/**
 * The digest of a transfer's row: sha256 (hex) over `transferDigestText`, so that a row edited
 * afterwards, its statement balances included, no longer matches its journal entry.
 */
export function transferDigest(transfer: Transfer, debit: BalancesAfter, credit: BalancesAfter): string {
  return hash('sha256', transferDigestText(transfer, debit, credit), 'hex');
}

/** The ids of the transfers an entry of `kind` lists (none when its payload is unreadable: the verifier reports that). */
export function transferIdsListed(kind: string, payload: string): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return [];
  }
  if (kind === 'transfer_created') {
    const parsed = TransferPayloadSchema.safeParse(raw);
    return parsed.success ? [parsed.data.id] : [];
  }
  if (kind === 'changes_applied') {
    const parsed = ChangesAppliedPayloadSchema.safeParse(raw);
    return parsed.success ? parsed.data.changes.flatMap((change) => ('transfer' in change ? [change.transfer.id] : [])) : [];
  }
  if (kind === 'changes_digested') {
    const parsed = ChangesDigestedPayloadSchema.safeParse(raw);
    return parsed.success ? parsed.data.changes.flatMap((change) => ('transferId' in change ? [change.transferId] : [])) : [];
  }
  return [];
}
