/**
 * The treasurer's side of money payments — the bank-transfer `PaymentProvider`: every invoice
 * carries an RF creditor reference; payments are recorded by hand (in part too) or read from the
 * bank's statement (CSV or ISO 20022 camt.053), each line matched to the invoice whose reference
 * it quotes. A line that names no known invoice, or in another currency, waits for a person to
 * assign or ignore it. Every line is booked once, however often its statement is imported (its
 * bank id is the payment's source). Money that settles an invoice releases its credit reservation.
 */
import type { Clock } from '../platform/clock.js';
import { failure, type Result, success } from '../platform/outcome.js';
import type { CreditPayments } from './credit-payments.js';
import { type BillingDatabase, moneyStillDue } from './invoicing.js';
import { type PaymentInput, recordPayment } from './settlement.js';
import { type BankStatementLine, parseBankStatement, type StatementProblemCode } from './statements/index.js';
import { billingWords } from './words.js';

/**
 * How money reaches the co-op. Bank transfer is the one provider; card providers would implement
 * the same interface (start a payment for an invoice, tell when it is paid) and record through
 * `recordPayment` like it does.
 */
export interface PaymentProvider {
  /** A stable name (`bank_transfer`). */
  readonly name: string;
  /** What a member needs to pay an invoice this way (for bank transfer: the account and the reference, printed on the invoice). */
  instructionsFor(invoice: { reference: string; dueMoneyMinor: bigint; currency: string }): Record<string, string>;
}

/** What the import of one statement did. */
export interface StatementImport {
  lines: number;
  matched: number;
  alreadyImported: number;
  unmatched: number;
  /** Money going out (the co-op's own payments): not about invoices, skipped. */
  debitsSkipped: number;
}

export type TreasuryFailureCode =
  | 'invoice_not_found'
  | 'invoice_already_paid'
  | 'payment_exceeds_due'
  | 'currency_mismatch'
  | 'bank_line_not_found'
  | StatementProblemCode;

/** An open or paid invoice as the treasurer lists it. */
export interface TreasuryInvoice {
  number: string;
  organisationName: string;
  issuedAtMs: number;
  dueAtMs: number;
  currency: string;
  grossMinor: bigint;
  dueMoneyMinor: bigint;
  status: 'open' | 'paid';
  /** Open past its due date. */
  overdue: boolean;
  reference: string;
}

export class Treasury implements PaymentProvider {
  readonly name = 'bank_transfer';

  constructor(
    private readonly options: {
      db: () => BillingDatabase;
      clock: Clock;
      credits: CreditPayments;
      bank: { iban: string; bic: string | null; holder: string } | null;
    },
  ) {}

  private get db(): BillingDatabase {
    return this.options.db();
  }

  instructionsFor(invoice: { reference: string; dueMoneyMinor: bigint; currency: string }): Record<string, string> {
    const bank = this.options.bank;
    if (!bank) return {};
    return {
      holder: bank.holder,
      iban: bank.iban,
      ...(bank.bic ? { bic: bank.bic } : {}),
      reference: invoice.reference,
      amount: `${invoice.currency} ${invoice.dueMoneyMinor}`,
    };
  }

  /** Invoices, open ones first (oldest due first), then paid ones (newest first); at most `count`. */
  async invoices(status: 'open' | 'paid', count: number): Promise<TreasuryInvoice[]> {
    const rows = await this.db
      .selectFrom('billing_invoices')
      .selectAll()
      .where('status', '=', status)
      .orderBy('due_at_ms', status === 'open' ? 'asc' : 'desc')
      .limit(count)
      .execute();
    return rows.map((row) => ({
      number: row.number,
      organisationName: (JSON.parse(row.buyer_json) as { name: string }).name,
      issuedAtMs: Number(row.issued_at_ms),
      dueAtMs: Number(row.due_at_ms),
      currency: row.currency,
      grossMinor: BigInt(row.gross_minor),
      dueMoneyMinor:
        row.status === 'paid'
          ? 0n
          : moneyStillDue(
              BigInt(row.gross_minor),
              BigInt(row.credit_gross_minor),
              BigInt(row.paid_money_minor),
              BigInt(row.paid_credit_minor),
            ),
      status: row.status === 'paid' ? 'paid' : 'open',
      overdue: row.status === 'open' && Number(row.due_at_ms) < this.options.clock.nowMs(),
      reference: row.reference,
    }));
  }

  /** A payment the treasurer saw arrive, recorded by hand: at most what is due, in the invoice's currency. */
  async recordByHand(
    personId: string,
    number: string,
    payment: { amountMinor: bigint; currency: string; note: string },
  ): Promise<Result<{ paid: boolean; dueMoneyMinor: bigint }, TreasuryFailureCode>> {
    const invoice = await this.db.selectFrom('billing_invoices').select(['id', 'currency']).where('number', '=', number).executeTakeFirst();
    if (!invoice) return failure('invoice_not_found', billingWords.phrase('invoice_number_not_found', { number }));
    if (invoice.currency !== payment.currency) {
      return failure('currency_mismatch', billingWords.phrase('currency_mismatch', { number, currency: invoice.currency }));
    }
    return this.record({
      invoiceId: invoice.id,
      kind: 'money',
      amountMinor: payment.amountMinor,
      method: 'manual',
      sourceId: null,
      recordedBy: personId,
      note: payment.note,
    });
  }

