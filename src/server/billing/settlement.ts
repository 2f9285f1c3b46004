/**
 * Paying an invoice: every payment, in money or in credits, by hand, from a bank statement or
 * from the ledger, goes through `recordPayment`, which writes the payment and the invoice's new
 * totals in one transaction, guarded by the totals it read (two payments at once are applied one
 * after the other, never over each other). A payment with a source (a bank statement line, a
 * ledger transfer) is recorded once however often it is offered. An invoice is paid when what was
 * paid in money and in credits together covers it (`moneyStillDue` is 0).
 */
import { nanoid } from 'nanoid';
import { failure, type Result, success } from '../platform/outcome.js';
import { formatMoney } from './invoice-format.js';
import { type BillingDatabase, moneyStillDue } from './invoicing.js';
import { billingWords } from './words.js';

/** A payment to record on an invoice. */
export interface PaymentInput {
  invoiceId: string;
  kind: 'money' | 'credits';
  /** Positive, in the minor units of the invoice's currency (money) or of the credits. */
  amountMinor: bigint;
  method: 'manual' | 'bank_statement' | 'ledger';
  /** The bank statement line or ledger transfer it comes from: each is recorded once. */
  sourceId: string | null;
  /** The person who recorded it (a treasurer's manual entry), when one did. */
  recordedBy: string | null;
  note: string;
}

/** What recording a payment did. */
export interface RecordedPayment {
  /** False when this source was recorded before (nothing changed). */
  recorded: boolean;
  /** The invoice is paid in full now. */
  paid: boolean;
  /** What is still due in money afterwards. */
  dueMoneyMinor: bigint;
}

export type SettlementFailureCode = 'invoice_not_found' | 'invoice_already_paid' | 'payment_exceeds_due';

/**
 * Records a payment on an invoice. `allowMore` accepts more than is due (money that arrived at the
 * bank is booked whatever its amount; a person typing an amount is held to what is due).
 */
export async function recordPayment(
  db: BillingDatabase,
  input: PaymentInput,
  nowMs: number,
  options: { allowMore?: boolean } = {},
  attempts = 5,
): Promise<Result<RecordedPayment, SettlementFailureCode>> {
  if (input.amountMinor <= 0n) throw new Error('a payment must be of a positive amount');
  if (attempts === 0) throw new Error(`invoice ${input.invoiceId} kept changing while a payment was recorded`);
  const invoice = await db.selectFrom('billing_invoices').selectAll().where('id', '=', input.invoiceId).executeTakeFirst();
  if (!invoice) return failure('invoice_not_found', billingWords.phrase('invoice_not_found', { number: input.invoiceId }));
  if (input.sourceId !== null) {
    const earlier = await db.selectFrom('billing_payments').select('id').where('source_id', '=', input.sourceId).executeTakeFirst();
    if (earlier) return success({ recorded: false, paid: invoice.status === 'paid', dueMoneyMinor: dueOf(invoice) });
  }
  if (invoice.status === 'paid' && !options.allowMore) {
    return failure('invoice_already_paid', billingWords.phrase('invoice_already_paid', { number: invoice.number }));
  }
  const gross = BigInt(invoice.gross_minor);
  const creditGross = BigInt(invoice.credit_gross_minor);
  const paidMoney = BigInt(invoice.paid_money_minor) + (input.kind === 'money' ? input.amountMinor : 0n);
  const paidCredit = BigInt(invoice.paid_credit_minor) + (input.kind === 'credits' ? input.amountMinor : 0n);
  if (!options.allowMore && input.kind === 'money' && input.amountMinor > dueOf(invoice)) {
    const due = dueOf(invoice);
    return failure('payment_exceeds_due', {
      id: 'billing.payment_exceeds_due',
      in: (language) =>
        billingWords.in(language, 'payment_exceeds_due', { number: invoice.number, due: formatMoney(due, invoice.currency, language) }),
    });
  }
  const dueMoneyMinor = moneyStillDue(gross, creditGross, paidMoney, paidCredit);
  const paid = dueMoneyMinor === 0n;
  const written = await db
    .transaction()
    .execute(async (transaction) => {
      const updated = await transaction
        .updateTable('billing_invoices')
        .set({
          paid_money_minor: paidMoney,
          paid_credit_minor: paidCredit,
          status: paid ? 'paid' : 'open',
          paid_at_ms: paid ? (invoice.paid_at_ms ?? nowMs) : null,
        })
        .where('id', '=', invoice.id)
        .where('paid_money_minor', '=', invoice.paid_money_minor)
        .where('paid_credit_minor', '=', invoice.paid_credit_minor)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      const inserted = await transaction
        .insertInto('billing_payments')
        .values({
          id: `payment_${nanoid(16)}`,
          invoice_id: invoice.id,
          kind: input.kind,
          amount_minor: input.amountMinor,
          method: input.method,
          source_id: input.sourceId,
          recorded_by: input.recordedBy,
          note: input.note,
          at_ms: nowMs,
        })
        .onConflict((conflict) => conflict.column('source_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new SourceRecordedMeanwhile();
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof SourceRecordedMeanwhile) return false;
      throw error;
    });
  if (!written) return recordPayment(db, input, nowMs, options, attempts - 1);
  return success({ recorded: true, paid, dueMoneyMinor });
}

/** Rolls back a transaction whose payment's source another one recorded first (then read again). */
class SourceRecordedMeanwhile extends Error {}

function dueOf(invoice: {
  status: string;
  gross_minor: unknown;
  credit_gross_minor: unknown;
  paid_money_minor: unknown;
  paid_credit_minor: unknown;
}): bigint {
  if (invoice.status === 'paid') return 0n;
  const amount = (value: unknown) => BigInt(value as bigint | number | string);
  return moneyStillDue(
    amount(invoice.gross_minor),
    amount(invoice.credit_gross_minor),
    amount(invoice.paid_money_minor),
    amount(invoice.paid_credit_minor),
  );
}
