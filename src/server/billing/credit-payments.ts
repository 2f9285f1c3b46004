/**
 * Paying invoices in the network's credits. When an organisation pays in credits (its billing
 * details say `automatic` or `by_request`), each open invoice reserves what is due in credits with
 * a pending ledger transfer from its trading account to the co-op's, which expires at the due date.
 * `automatic`: the sweep posts it during its last day. `by_request`: a person of the organisation
 * accepts it (all of it or part, the rest in money) from the invoice. Too few credits leave the
 * invoice open with the amount that was available; a suspended member's frozen account leaves it
 * open too. Money that settles the invoice releases the reservation.
 *
 * Every ledger transfer's id is derived from the invoice and its attempt number, so a sweep run
 * twice, or on two instances, moves credits once (the ledger's idempotency); each attempt is first
 * claimed by a guarded update of `credit_attempts`.
 */
import { createHash } from 'node:crypto';
import type { CreditPaymentMode } from '../../shared/invoices-api.js';
import type { Language } from '../../shared/languages.js';
import { type AccountId, type CurrencyCode, type Ledger, type TransferId, TransferIdSchema, type TransferResult } from '../ledger/index.js';
import { availableOf, type CreditAccounts } from '../network/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, type Result, success } from '../platform/outcome.js';
import { formatCredits } from './invoice-format.js';
import { type BillingDatabase, creditsStillDue } from './invoicing.js';
import type { BillingTables } from './migrations.js';
import { dayMs } from './periods.js';
import { recordPayment } from './settlement.js';
import { billingWords } from './words.js';

/** What paying in credits needs. */
export interface CreditPaymentsOptions {
  db: () => BillingDatabase;
  clock: Clock;
  ledger: Pick<Ledger, 'createTransfers' | 'findAccount' | 'findTransfer'>;
  creditAccounts: CreditAccounts;
  credit: { code: CurrencyCode; currencyName: string; scale: number };
}

type InvoiceRow = BillingTables['billing_invoices'];

export type CreditFailureCode =
  | 'idempotency_key_reused'
  | 'credits_unavailable'
  | 'insufficient_credit'
  | 'invoice_already_paid'
  | 'payment_exceeds_due'
  | 'invoice_not_found';

/** How long before its due date an automatic reservation is posted (it expires at the due date). */
export const automaticPostingWindowMs = dayMs;

export class CreditPayments {
  constructor(private readonly options: CreditPaymentsOptions) {}

