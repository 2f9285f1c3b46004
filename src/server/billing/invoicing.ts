/**
 * Invoices: one for each period an organisation pays for, issued in the very transaction that
 * starts the period (a first subscription, or a rollover guarded by the old period's end), so a
 * scheduler run twice, or on two instances at once, issues it once; and the unique
 * (organisation, period start) says so again in the database. Numbers are gap-free per year: the
 * year's counter is taken in the same transaction, so a transaction that fails takes no number.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { nanoid } from 'nanoid';
import type { Plan } from '../../shared/billing-api.js';
import { isLanguage, type Language } from '../../shared/languages.js';
import type { Config } from '../config/index.js';
import type { Database } from '../storage/schema.js';
import { creditorReference } from './creditor-reference.js';
import type { BankAccount, InvoiceDocument, InvoiceLine, InvoiceParty } from './invoice-document.js';
import { formatDate } from './invoice-format.js';
import type { BillingTables } from './migrations.js';
import { dayMs } from './periods.js';
import { billingWords } from './words.js';

/** The database as billing sees it. */
export type BillingDatabase = Kysely<Database & BillingTables>;
type BillingTransaction = Transaction<Database & BillingTables>;

/** The co-op as its invoices name it, with the bank account money goes to. */
export interface Seller {
  party: InvoiceParty;
  bank: BankAccount | null;
}

/** The period an invoice bills, the plan in force and its price for that period. */
export interface BilledPeriod {
  organisationId: string;
  organisationName: string;
  plan: Plan;
  periodStartMs: number;
  periodEndMs: number;
}

/** How invoices are made: who sells, in which currency, and when they fall due. */
export interface InvoiceTerms {
  seller: Seller;
  /** ISO 4217 code of the money prices. Default `EUR`. */
  currency: string;
  /** Days from issue to due date. */
  dueDays: number;
  /** Days past the due date before an unpaid invoice brings its organisation to Free's limits. */
  graceDays: number;
}

/** The invoice terms a configuration sets: the co-op's details and bank account, euros, due in `INVOICE_DUE_DAYS`. */
export function invoiceTermsOf(
  config: Pick<
    Config,
    | 'COOP_NAME'
    | 'COOP_ADDRESS'
    | 'COOP_TAX_ID'
    | 'COOP_BILLING_EMAIL'
    | 'COOP_IBAN'
    | 'COOP_BIC'
    | 'INVOICE_DUE_DAYS'
    | 'BILLING_GRACE_DAYS'
  >,
): InvoiceTerms {
  return {
    seller: {
      party: {
        name: config.COOP_NAME,
        addressLines: config.COOP_ADDRESS,
        taxId: config.COOP_TAX_ID ?? null,
        email: config.COOP_BILLING_EMAIL ?? null,
      },
      bank: config.COOP_IBAN ? { holder: config.COOP_NAME, iban: config.COOP_IBAN, bic: config.COOP_BIC ?? null } : null,
    },
    currency: 'EUR',
    dueDays: config.INVOICE_DUE_DAYS,
    graceDays: config.BILLING_GRACE_DAYS,
  };
}

/** `net` × `basisPoints` / 10,000, rounded half up, in minor units. */
export function taxOn(net: bigint, basisPoints: number): bigint {
  return (net * BigInt(basisPoints) * 2n + 10_000n) / 20_000n;
}

/** An invoice number: the year, then its place in the year on six digits (`2027-000042`). */
export function invoiceNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Issues the invoice of `period` inside `transaction` (which has just started the period), with
 * the upgrades no invoice carries yet. Nothing is issued when there is nothing to pay. Returns the
 * new invoice's id.
 */
