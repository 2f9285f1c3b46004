/**
 * What an organisation's owners and admins see of its billing: its billing details (the name and
 * address its invoices carry, their language, how it pays in credits) and its invoices, as JSON
 * and as PDF. Other members of the organisation are refused (`role_required`); people outside it
 * are told there is no such organisation, so no one learns another's invoices exist.
 */
import type { BillingProfile, BillingProfileView, InvoicePayment, InvoiceSummary, InvoiceView } from '../../shared/invoices-api.js';
import { isLanguage } from '../../shared/languages.js';
import type { Membership, OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, success } from '../platform/outcome.js';
import type { CreditPayments } from './credit-payments.js';
import type { BillingResult } from './failures.js';
import type { InvoiceDocument } from './invoice-document.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { type BillingDatabase, creditsStillDue, invoiceDocument } from './invoicing.js';
import { billingWords } from './words.js';

/** What the invoices service needs. */
export interface InvoicesServiceOptions {
  db: () => BillingDatabase;
  clock: Clock;
  organisations: Pick<OrganisationsService, 'membership'>;
  /** The network's credits as invoices name them. */
  credit: { currencyName: string; scale: number };
  /** Paying in credits. */
  credits: CreditPayments;
  /** Whether the organisation is an approved trading member of the network (it can pay in credits). */
  isTradingMember: (organisationId: string) => Promise<boolean>;
}

const managers = ['owner', 'admin'];

type InvoiceRow = NonNullable<Awaited<ReturnType<typeof invoiceDocument>>>['row'];

export class InvoicesService {
  constructor(private readonly options: InvoicesServiceOptions) {}

  private get db(): BillingDatabase {
    return this.options.db();
  }

  /** The membership of an owner or admin of the organisation, or why not. */
  async managerOf(personId: string, slug: string): Promise<BillingResult<Membership>> {
    const membership = await this.options.organisations.membership(personId, slug);
    if (!membership) return failure('organisation_not_found', billingWords.phrase('organisation_not_found'));
    if (!managers.includes(membership.role))
      return failure('role_required', billingWords.phrase('billing_managers_only', { organisation: membership.name }));
    return success(membership);
  }

  /** The organisation's billing details (its name, English and no credits until someone sets them). */
  async profile(personId: string, slug: string): Promise<BillingResult<BillingProfileView>> {
    const manager = await this.managerOf(personId, slug);
    if (!manager.ok) return manager;
    return success(await this.profileView(manager.value));
  }

  private async profileView(membership: Membership): Promise<BillingProfileView> {
    const row = await this.db
      .selectFrom('billing_profiles')
      .selectAll()
      .where('organisation_id', '=', membership.organisationId)
      .executeTakeFirst();
    const tradingMember = await this.options.isTradingMember(membership.organisationId);
    const creditPayment = row?.credit_payment === 'automatic' || row?.credit_payment === 'by_request' ? row.credit_payment : 'off';
    return {
      profile: {
        legalName: row?.legal_name ?? membership.name,
        address: row?.address ?? '',
        taxId: row?.tax_id ?? '',
        email: row?.email ?? '',
        language: row && isLanguage(row.language) ? row.language : 'en',
        creditPayment,
      },
      tradingMember,
    };
  }

  /** Sets the billing details; paying in credits needs the organisation to be an approved trading member. */
  async setProfile(personId: string, slug: string, profile: BillingProfile): Promise<BillingResult<BillingProfileView>> {
    const manager = await this.managerOf(personId, slug);
    if (!manager.ok) return manager;
    const organisationId = manager.value.organisationId;
    if (profile.creditPayment !== 'off' && !(await this.options.isTradingMember(organisationId))) {
      return failure(
        'credits_need_trading_member',
        billingWords.phrase('credits_need_trading_member', { organisation: manager.value.name }),
      );
    }
    const values = {
      legal_name: profile.legalName,
      address: profile.address,
      tax_id: profile.taxId === '' ? null : profile.taxId,
      email: profile.email === '' ? null : profile.email,
      language: profile.language,
      credit_payment: profile.creditPayment,
      updated_at_ms: this.options.clock.nowMs(),
    };
    await this.db
      .insertInto('billing_profiles')
      .values({ organisation_id: organisationId, ...values })
      .onConflict((conflict) => conflict.column('organisation_id').doUpdateSet(values))
      .execute();
    // Paying in credits from now on: the open invoices reserve theirs at once.
    if (profile.creditPayment !== 'off') await this.options.credits.sweep(organisationId);
    return success(await this.profileView(manager.value));
  }

  /** The organisation's invoices, newest first. */
  async list(personId: string, slug: string): Promise<BillingResult<InvoiceSummary[]>> {
    const manager = await this.managerOf(personId, slug);
    if (!manager.ok) return manager;
    const rows = await this.db
      .selectFrom('billing_invoices')
      .select('id')
      .where('organisation_id', '=', manager.value.organisationId)
      .orderBy('year', 'desc')
      .orderBy('sequence', 'desc')
      .execute();
    const summaries: InvoiceSummary[] = [];
    for (const { id } of rows) {
      const found = await invoiceDocument(this.db, id, this.options.credit);
      if (found) summaries.push(this.summary(found.row, found.document));
    }
    return success(summaries);
  }

