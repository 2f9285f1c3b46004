/**
 * The invoices API's shapes, shared by server and browser: an organisation's billing details,
 * its invoices, and the payments made on them. Amounts are decimal strings of minor units (euro
 * cents, or the credit currency's minor units), never floats.
 */
import { z } from 'zod';
import { languages } from './languages.js';
import { labelSchema, optionalTextSchema } from './text.js';

const MinorUnits = z.string().regex(/^(0|[1-9][0-9]{0,17})$/);

/** How an organisation pays its invoices in credits: not at all, automatically at the due date, or when a person accepts. */
export const creditPaymentModes = ['off', 'automatic', 'by_request'] as const;
export type CreditPaymentMode = (typeof creditPaymentModes)[number];

/** `PUT /api/orgs/:slug/billing-profile`: what the organisation's invoices say and how it pays them. */
export const BillingProfileSchema = z
  .object({
    legalName: labelSchema(70),
    /** Postal address, lines separated by line breaks; at most 5 lines. */
    address: optionalTextSchema(300, { multiline: true }).refine((text) => text.split('\n').length <= 5, 'must be at most 5 lines'),
    taxId: optionalTextSchema(40),
    email: z.union([z.literal(''), z.string().trim().email('must be an email address').max(254)]),
    language: z.enum(languages),
    creditPayment: z.enum(creditPaymentModes),
  })
  .strict();
export type BillingProfile = z.infer<typeof BillingProfileSchema>;

/** An organisation's billing details in JSON, with whether it can pay in credits at all. */
export const BillingProfileViewSchema = z.object({
  profile: z.object({
    legalName: z.string(),
    address: z.string(),
    taxId: z.string(),
    email: z.string(),
    language: z.enum(languages),
    creditPayment: z.enum(creditPaymentModes),
  }),
  /** Whether the organisation is an approved trading member of the network (credits possible). */
  tradingMember: z.boolean(),
});
export type BillingProfileView = z.infer<typeof BillingProfileViewSchema>;

export const invoiceStatuses = ['open', 'paid'] as const;

/** The state of an invoice's credit reservation. */
export const creditStates = ['none', 'reserved', 'insufficient', 'unavailable', 'posted', 'released'] as const;
export type CreditState = (typeof creditStates)[number];

/** One invoice in a list. */
export const InvoiceSummarySchema = z.object({
  number: z.string(),
  issuedAtMs: z.number(),
  dueAtMs: z.number(),
  periodStartMs: z.number(),
  periodEndMs: z.number(),
  currency: z.string(),
  grossMinor: MinorUnits,
  creditGrossMinor: MinorUnits,
  status: z.enum(invoiceStatuses),
  /** Open past its due date. */
  overdue: z.boolean(),
  /** Still due in money when nothing more is paid in credits. */
  dueMoneyMinor: MinorUnits,
});
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

const PartySchema = z.object({
  name: z.string(),
  addressLines: z.array(z.string()),
  taxId: z.string().nullable(),
  email: z.string().nullable(),
});

/** A payment on an invoice. */
export const InvoicePaymentSchema = z.object({
  kind: z.enum(['money', 'credits']),
  amountMinor: MinorUnits,
  method: z.enum(['manual', 'bank_statement', 'ledger']),
  note: z.string(),
  atMs: z.number(),
});
export type InvoicePayment = z.infer<typeof InvoicePaymentSchema>;

/** One whole invoice: the document, its payments and its credit reservation. */
export const InvoiceViewSchema = InvoiceSummarySchema.extend({
  language: z.enum(languages),
  seller: PartySchema,
  buyer: PartySchema,
  lines: z.array(
    z.object({
      description: z.string(),
      netMinor: MinorUnits,
      taxRateBasisPoints: z.number().int(),
      taxMinor: MinorUnits,
      grossMinor: MinorUnits,
      creditGrossMinor: MinorUnits,
    }),
  ),
  netMinor: MinorUnits,
  taxMinor: MinorUnits,
  reference: z.string(),
  bank: z.object({ holder: z.string(), iban: z.string(), bic: z.string().nullable() }).nullable(),
  paidMoneyMinor: MinorUnits,
  paidCreditMinor: MinorUnits,
  /** Still due in credits when nothing more is paid in money. */
  dueCreditMinor: MinorUnits,
  /** Whether credits can pay it now (open, and both the organisation and the co-op have approved trading accounts). */
  creditPayable: z.boolean(),
  creditState: z.enum(creditStates),
  creditReservedMinor: MinorUnits,
  /** When a reservation found too few credits: how many were available. */
  creditAvailableMinor: MinorUnits.nullable(),
  payments: z.array(InvoicePaymentSchema),
});
export type InvoiceView = z.infer<typeof InvoiceViewSchema>;

/** Invoice numbers as they are written: `2027-000042`. */
export const InvoiceNumberSchema = z.string().regex(/^[0-9]{4}-[0-9]{6}$/, 'not an invoice number');

/** `POST /api/orgs/:slug/invoices/:number/credit-payment`: pay in credits, all that is due or `amountMinor` of it. */
export const CreditPaymentRequestSchema = z
  .object({
    /** Omitted: everything still due in credits. */
    amountMinor: z
      .string()
      .regex(/^[1-9][0-9]{0,17}$/, 'must be a whole, positive number of minor units')
      .optional(),
    /** One per attempt, made by the browser: a retried click pays once. */
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "_" or "-"'),
  })
  .strict();

/** `POST /api/operator/invoices/:number/payments`: money the treasurer saw arrive, recorded by hand. */
export const ManualPaymentSchema = z
  .object({
    amountMinor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a whole, positive number of minor units'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    note: optionalTextSchema(200),
  })
  .strict();

/** What recording a payment left: whether the invoice is paid, and what is still due in money. */
export const PaymentOutcomeSchema = z.object({ paid: z.boolean(), dueMoneyMinor: MinorUnits });

/** An invoice in the treasurer's list, across organisations. */
export const TreasuryInvoiceSchema = z.object({
  number: z.string(),
  organisationName: z.string(),
  issuedAtMs: z.number(),
  dueAtMs: z.number(),
  currency: z.string(),
  grossMinor: MinorUnits,
  dueMoneyMinor: MinorUnits,
  status: z.enum(invoiceStatuses),
  /** Open past its due date. */
  overdue: z.boolean(),
  reference: z.string(),
});

/** What importing a bank statement did. */
export const StatementImportSchema = z.object({
  lines: z.number().int(),
  matched: z.number().int(),
  alreadyImported: z.number().int(),
  unmatched: z.number().int(),
  debitsSkipped: z.number().int(),
});

/** A statement line no invoice matched, waiting for a person. */
export const BankLineSchema = z.object({
  bankLineId: z.string(),
  bookedOn: z.string(),
  amountMinor: MinorUnits,
  currency: z.string(),
  reference: z.string().nullable(),
  remittance: z.string(),
  counterpartyName: z.string().nullable(),
});

/** `POST /api/operator/bank-lines/assign`: this line pays that invoice. */
export const BankLineAssignmentSchema = z.object({ bankLineId: z.string().min(1).max(200), invoiceNumber: InvoiceNumberSchema }).strict();

/** `POST /api/operator/bank-lines/ignore`: this line is not about an invoice. */
export const BankLineIgnoreSchema = z.object({ bankLineId: z.string().min(1).max(200) }).strict();