export async function issueInvoice(
  transaction: BillingTransaction,
  period: BilledPeriod,
  terms: InvoiceTerms,
  nowMs: number,
): Promise<string | undefined> {
  const profile = await transaction
    .selectFrom('billing_profiles')
    .selectAll()
    .where('organisation_id', '=', period.organisationId)
    .executeTakeFirst();
  const language: Language = profile && isLanguage(profile.language) ? profile.language : 'en';
  const lines = await linesOf(transaction, period, language);
  if (lines.every((line) => line.grossMinor === 0n && line.creditGrossMinor === 0n)) return undefined;
  const year = new Date(nowMs).getUTCFullYear();
  const { last_sequence: sequence } = await transaction
    .insertInto('billing_invoice_numbers')
    .values({ year, last_sequence: 1 })
    .onConflict((conflict) =>
      conflict.column('year').doUpdateSet({ last_sequence: sql<number>`billing_invoice_numbers.last_sequence + 1` }),
    )
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  const id = `invoice_${nanoid(16)}`;
  const sum = (pick: (line: InvoiceLine) => bigint) => lines.reduce((total, line) => total + pick(line), 0n);
  const buyer: InvoiceParty = {
    name: profile?.legal_name ?? period.organisationName,
    addressLines: profile?.address ? profile.address.split('\n') : [],
    taxId: profile?.tax_id ?? null,
    email: profile?.email ?? null,
  };
  await transaction
    .insertInto('billing_invoices')
    .values({
      id,
      organisation_id: period.organisationId,
      number: invoiceNumber(year, sequence),
      year,
      sequence,
      plan_id: period.plan.id,
      period_start_ms: period.periodStartMs,
      period_end_ms: period.periodEndMs,
      issued_at_ms: nowMs,
      due_at_ms: nowMs + terms.dueDays * dayMs,
      language,
      currency: terms.currency,
      net_minor: sum((line) => line.netMinor),
      tax_minor: sum((line) => line.taxMinor),
      gross_minor: sum((line) => line.grossMinor),
      credit_gross_minor: sum((line) => line.creditGrossMinor),
      reference: creditorReference(`${year}${String(sequence).padStart(6, '0')}`),
      seller_json: JSON.stringify(terms.seller),
      buyer_json: JSON.stringify(buyer),
      status: 'open',
      paid_money_minor: 0n,
      paid_credit_minor: 0n,
      paid_at_ms: null,
      credit_state: 'none',
      credit_reserved_minor: 0n,
      credit_pending_id: null,
      credit_attempts: 0,
      credit_available_minor: null,
      emailed_at_ms: null,
      reminders_sent: 0,
    })
    .execute();
  await transaction
    .insertInto('billing_invoice_lines')
    .values(
      lines.map((line, position) => ({
        invoice_id: id,
        position,
        description: line.description,
        net_minor: line.netMinor,
        tax_rate_basis_points: line.taxRateBasisPoints,
        tax_minor: line.taxMinor,
        gross_minor: line.grossMinor,
        credit_gross_minor: line.creditGrossMinor,
      })),
    )
    .execute();
  await transaction
    .updateTable('billing_adjustments')
    .set({ invoice_id: id })
    .where('organisation_id', '=', period.organisationId)
    .where('invoice_id', 'is', null)
    .execute();
  return id;
}

/** The lines of a period's invoice: the plan for the period, then each upgrade not yet invoiced. */
async function linesOf(transaction: BillingTransaction, period: BilledPeriod, language: Language): Promise<InvoiceLine[]> {
  const { plan } = period;
  const line = (description: string, netMinor: bigint, creditNetMinor: bigint, basisPoints: number): InvoiceLine => {
    const taxMinor = taxOn(netMinor, basisPoints);
    return {
      description,
      netMinor,
      taxRateBasisPoints: basisPoints,
      taxMinor,
      grossMinor: netMinor + taxMinor,
      creditGrossMinor: creditNetMinor + taxOn(creditNetMinor, basisPoints),
    };
  };
  const lines: InvoiceLine[] = [];
  if (plan.moneyPriceMinor > 0n || plan.creditPriceMinor > 0n) {
    const description = billingWords.in(language, 'invoice_plan_line', {
      plan: plan.name,
      from: formatDate(period.periodStartMs, language),
      to: formatDate(period.periodEndMs, language),
    });
    lines.push(line(description, plan.moneyPriceMinor, plan.creditPriceMinor, plan.taxRateBasisPoints));
  }
  const adjustments = await transaction
    .selectFrom('billing_adjustments')
    .innerJoin('billing_plans as from_plan', 'from_plan.id', 'billing_adjustments.from_plan_id')
    .innerJoin('billing_plans as to_plan', 'to_plan.id', 'billing_adjustments.to_plan_id')
    .select([
      'billing_adjustments.days',
      'billing_adjustments.period_days',
      'billing_adjustments.money_minor',
      'billing_adjustments.credit_minor',
      'billing_adjustments.at_ms',
      'from_plan.name as from_name',
      'to_plan.name as to_name',
      'to_plan.tax_rate_basis_points',
    ])
    .where('billing_adjustments.organisation_id', '=', period.organisationId)
    .where('billing_adjustments.invoice_id', 'is', null)
    .orderBy('billing_adjustments.at_ms')
    .execute();
  for (const adjustment of adjustments) {
    const description = billingWords.in(language, 'invoice_upgrade_line', {
      from: adjustment.from_name,
      to: adjustment.to_name,
      days: adjustment.days,
      periodDays: adjustment.period_days,
      on: formatDate(Number(adjustment.at_ms), language),
    });
    lines.push(line(description, BigInt(adjustment.money_minor), BigInt(adjustment.credit_minor), adjustment.tax_rate_basis_points));
  }
  return lines;
}

