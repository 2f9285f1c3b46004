/**
 * The ledger's vocabulary: branded ids, amounts, and the shapes of currencies, accounts and
 * transfers, each derived from a zod schema so that every edge (HTTP, rows read back) can check it.
 */
import { z } from 'zod';
import { limits } from '../../shared/limits.js';
import { illFormedTextMessage, isWellFormedText } from '../../shared/text.js';

/** The largest amount or balance counter the ledger stores: 2^63 − 1 (a signed 64-bit integer). */
export const int64Max = 2n ** 63n - 1n;

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const idMessage = 'must be 1–64 letters, digits, "_" or "-", starting with a letter or digit';

/** A client-chosen account id (`acme-eur`, a UUID…); creating the same account twice is idempotent. */
export const AccountIdSchema = z.string().regex(idPattern, idMessage).brand<'AccountId'>();
export type AccountId = z.infer<typeof AccountIdSchema>;

/** A client-chosen transfer id: the idempotency key of a transfer. */
export const TransferIdSchema = z.string().regex(idPattern, idMessage).brand<'TransferId'>();
export type TransferId = z.infer<typeof TransferIdSchema>;

/** A currency (TigerBeetle's "ledger") code, e.g. `EUR`, `SOLI`: 2–16 capitals and digits. */
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,15}$/, 'must be 2–16 capital letters or digits, starting with a letter')
  .brand<'CurrencyCode'>();
export type CurrencyCode = z.infer<typeof CurrencyCodeSchema>;

/** Who owns an account: a member organisation, the co-op itself, or the system (fees, issuance). */
export const OwnerKindSchema = z.enum(['member_organisation', 'co_op', 'system']);
export type OwnerKind = z.infer<typeof OwnerKindSchema>;

/** The id of an account's owner in its own domain (an organisation id…). */
export const OwnerIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'must be 1–128 letters, digits, "_", ".", ":" or "-"');

/** A positive-or-zero amount in minor units, as a string of digits (JSON never carries money as a number). */
export const AmountStringSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'must be a whole number of minor units written as a string of digits')
  .refine((value) => !/^[0-9]+$/.test(value) || BigInt(value) <= int64Max, 'must be at most 9223372036854775807')
  .transform((value) => BigInt(value));

/** A signed amount in minor units, as a string (`-1000`), within ±(2^63 − 1). */
export const SignedAmountStringSchema = z
  .string()
  .regex(/^(0|-?[1-9][0-9]{0,18})$/, 'must be a whole number of minor units written as a string, e.g. "-1000"')
  .refine((value) => {
    if (!/^-?[0-9]+$/.test(value)) return false;
    const amount = BigInt(value);
    return amount <= int64Max && amount >= -int64Max;
  }, 'must be within ±9223372036854775807')
  .transform((value) => BigInt(value));

/** An account's state: `active`; `frozen` (no new transfers or posts, voids still allowed); `closed` (final). */
export const AccountStateSchema = z.enum(['active', 'frozen', 'closed']);
export type AccountState = z.infer<typeof AccountStateSchema>;

/** A currency: a code, a name, and the decimal places of its minor unit (`scale`: 2 for cents). */
export interface Currency {
  code: CurrencyCode;
  name: string;
  scale: number;
  createdAtMs: number;
}

/** Limits on an account's balance (credits − debits). `null` means no limit on that side. */
export interface AccountLimits {
  /** How far below zero the balance may go (the credit limit), ≤ 0. */
  lowerLimit: bigint | null;
  /** The highest balance allowed, ≥ 0. */
  upperLimit: bigint | null;
}

/** An account with its balances: posted and pending, debits and credits, all in minor units. */
export interface Account extends AccountLimits {
  id: AccountId;
  currency: CurrencyCode;
  ownerKind: OwnerKind;
  ownerId: string;
  state: AccountState;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
  createdAtMs: number;
}

/** The kinds of transfer: one-step, a reservation, and the two ways to resolve a reservation. */
export const TransferKindSchema = z.enum(['single_phase', 'pending', 'post_pending', 'void_pending']);
export type TransferKind = z.infer<typeof TransferKindSchema>;

/** A committed transfer. Immutable: corrections are new (reversing) transfers. */
export interface Transfer {
  id: TransferId;
  kind: TransferKind;
  debitAccountId: AccountId;
  creditAccountId: AccountId;
  /** For `post_pending` the amount posted; for `void_pending` the amount released. */
  amount: bigint;
  currency: CurrencyCode;
  description: string;
  reference: string;
  /** The pending transfer a `post_pending` or `void_pending` resolves. */
  pendingId: TransferId | null;
  /** When a `pending` transfer expires, in milliseconds since the epoch. */
  expiresAtMs: number | null;
  timestampMs: number;
  /**
   * The transfer's number: unique, and increasing in commit order among the transfers of one
   * account (its statement's order). Before migration 0660 it was its journal entry's sequence.
   */
  sequence: number;
}

