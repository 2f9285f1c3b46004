/**
 * Schemas of the mutual-credit network's HTTP API (`/api/network/…`), shared by the server
 * (validation) and the browser (parsing). Amounts cross the wire as decimal strings in the
 * network currency's major unit ("12.50"); inside they are `bigint` minor units.
 */
import { z } from 'zod';
import { SlugSchema, TimeZoneSchema } from './accounts-api.js';
import { networkLimits } from './limits.js';
import { labelSchema, optionalTextSchema as optionalText } from './text.js';

/** Why a typed amount is not acceptable. */
export type AmountProblem = 'amount_not_a_number' | 'amount_must_be_positive' | 'amount_has_too_many_decimals' | 'amount_too_large';

/**
 * Parses a decimal amount typed by a person ("12", "12.5", "12.50", or "12,50" with a decimal
 * comma) into minor units of a currency with `scale` decimal places. Never uses floating point.
 * A comma followed by exactly three digits ("1,000") could be a thousands separator, so it is
 * refused as not a number rather than guessed.
 */
export function parseAmount(text: string, scale: number): { ok: true; minorUnits: bigint } | { ok: false; problem: AmountProblem } {
  const match = /^\s*(-)?([0-9]{1,18})(?:([.,])([0-9]+))?\s*$/.exec(text);
  if (!match) return { ok: false, problem: 'amount_not_a_number' };
  const [, minus, whole = '0', separator, fraction = ''] = match;
  if (separator === ',' && fraction.length === 3) return { ok: false, problem: 'amount_not_a_number' };
  if (fraction.length > scale) return { ok: false, problem: 'amount_has_too_many_decimals' };
  const minorUnits = BigInt(whole + fraction.padEnd(scale, '0'));
  if (minus || minorUnits === 0n) return { ok: false, problem: 'amount_must_be_positive' };
  if (minorUnits > networkLimits.amountMinorUnitsMax) return { ok: false, problem: 'amount_too_large' };
  return { ok: true, minorUnits };
}