  /** Imports a bank statement: each incoming line quoting an invoice's reference pays it; the others wait for a person. */
  async importStatement(content: Buffer, fileName: string | undefined): Promise<Result<StatementImport, TreasuryFailureCode>> {
    const parsed = parseBankStatement(content, fileName);
    if (!parsed.ok)
      return failure(parsed.code, parsed.lineNumber === undefined ? parsed.message : `${parsed.message} (line ${parsed.lineNumber})`);
    const outcome: StatementImport = { lines: parsed.lines.length, matched: 0, alreadyImported: 0, unmatched: 0, debitsSkipped: 0 };
    for (const line of parsed.lines) {
      if (line.direction === 'debit') {
        outcome.debitsSkipped += 1;
        continue;
      }
      const invoice = line.reference
        ? await this.db.selectFrom('billing_invoices').select(['id', 'currency']).where('reference', '=', line.reference).executeTakeFirst()
        : undefined;
      if (invoice && invoice.currency === line.currency) {
        const recorded = await this.record(this.paymentOf(line, invoice.id), { allowMore: true });
        if (recorded.ok && !recorded.value.recorded) outcome.alreadyImported += 1;
        else outcome.matched += 1;
        continue;
      }
      const kept = await this.keepUnmatched(line);
      if (kept) outcome.unmatched += 1;
      else outcome.alreadyImported += 1;
    }
    return success(outcome);
  }

  /** The statement lines no invoice matched, waiting for a person, oldest first. */
  async unmatchedLines(): Promise<
    {
      bankLineId: string;
      bookedOn: string;
      amountMinor: bigint;
      currency: string;
      reference: string | null;
      remittance: string;
      counterpartyName: string | null;
    }[]
  > {
    const rows = await this.db
      .selectFrom('billing_bank_lines')
      .selectAll()
      .where('status', '=', 'unmatched')
      .orderBy('booked_on')
      .execute();
    return rows.map((row) => ({
      bankLineId: row.bank_line_id,
      bookedOn: row.booked_on,
      amountMinor: BigInt(row.amount_minor),
      currency: row.currency,
      reference: row.reference,
      remittance: row.remittance,
      counterpartyName: row.counterparty_name,
    }));
  }

  /** A person assigns an unmatched line to an invoice (in its currency): it pays it, once. */
  async assignLine(
    personId: string,
    bankLineId: string,
    number: string,
  ): Promise<Result<{ paid: boolean; dueMoneyMinor: bigint }, TreasuryFailureCode>> {
    const line = await this.db.selectFrom('billing_bank_lines').selectAll().where('bank_line_id', '=', bankLineId).executeTakeFirst();
    if (line?.status !== 'unmatched') return failure('bank_line_not_found', billingWords.phrase('bank_line_not_found'));
    const invoice = await this.db.selectFrom('billing_invoices').select(['id', 'currency']).where('number', '=', number).executeTakeFirst();
    if (!invoice) return failure('invoice_not_found', billingWords.phrase('invoice_number_not_found', { number }));
    if (invoice.currency !== line.currency) {
      return failure('currency_mismatch', billingWords.phrase('currency_mismatch', { number, currency: invoice.currency }));
    }
    const recorded = await this.record(
      {
        invoiceId: invoice.id,
        kind: 'money',
        amountMinor: BigInt(line.amount_minor),
        method: 'bank_statement',
        sourceId: `bank:${bankLineId}`,
        recordedBy: personId,
        note: line.remittance,
      },
      { allowMore: true },
    );
    if (!recorded.ok) return recorded;
    await this.db
      .updateTable('billing_bank_lines')
      .set({ status: 'assigned', invoice_id: invoice.id })
      .where('bank_line_id', '=', bankLineId)
      .where('status', '=', 'unmatched')
      .execute();
    return success({ paid: recorded.value.paid, dueMoneyMinor: recorded.value.dueMoneyMinor });
  }

  /** A person sets an unmatched line aside (not about an invoice: a donation, a refund). */
  async ignoreLine(bankLineId: string): Promise<Result<void, TreasuryFailureCode>> {
    const updated = await this.db
      .updateTable('billing_bank_lines')
      .set({ status: 'ignored' })
      .where('bank_line_id', '=', bankLineId)
      .where('status', '=', 'unmatched')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return failure('bank_line_not_found', billingWords.phrase('bank_line_not_found'));
    return success(undefined);
  }

  private paymentOf(line: BankStatementLine, invoiceId: string): PaymentInput {
    return {
      invoiceId,
      kind: 'money',
      amountMinor: line.amountMinor,
      method: 'bank_statement',
      sourceId: `bank:${line.bankLineId}`,
      recordedBy: null,
      note: [line.counterpartyName, line.remittance].filter(Boolean).join(' — ').slice(0, 200),
    };
  }

  /** Keeps a line for a person; false when it was kept (or booked) before. */
  private async keepUnmatched(line: BankStatementLine): Promise<boolean> {
    const booked = await this.db
      .selectFrom('billing_payments')
      .select('id')
      .where('source_id', '=', `bank:${line.bankLineId}`)
      .executeTakeFirst();
    if (booked) return false;
    const inserted = await this.db
      .insertInto('billing_bank_lines')
      .values({
        bank_line_id: line.bankLineId,
        booked_on: line.bookedOn,
        amount_minor: line.amountMinor,
        currency: line.currency,
        reference: line.reference,
        remittance: line.remittance,
        counterparty_name: line.counterpartyName,
        status: 'unmatched',
        invoice_id: null,
        imported_at_ms: this.options.clock.nowMs(),
      })
      .onConflict((conflict) => conflict.column('bank_line_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Records a payment; when it settles the invoice, its credit reservation is released. */
  private async record(input: PaymentInput, options: { allowMore?: boolean } = {}) {
    const recorded = await recordPayment(this.db, input, this.options.clock.nowMs(), options);
    if (recorded.ok && recorded.value.paid) await this.options.credits.release(input.invoiceId);
    return recorded;
  }
}