/** The state of a pending transfer: it resolves exactly once. */
export const PendingStatusSchema = z.enum(['pending', 'posted', 'voided', 'expired']);
export type PendingStatus = z.infer<typeof PendingStatusSchema>;

// Journal text is hashed as written; ill-formed UTF-16 would be stored as U+FFFD and break the chain.
const descriptionSchema = z.string().max(limits.ledgerDescriptionCharactersMax).refine(isWellFormedText, illFormedTextMessage).default('');
const referenceSchema = z.string().max(limits.ledgerReferenceCharactersMax).refine(isWellFormedText, illFormedTextMessage).default('');

/** A request to move `amount` from the debit account to the credit account, now or as a reservation. */
export const NewTransferSchema = z.object({
  kind: z.enum(['single_phase', 'pending']),
  id: TransferIdSchema,
  debitAccountId: AccountIdSchema,
  creditAccountId: AccountIdSchema,
  amount: AmountStringSchema,
  currency: CurrencyCodeSchema,
  description: descriptionSchema,
  reference: referenceSchema,
  /** Pending only: how long the reservation holds. Default `limits.ledgerPendingTimeoutMsDefault`. */
  timeoutMs: z.number().int().min(1).max(limits.ledgerPendingTimeoutMsMax).optional(),
});

/** A request to post a pending transfer, fully (no amount) or partially. */
export const PostPendingSchema = z.object({
  kind: z.literal('post_pending'),
  id: TransferIdSchema,
  pendingId: TransferIdSchema,
  amount: AmountStringSchema.optional(),
  description: descriptionSchema,
  reference: referenceSchema,
});

/** A request to void a pending transfer, releasing its reservation. */
export const VoidPendingSchema = z.object({
  kind: z.literal('void_pending'),
  id: TransferIdSchema,
  pendingId: TransferIdSchema,
  description: descriptionSchema,
  reference: referenceSchema,
});

/** A single-phase or pending transfer request, parsed. */
export type NewTransferRequest = z.output<typeof NewTransferSchema>;
/** A post or void of a pending transfer, parsed. */
export type ResolutionRequest = z.output<typeof PostPendingSchema> | z.output<typeof VoidPendingSchema>;

/** Any transfer request. JSON amounts are strings; parsed, they are `bigint`. */
export const TransferRequestSchema = z.discriminatedUnion('kind', [NewTransferSchema, PostPendingSchema, VoidPendingSchema]);
export type TransferRequest = z.output<typeof TransferRequestSchema>;
/** The JSON form of a transfer request (amounts as strings). */
export type TransferRequestJson = z.input<typeof TransferRequestSchema>;

/** A batch: up to `limits.ledgerTransfersPerBatchMax` transfers; `linked` makes it all-or-nothing. */
export const TransferBatchSchema = z.object({
  transfers: z.array(TransferRequestSchema).min(1).max(limits.ledgerTransfersPerBatchMax),
  linked: z.boolean().default(false),
});

/**
 * Why a transfer was refused, in the order they are checked (the first that applies wins):
 * field checks, then idempotency, then accounts, then pending-transfer state, then balances.
 */
export const transferFailureCodes = [
  'linked_event_failed',
  'accounts_must_be_different',
  'amount_must_not_be_zero',
  'exists_with_different_fields',
  'debit_account_not_found',
  'credit_account_not_found',
  'pending_transfer_not_found',
  'pending_transfer_not_pending',
  'pending_transfer_already_posted',
  'pending_transfer_already_voided',
  'pending_transfer_expired',
  'exceeds_pending_transfer_amount',
  'accounts_must_have_the_same_currency',
  'transfer_currency_must_match_accounts',
  'account_closed',
  'account_frozen',
  'overflows_debits_posted',
  'overflows_credits_posted',
  'overflows_debits_pending',
  'overflows_credits_pending',
  'exceeds_credit_limit',
  'exceeds_upper_limit',
] as const;
export type TransferFailureCode = (typeof transferFailureCodes)[number];

/** The outcome of one transfer of a batch. `replayed` is true when the id had already been applied. */
export type TransferResult =
  | { id: TransferId; result: 'ok'; replayed: boolean; transfer: Transfer }
  | { id: TransferId; result: TransferFailureCode };