/** Writes minor units as a decimal string with `scale` places: 1250n, 2 → "12.50"; -5n, 2 → "-0.05". */
export function formatAmount(minorUnits: bigint, scale: number): string {
  const negative = minorUnits < 0n;
  const digits = (negative ? -minorUnits : minorUnits).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : `.${digits.slice(-scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** An amount as typed: a decimal string, checked against the currency's scale by the server. */
export const AmountInputSchema = z.string().trim().min(1, 'must not be empty').max(40, 'is too long');
/** A decimal amount as the server writes it ("12.50", "-500.00"). */
export const AmountSchema = z.string().regex(/^-?[0-9]+(\.[0-9]+)?$/);

/** A key the browser chooses once per payment form: resubmitting it never pays twice. */
export const IdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "_" or "-"');

export const MemberStatusSchema = z.enum(['applied', 'approved', 'declined', 'suspended']);
export type MemberStatus = z.infer<typeof MemberStatusSchema>;
export const ListingKindSchema = z.enum(['offer', 'want']);
export type ListingKind = z.infer<typeof ListingKindSchema>;
/** What someone may do for a trading member: `trader` (pay, request, list) or `viewer` (read). */
export const MemberAccessSchema = z.enum(['trader', 'viewer']);
export type MemberAccess = z.infer<typeof MemberAccessSchema>;

export const CategorySchema = z.enum(networkLimits.categories);
export type Category = z.infer<typeof CategorySchema>;

export const CurrencyViewSchema = z.object({ code: z.string(), name: z.string(), scale: z.number().int() });
export type CurrencyView = z.infer<typeof CurrencyViewSchema>;

const websiteSchema = optionalText(networkLimits.websiteCharactersMax).refine(
  (value) => value === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value),
  'must be an http:// or https:// address',
);
const contactSchema = optionalText(networkLimits.contactCharactersMax);

/** A trading member's public profile, as its traders edit it. */
export const ProfileInputSchema = z
  .object({
    description: optionalText(networkLimits.descriptionCharactersMax, { multiline: true }),
    location: optionalText(networkLimits.locationCharactersMax),
    website: websiteSchema,
    contact: contactSchema,
    /** Whether other members may see the balance and turnover (trust indicators). */
    showBalance: z.boolean(),
  })
  .strict();
export type ProfileInput = z.infer<typeof ProfileInputSchema>;

/**
 * `POST /api/network/applications`: an organisation the applicant owns or administers
 * (`organisation`), or a business that only trades (`business`, which becomes a new organisation
 * with the applicant as its owner).
 */
export const ApplicationRequestSchema = z
  .object({
    organisation: SlugSchema.optional(),
    business: z
      .object({ name: labelSchema(networkLimits.memberNameCharactersMax), slug: SlugSchema })
      .strict()
      .optional(),
    profile: ProfileInputSchema,
  })
  .strict()
  .refine((value) => (value.organisation === undefined) !== (value.business === undefined), {
    message: 'give either an organisation or a business, not both',
  });
export type ApplicationRequest = z.infer<typeof ApplicationRequestSchema>;

export const MemberParamsSchema = z.object({ member: SlugSchema }).strict();
export const ListingParamsSchema = z.object({ member: SlugSchema, listing: z.string().regex(/^lst_[A-Za-z0-9_-]{8,32}$/) }).strict();
export const RequestParamsSchema = z.object({ member: SlugSchema, request: z.string().regex(/^req_[A-Za-z0-9_-]{8,32}$/) }).strict();
export const AutoAcceptParamsSchema = z.object({ member: SlugSchema, payee: SlugSchema }).strict();

/** Balance and turnover, shown to others only when the member allows it. */
export const TrustIndicatorsSchema = z.object({
  balance: AmountSchema,
  /** Everything it has been paid (credits received). */
  sold: AmountSchema,
  /** Everything it has paid (credits spent). */
  bought: AmountSchema,
});

export const ListingViewSchema = z.object({
  id: z.string(),
  member: z.string(),
  memberName: z.string(),
  kind: ListingKindSchema,
  title: z.string(),
  description: z.string(),
  category: CategorySchema,
  createdAtMs: z.number(),
});
export type ListingView = z.infer<typeof ListingViewSchema>;

export const ListingInputSchema = z
  .object({
    kind: ListingKindSchema,
    title: labelSchema(networkLimits.listingTitleCharactersMax),
    description: optionalText(networkLimits.descriptionCharactersMax, { multiline: true }),
    category: CategorySchema,
  })
  .strict();
export type ListingInput = z.infer<typeof ListingInputSchema>;

export const MemberSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  status: MemberStatusSchema,
  location: z.string(),
  coOp: z.boolean(),
});
export type MemberSummary = z.infer<typeof MemberSummarySchema>;

export const MemberViewSchema = MemberSummarySchema.extend({
  description: z.string(),
  website: z.string(),
  contact: z.string(),
  showBalance: z.boolean(),
  /** Null when the member hides them from you. */
  trust: TrustIndicatorsSchema.nullable(),
  offers: z.array(ListingViewSchema),
  wants: z.array(ListingViewSchema),
  /** Your access to this member, if you act for it. */
  access: MemberAccessSchema.nullable(),
  /** Why it was declined or suspended; only for its own people and administrators. */
  statusReason: z.string().nullable(),
});
export type MemberView = z.infer<typeof MemberViewSchema>;

/** `GET /api/network`: the network as the signed-in person sees it. */
export const NetworkHomeViewSchema = z.object({
  currency: CurrencyViewSchema,
  defaultCreditLimit: AmountSchema,
  /** Network administrator (one of the co-op's operators). */
  administrator: z.boolean(),
  /** Trading members this person acts for, with their balance (once approved) and why they were declined or suspended. */
  mine: z.array(
    MemberSummarySchema.extend({ access: MemberAccessSchema, balance: AmountSchema.nullable(), statusReason: z.string().nullable() }),
  ),
  /** Organisations this person owns or administers that may apply: never applied, or declined. */
  canApplyFor: z.array(z.object({ slug: z.string(), name: z.string() })),
});
export type NetworkHomeView = z.infer<typeof NetworkHomeViewSchema>;

export const DirectoryQuerySchema = z
  .object({
    q: optionalText(networkLimits.searchCharactersMax).optional(),
    category: CategorySchema.optional(),
    kind: ListingKindSchema.optional(),
    /** The `nextCursor` of the page before. */
    cursor: SlugSchema.optional(),
    /** Members per page, at most `networkLimits.directoryMembersPerPage`. */
    limit: z.coerce.number().int().min(1).max(networkLimits.directoryMembersPerPage).optional(),
  })
  .strict();
export type DirectoryQueryInput = z.infer<typeof DirectoryQuerySchema>;
/** `GET /api/network/members`: every approved member by name, to choose whom to pay or ask. */
export const MemberChoicesViewSchema = z.object({ members: z.array(MemberSummarySchema) });
export type MemberChoicesView = z.infer<typeof MemberChoicesViewSchema>;

/** A member found in the directory, with its offers and wants that match. */
export const DirectoryEntrySchema = MemberSummarySchema.extend({
  offers: z.array(ListingViewSchema),
  wants: z.array(ListingViewSchema),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;
/** One page of the directory: members by name; `nextCursor` is null on the last page. */
export const DirectoryViewSchema = z.object({
  entries: z.array(DirectoryEntrySchema),
  nextCursor: z.string().nullable(),
});
export type DirectoryView = z.infer<typeof DirectoryViewSchema>;

/** `POST /api/network/members/:member/payments`: pay another member. */
export const PaymentRequestSchema = z
  .object({
    payee: SlugSchema,
    amount: AmountInputSchema,
    description: labelSchema(networkLimits.paymentDescriptionCharactersMax),
    reference: optionalText(networkLimits.paymentReferenceCharactersMax),
    idempotencyKey: IdempotencyKeySchema,
  })
  .strict();
export type PaymentRequest = z.infer<typeof PaymentRequestSchema>;

export const PaymentViewSchema = z.object({
  transferId: z.string(),
  payer: z.string(),
  payee: z.string(),
  amount: AmountSchema,
  description: z.string(),
  reference: z.string(),
  atMs: z.number(),
  /** True when this was a resubmission of a payment already made. */
  replayed: z.boolean(),
  /** The payer's balance right after. */
  balanceAfter: AmountSchema,
});
export type PaymentView = z.infer<typeof PaymentViewSchema>;

export const InvoiceStatusSchema = z.enum(['open', 'accepting', 'accepted', 'rejected', 'cancelled', 'expired']);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/** `POST /api/network/members/:member/requests`: ask another member to pay. */
export const InvoiceRequestSchema = z
  .object({
    payer: SlugSchema,
    amount: AmountInputSchema,
    description: labelSchema(networkLimits.paymentDescriptionCharactersMax),
    reference: optionalText(networkLimits.paymentReferenceCharactersMax),
    /** `YYYY-MM-DD`, shown to the payer; overdue requests are marked. */
    dueDate: z.iso.date('must be a date like 2026-12-31').optional(),
    /** Days until the request can no longer be accepted. Default `networkLimits.requestExpiryDaysDefault`. */
    expiresInDays: z.number().int().min(1).max(networkLimits.requestExpiryDaysMax).optional(),
    idempotencyKey: IdempotencyKeySchema,
  })
  .strict();
export type InvoiceRequest = z.infer<typeof InvoiceRequestSchema>;

export const InvoiceViewSchema = z.object({
  id: z.string(),
  requester: MemberSummarySchema.pick({ slug: true, name: true }),
  payer: MemberSummarySchema.pick({ slug: true, name: true }),
  amount: AmountSchema,
  description: z.string(),
  reference: z.string(),
  dueDate: z.string().nullable(),
  expiresAtMs: z.number(),
  status: InvoiceStatusSchema,
  reason: z.string().nullable(),
  createdAtMs: z.number(),
  handledAtMs: z.number().nullable(),
  /** How it was accepted: by a person, or automatically under the payer's auto-accept rule. */
  acceptedAutomatically: z.boolean(),
  transferId: z.string().nullable(),
});
export type InvoiceView = z.infer<typeof InvoiceViewSchema>;

export const InvoiceListViewSchema = z.object({ incoming: z.array(InvoiceViewSchema), outgoing: z.array(InvoiceViewSchema) });
export type InvoiceListView = z.infer<typeof InvoiceListViewSchema>;

export const ReasonRequestSchema = z.object({ reason: labelSchema(networkLimits.reasonCharactersMax) }).strict();
export const EmptyRequestSchema = z.object({}).strict();

/** Auto-accept: requests from `payee` up to `maxAmount` (or any amount) are paid without asking. */
export const AutoAcceptInputSchema = z.object({ maxAmount: AmountInputSchema.nullable() }).strict();
export const AutoAcceptViewSchema = z.object({
  rules: z.array(z.object({ payee: z.string(), payeeName: z.string(), maxAmount: AmountSchema.nullable() })),
});
export type AutoAcceptView = z.infer<typeof AutoAcceptViewSchema>;

export const StatementQuerySchema = z
  .object({
    from: z.iso.date('must be a date like 2026-01-31').optional(),
    to: z.iso.date('must be a date like 2026-12-31').optional(),
    direction: z.enum(['in', 'out']).optional(),
    counterparty: SlugSchema.optional(),
    /** The time zone `from` and `to` are days of (the viewer's); default UTC. */
    timeZone: TimeZoneSchema.optional(),
    cursor: z
      .string()
      .regex(/^[0-9]{1,15}$/)
      .optional(),
  })
  .strict();
export type StatementQueryInput = z.infer<typeof StatementQuerySchema>;

export const StatementLineViewSchema = z.object({
  sequence: z.number(),
  atMs: z.number(),
  transferId: z.string(),
  direction: z.enum(['in', 'out']),
  amount: AmountSchema,
  balanceAfter: AmountSchema,
  counterparty: z.object({ slug: z.string(), name: z.string() }).nullable(),
  description: z.string(),
  reference: z.string(),
});
export type StatementLineView = z.infer<typeof StatementLineViewSchema>;

/** `GET /api/network/members/:member/account`: balance, limits and a page of the statement. */
export const AccountViewSchema = z.object({
  member: MemberSummarySchema,
  currency: CurrencyViewSchema,
  balance: AmountSchema,
  /** How much more it can pay right now: balance + credit limit − reserved. */
  available: AmountSchema,
  creditLimit: AmountSchema,
  /** The most it may hold, or null for no limit. */
  balanceLimit: AmountSchema.nullable(),
  sold: AmountSchema,
  bought: AmountSchema,
  lines: z.array(StatementLineViewSchema),
  nextCursor: z.string().nullable(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** Administrators: approve, decline with a reason, change a credit limit, suspend, reinstate. */
export const CreditLimitRequestSchema = z
  .object({ creditLimit: AmountInputSchema, reason: labelSchema(networkLimits.reasonCharactersMax) })
  .strict();

export const LimitChangeViewSchema = z.object({
  atMs: z.number(),
  changedBy: z.string(),
  reason: z.string(),
  change: z.string(),
});

export const AdminMemberViewSchema = MemberSummarySchema.extend({
  appliedAtMs: z.number(),
  /** Who applied: name and email (administrators only see this view). */
  appliedBy: z.string(),
  description: z.string(),
  balance: AmountSchema.nullable(),
  creditLimit: AmountSchema.nullable(),
  /** Share of the credit limit in use, 0–1, or null without an account. */
  limitUsed: z.number().nullable(),
  reason: z.string().nullable(),
});
export type AdminMemberView = z.infer<typeof AdminMemberViewSchema>;

/** `GET /api/network/admin`: the network overview for administrators. */
export const NetworkOverviewSchema = z.object({
  currency: CurrencyViewSchema,
  counts: z.object({ applied: z.number(), approved: z.number(), declined: z.number(), suspended: z.number() }),
  /** Sum of payments per calendar month (UTC), newest first, the last 12 months. */
  turnoverByMonth: z.array(z.object({ month: z.string(), amount: AmountSchema, payments: z.number() })),
  applications: z.array(AdminMemberViewSchema),
  members: z.array(AdminMemberViewSchema),
  /** Approved members using at least `networkLimits.nearLimitShare` of their credit limit. */
  nearLimit: z.array(AdminMemberViewSchema),
});
export type NetworkOverview = z.infer<typeof NetworkOverviewSchema>;

export const LimitChangesViewSchema = z.object({ changes: z.array(LimitChangeViewSchema) });