  /** One of the organisation's invoices, whole. */
  async invoice(personId: string, slug: string, number: string): Promise<BillingResult<InvoiceView>> {
    const found = await this.find(personId, slug, number);
    if (!found.ok) return found;
    const { row, document } = found.value;
    const payments = await this.db.selectFrom('billing_payments').selectAll().where('invoice_id', '=', row.id).orderBy('at_ms').execute();
    const minor = (value: bigint) => value.toString();
    return success({
      ...this.summary(row, document),
      language: document.language,
      seller: document.seller,
      buyer: document.buyer,
      lines: document.lines.map((line) => ({
        description: line.description,
        netMinor: minor(line.netMinor),
        taxRateBasisPoints: line.taxRateBasisPoints,
        taxMinor: minor(line.taxMinor),
        grossMinor: minor(line.grossMinor),
        creditGrossMinor: minor(line.creditGrossMinor),
      })),
      netMinor: minor(document.netMinor),
      taxMinor: minor(document.taxMinor),
      reference: document.reference,
      bank: document.bank,
      paidMoneyMinor: minor(document.settlement.paidMoneyMinor),
      paidCreditMinor: minor(document.settlement.paidCreditMinor),
      dueCreditMinor: minor(
        row.status === 'paid'
          ? 0n
          : creditsStillDue(
              document.grossMinor,
              document.credit?.grossMinor ?? 0n,
              document.settlement.paidMoneyMinor,
              document.settlement.paidCreditMinor,
            ),
      ),
      creditPayable: row.status === 'open' && (await this.options.credits.payable(row.organisation_id)),
      creditState: creditStateOf(row.credit_state),
      creditReservedMinor: minor(BigInt(row.credit_reserved_minor)),
      creditAvailableMinor: row.credit_available_minor === null ? null : minor(BigInt(row.credit_available_minor)),
      payments: payments.map(
        (payment): InvoicePayment => ({
          kind: payment.kind === 'credits' ? 'credits' : 'money',
          amountMinor: minor(BigInt(payment.amount_minor)),
          method: payment.method === 'bank_statement' || payment.method === 'ledger' ? payment.method : 'manual',
          note: payment.note,
          atMs: Number(payment.at_ms),
        }),
      ),
    });
  }

  /**
   * A person of the organisation pays an invoice in credits: its reservation is posted (all of it,
   * or `amountMinor` of it), or, without one, the credits are transferred now. `key` makes a
   * retried click pay once.
   */
  async payInCredits(
    personId: string,
    slug: string,
    number: string,
    amountMinor: bigint | undefined,
    key: string,
  ): Promise<BillingResult<InvoiceView>> {
    const found = await this.find(personId, slug, number);
    if (!found.ok) return found;
    const row = await this.db.selectFrom('billing_invoices').selectAll().where('id', '=', found.value.row.id).executeTakeFirstOrThrow();
    if (!(await this.options.credits.hasAccount(row.organisation_id))) {
      const organisation = (await this.options.organisations.membership(personId, slug))?.name ?? slug;
      return failure('credits_need_trading_member', billingWords.phrase('credits_need_trading_member', { organisation }));
    }
    const paid = await this.options.credits.post(row, amountMinor, key);
    if (!paid.ok) return paid;
    return this.invoice(personId, slug, number);
  }

  /** One of the organisation's invoices as a PDF, with its file name. */
  async pdf(personId: string, slug: string, number: string): Promise<BillingResult<{ fileName: string; content: Buffer }>> {
    const found = await this.find(personId, slug, number);
    if (!found.ok) return found;
    const content = await renderInvoicePdf(found.value.document);
    return success({ fileName: `invoice-${number}.pdf`, content });
  }

  private async find(
    personId: string,
    slug: string,
    number: string,
  ): Promise<BillingResult<{ row: InvoiceRow; document: InvoiceDocument }>> {
    const manager = await this.managerOf(personId, slug);
    if (!manager.ok) return manager;
    const row = await this.db
      .selectFrom('billing_invoices')
      .select('id')
      .where('organisation_id', '=', manager.value.organisationId)
      .where('number', '=', number)
      .executeTakeFirst();
    const found = row && (await invoiceDocument(this.db, row.id, this.options.credit));
    if (!found) return failure('invoice_not_found', billingWords.phrase('invoice_not_found', { number }));
    return success(found);
  }

  private summary(row: InvoiceRow, document: InvoiceDocument): InvoiceSummary {
    return {
      number: document.number,
      issuedAtMs: document.issuedAtMs,
      dueAtMs: document.dueAtMs,
      periodStartMs: document.periodStartMs,
      periodEndMs: document.periodEndMs,
      currency: document.currency,
      grossMinor: document.grossMinor.toString(),
      creditGrossMinor: (document.credit?.grossMinor ?? 0n).toString(),
      status: document.settlement.status,
      overdue: row.status === 'open' && document.dueAtMs < this.options.clock.nowMs(),
      dueMoneyMinor: document.settlement.dueMoneyMinor.toString(),
    };
  }
}

function creditStateOf(text: string): InvoiceView['creditState'] {
  switch (text) {
    case 'reserved':
    case 'insufficient':
    case 'unavailable':
    case 'posted':
    case 'released':
      return text;
    default:
      return 'none';
  }
}