/** An invoice row with its lines, as a document to show, print or send. */
export async function invoiceDocument(db: BillingDatabase, invoiceId: string, credit: { currencyName: string; scale: number }) {
  const row = await db.selectFrom('billing_invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst();
  if (!row) return undefined;
  const lines = await db.selectFrom('billing_invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('position').execute();
  const seller = JSON.parse(row.seller_json) as Seller;
  const grossMinor = BigInt(row.gross_minor);
  const creditGrossMinor = BigInt(row.credit_gross_minor);
  const paidMoneyMinor = BigInt(row.paid_money_minor);
  const paidCreditMinor = BigInt(row.paid_credit_minor);
  const document: InvoiceDocument = {
    number: row.number,
    language: isLanguage(row.language) ? row.language : 'en',
    issuedAtMs: Number(row.issued_at_ms),
    dueAtMs: Number(row.due_at_ms),
    periodStartMs: Number(row.period_start_ms),
    periodEndMs: Number(row.period_end_ms),
    seller: seller.party,
    buyer: JSON.parse(row.buyer_json) as InvoiceParty,
    currency: row.currency,
    lines: lines.map((line) => ({
      description: line.description,
      netMinor: BigInt(line.net_minor),
      taxRateBasisPoints: line.tax_rate_basis_points,
      taxMinor: BigInt(line.tax_minor),
      grossMinor: BigInt(line.gross_minor),
      creditGrossMinor: BigInt(line.credit_gross_minor),
    })),
    netMinor: BigInt(row.net_minor),
    taxMinor: BigInt(row.tax_minor),
    grossMinor,
    credit: creditGrossMinor > 0n ? { ...credit, grossMinor: creditGrossMinor } : null,
    reference: row.reference,
    bank: seller.bank,
    settlement: {
      status: row.status === 'paid' ? 'paid' : 'open',
      paidMoneyMinor,
      paidCreditMinor,
      dueMoneyMinor: row.status === 'paid' ? 0n : moneyStillDue(grossMinor, creditGrossMinor, paidMoneyMinor, paidCreditMinor),
    },
  };
  return { row, document };
}

/**
 * What is left to pay in money after what was paid in money and in credits: the credits paid
 * settle their share of the invoice (`paidCredit / creditGross` of it), the rest is due in money,
 * rounded up to the minor unit.
 */
export function moneyStillDue(grossMinor: bigint, creditGrossMinor: bigint, paidMoneyMinor: bigint, paidCreditMinor: bigint): bigint {
  const settledByCredits =
    creditGrossMinor > 0n ? (paidCreditMinor >= creditGrossMinor ? grossMinor : (paidCreditMinor * grossMinor) / creditGrossMinor) : 0n;
  const due = grossMinor - settledByCredits - paidMoneyMinor;
  return due > 0n ? due : 0n;
}

/** What is left to pay in credits after what was paid, in the same way (0 when the invoice has no credit price). */
export function creditsStillDue(grossMinor: bigint, creditGrossMinor: bigint, paidMoneyMinor: bigint, paidCreditMinor: bigint): bigint {
  if (creditGrossMinor === 0n || grossMinor === 0n) return 0n;
  const settledByMoney = paidMoneyMinor >= grossMinor ? creditGrossMinor : (paidMoneyMinor * creditGrossMinor) / grossMinor;
  const due = creditGrossMinor - settledByMoney - paidCreditMinor;
  return due > 0n ? due : 0n;
}