  private get db(): BillingDatabase {
    return this.options.db();
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  /**
   * The sweep's work (for every organisation, or only `organisationId`): reserves credits for open invoices of organisations that pay in credits (and
   * tries again where there were too few), posts automatic reservations in their last day, and
   * notes reservations the ledger let expire. Returns how many invoices changed.
   */
  async sweep(organisationId?: string): Promise<number> {
    const now = this.now();
    let query = this.db
      .selectFrom('billing_invoices')
      .innerJoin('billing_profiles', 'billing_profiles.organisation_id', 'billing_invoices.organisation_id')
      .selectAll('billing_invoices')
      .select('billing_profiles.credit_payment')
      .where('billing_invoices.status', '=', 'open')
      .where('billing_profiles.credit_payment', '!=', 'off')
      .where('billing_invoices.credit_state', 'in', ['none', 'insufficient', 'unavailable', 'reserved']);
    // One organisation's invoices at once, when it has just been invoiced or chosen to pay in credits.
    if (organisationId !== undefined) query = query.where('billing_invoices.organisation_id', '=', organisationId);
    const rows = await query.execute();
    let changed = 0;
    for (const row of rows) {
      const mode = row.credit_payment as CreditPaymentMode;
      if (row.credit_state === 'reserved') {
        if (Number(row.due_at_ms) <= now) changed += (await this.noteExpired(row)) ? 1 : 0;
        else if (mode === 'automatic' && Number(row.due_at_ms) - now <= automaticPostingWindowMs) {
          changed += (await this.post(row, undefined, `automatic-${row.credit_attempts}`)).ok ? 1 : 0;
        }
      } else if (Number(row.due_at_ms) > now) {
        changed += (await this.reserve(row)) ? 1 : 0;
      }
    }
    return changed;
  }

  /** Reserves what is due in credits until the due date; false when another run claimed the attempt. */
  private async reserve(row: InvoiceRow): Promise<boolean> {
    const now = this.now();
    const due = creditsStillDue(
      BigInt(row.gross_minor),
      BigInt(row.credit_gross_minor),
      BigInt(row.paid_money_minor),
      BigInt(row.paid_credit_minor),
    );
    if (due === 0n) return false;
    const attempt = row.credit_attempts + 1;
    // The claim: the next attempt, and `reserving` so that no other run starts one meanwhile.
    const claimed = await this.db
      .updateTable('billing_invoices')
      .set({ credit_attempts: attempt, credit_state: 'reserving' })
      .where('id', '=', row.id)
      .where('credit_attempts', '=', row.credit_attempts)
      .where('credit_state', '=', row.credit_state)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    const parties = await this.parties(row.organisation_id);
    if (!parties) return this.setState(row.id, 'unavailable', { available: null });
    const pendingId = transferId(row.id, attempt, 'hold');
    const [result] = await this.options.ledger.createTransfers([
      {
        kind: 'pending',
        id: pendingId,
        debitAccountId: parties.payer,
        creditAccountId: parties.payee,
        amount: due,
        currency: this.options.credit.code,
        description: `Invoice ${row.number}`,
        reference: row.reference,
        timeoutMs: Number(row.due_at_ms) - now,
      },
    ]);
    if (result?.result === 'ok') return this.setState(row.id, 'reserved', { reserved: due, pendingId });
    if (result?.result === 'exceeds_credit_limit') {
      return this.setState(row.id, 'insufficient', { available: await this.availableTo(parties.payer) });
    }
    return this.setState(row.id, 'unavailable', { available: null });
  }

  /**
   * Posts an invoice's reservation: all of it, or `amount` of it (the rest then due in money; what
   * is not posted is released). Without a reservation (none, too few credits earlier, expired),
   * pays `amount` — or all that is due in credits — by a single transfer now, if the account has it.
   */
  async post(row: InvoiceRow, amount: bigint | undefined, key: string): Promise<Result<{ paid: boolean }, CreditFailureCode>> {
    const due = creditsStillDue(
      BigInt(row.gross_minor),
      BigInt(row.credit_gross_minor),
      BigInt(row.paid_money_minor),
      BigInt(row.paid_credit_minor),
    );
    if (row.status === 'paid' || due === 0n) {
      return failure('invoice_already_paid', billingWords.phrase('invoice_already_paid', { number: row.number }));
    }
    const paying = amount ?? due;
    if (paying > due) return failure('payment_exceeds_due', this.phraseOfDue(row.number, due));
    const parties = await this.parties(row.organisation_id);
    if (!parties) return failure('credits_unavailable', billingWords.phrase('credits_unavailable', { number: row.number }));
    // One transfer per click (or per automatic attempt), whichever way it pays: a repeated click finds it.
    const id = TransferIdSchema.parse(`bill-pay-${createHash('sha256').update(`${row.id}\n${key}`).digest('hex').slice(0, 48)}`);
    const earlier = await this.db.selectFrom('billing_payments').select('amount_minor').where('source_id', '=', id).executeTakeFirst();
    if (earlier) {
      // The same click again pays nothing more; the same key for another amount is a mistake.
      if (amount !== undefined && BigInt(earlier.amount_minor) !== amount)
        return failure('idempotency_key_reused', billingWords.phrase('credit_key_reused'));
      return success({ paid: false });
    }
    const reserved = row.credit_state === 'reserved' && row.credit_pending_id !== null && Number(row.due_at_ms) > this.now();
    const [result] = await this.options.ledger.createTransfers([
      reserved
        ? {
            kind: 'post_pending',
            id,
            pendingId: TransferIdSchema.parse(row.credit_pending_id),
            amount: paying,
            description: `Invoice ${row.number}`,
            reference: row.reference,
          }
        : {
            kind: 'single_phase',
            id,
            debitAccountId: parties.payer,
            creditAccountId: parties.payee,
            amount: paying,
            currency: this.options.credit.code,
            description: `Invoice ${row.number}`,
            reference: row.reference,
          },
    ]);
    // The same click, answered a moment ago by the other path: it is being recorded there.
    if (result?.result === 'exists_with_different_fields') {
      const existing = await this.options.ledger.findTransfer(id);
      if (amount !== undefined && existing && existing.transfer.amount !== amount)
        return failure('idempotency_key_reused', billingWords.phrase('credit_key_reused'));
      return success({ paid: false });
    }
    if (result?.result !== 'ok') return this.refusal(row, result, parties.payer, reserved);
    const recorded = await recordPayment(
      this.db,
      { invoiceId: row.id, kind: 'credits', amountMinor: paying, method: 'ledger', sourceId: id, recordedBy: null, note: '' },
      this.now(),
      { allowMore: true },
    );
    if (!recorded.ok) throw new Error(`credits moved for invoice ${row.number} but could not be recorded: ${recorded.code}`);
    await this.setState(row.id, 'posted', { reserved: 0n, pendingId: null });
    return success({ paid: recorded.value.paid });
  }

  /** Releases an invoice's reservation once money settled it. */
  async release(invoiceId: string): Promise<void> {
    const row = await this.db.selectFrom('billing_invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst();
    if (row?.credit_state !== 'reserved' || row.credit_pending_id === null) return;
    await this.options.ledger.createTransfers([
      {
        kind: 'void_pending',
        id: transferId(row.id, row.credit_attempts, 'void'),
        pendingId: TransferIdSchema.parse(row.credit_pending_id),
        description: `Invoice ${row.number} paid in money`,
        reference: row.reference,
      },
    ]);
    await this.setState(row.id, 'released', { reserved: 0n, pendingId: null });
  }

  /** A reservation past the due date: the ledger released it (or will); the invoice waits for another payment. */
  private async noteExpired(row: InvoiceRow): Promise<boolean> {
    return this.setState(row.id, 'released', { reserved: 0n, pendingId: null });
  }

  private async refusal(
    row: InvoiceRow,
    result: TransferResult | undefined,
    payer: AccountId,
    reserved: boolean,
  ): Promise<Result<never, CreditFailureCode>> {
    const code = result?.result;
    if (code === 'pending_transfer_expired') await this.noteExpired(row);
    if (code === 'exceeds_credit_limit' || code === 'pending_transfer_expired') {
      const available = await this.availableTo(payer);
      if (!reserved) await this.setState(row.id, 'insufficient', { available });
      return failure('insufficient_credit', {
        id: 'billing.credits_insufficient',
        in: (language: Language) =>
          billingWords.in(language, 'credits_insufficient', {
            number: row.number,
            available: formatCredits(available ?? 0n, this.options.credit.scale, this.options.credit.currencyName, language),
          }),
      });
    }
    return failure('credits_unavailable', billingWords.phrase('credits_unavailable', { number: row.number }));
  }

  private phraseOfDue(number: string, due: bigint) {
    return {
      id: 'billing.credits_exceed_due',
      in: (language: Language) =>
        billingWords.in(language, 'credits_exceed_due', {
          number,
          due: formatCredits(due, this.options.credit.scale, this.options.credit.currencyName, language),
        }),
    };
  }

  /** Whether the organisation has a trading account at all (approved once; it may be suspended now). */
  async hasAccount(organisationId: string): Promise<boolean> {
    return (await this.options.creditAccounts.accountOf(organisationId)) !== undefined;
  }

  /** Whether invoices of the organisation can be paid in credits now: it and the co-op have approved trading accounts. */
  async payable(organisationId: string): Promise<boolean> {
    return (await this.parties(organisationId)) !== undefined;
  }

  /** The organisation's approved trading account and the co-op's, or undefined when either is missing or not approved. */
  private async parties(organisationId: string): Promise<{ payer: AccountId; payee: AccountId } | undefined> {
    const [payer, payee] = await Promise.all([
      this.options.creditAccounts.accountOf(organisationId),
      this.options.creditAccounts.coOpAccount(),
    ]);
    if (!payer?.approved || !payee?.approved || payer.accountId === payee.accountId) return undefined;
    return { payer: payer.accountId, payee: payee.accountId };
  }

  private async availableTo(accountId: AccountId): Promise<bigint | null> {
    const account = await this.options.ledger.findAccount(accountId);
    const available = account ? availableOf(account) : null;
    return available === null ? null : available > 0n ? available : 0n;
  }

  private async setState(
    invoiceId: string,
    state: 'reserved' | 'insufficient' | 'unavailable' | 'posted' | 'released',
    values: { reserved?: bigint; pendingId?: TransferId | null; available?: bigint | null },
  ): Promise<boolean> {
    await this.db
      .updateTable('billing_invoices')
      .set({
        credit_state: state,
        ...(values.reserved !== undefined ? { credit_reserved_minor: values.reserved } : {}),
        ...(values.pendingId !== undefined ? { credit_pending_id: values.pendingId } : {}),
        ...(values.available !== undefined ? { credit_available_minor: values.available } : {}),
      })
      .where('id', '=', invoiceId)
      .execute();
    return true;
  }
}

/** The ledger transfer id of an invoice's attempt: its reservation (`hold`) or release (`void`). */
function transferId(invoiceId: string, attempt: number, step: 'hold' | 'void'): TransferId {
  return TransferIdSchema.parse(`bill-${invoiceId}-${attempt}-${step}`);
}
