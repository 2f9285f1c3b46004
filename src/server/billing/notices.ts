/**
 * What billing tells people by email: each invoice when it is issued (with its PDF), reminders
 * at 7 and 14 days past the due date, and a price change to every subscriber of the plan. Each
 * invoice notice is claimed first by a guarded update (`emailed_at_ms`, `reminders_sent`), so a
 * sweep run twice, or on two instances, sends it once. Letters go to the organisation's invoice
 * email when it gave one, else to its owners and admins, each in their own language.
 */
import type { Plan } from '../../shared/billing-api.js';
import type { Language } from '../../shared/languages.js';
import type { Mailer } from '../email/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { formatCredits, formatDate, formatMoney } from './invoice-format.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { type BillingDatabase, invoiceDocument } from './invoicing.js';
import { dayMs } from './periods.js';
import { billingWords } from './words.js';

/** What billing's notices need. */
export interface BillingNoticesOptions {
  db: () => BillingDatabase;
  clock: Clock;
  mailer: Pick<Mailer, 'sendLetter'>;
  organisations: Pick<OrganisationsService, 'peopleWithRoles' | 'organisation'>;
  /** An absolute link to a path of the site. */
  link: (path: string) => string;
  credit: { currencyName: string; scale: number };
}

/** Days past the due date at which each reminder goes: the first at 7, the second at 14. */
export const reminderDays = [7, 14] as const;

export class BillingNotices {
  constructor(private readonly options: BillingNoticesOptions) {}

  private get db(): BillingDatabase {
    return this.options.db();
  }

  /** Sends what is due: new invoices, then reminders. Returns how many letters went. */
  async send(): Promise<number> {
    return (await this.sendNewInvoices()) + (await this.sendReminders());
  }

  private async sendNewInvoices(): Promise<number> {
    const now = this.options.clock.nowMs();
    const rows = await this.db.selectFrom('billing_invoices').select(['id']).where('emailed_at_ms', 'is', null).limit(200).execute();
    let sent = 0;
    for (const { id } of rows) {
      const claimed = await this.db
        .updateTable('billing_invoices')
        .set({ emailed_at_ms: now })
        .where('id', '=', id)
        .where('emailed_at_ms', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      sent += await this.sendInvoice(id, 'issued');
    }
    return sent;
  }

  private async sendReminders(): Promise<number> {
    const now = this.options.clock.nowMs();
    let sent = 0;
    for (const [index, days] of reminderDays.entries()) {
      const rows = await this.db
        .selectFrom('billing_invoices')
        .select(['id'])
        .where('status', '=', 'open')
        .where('reminders_sent', '=', index)
        .where('due_at_ms', '<=', now - days * dayMs)
        .limit(200)
        .execute();
      for (const { id } of rows) {
        const claimed = await this.db
          .updateTable('billing_invoices')
          .set({ reminders_sent: index + 1 })
          .where('id', '=', id)
          .where('reminders_sent', '=', index)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        sent += await this.sendInvoice(id, 'reminder');
      }
    }
    return sent;
  }

  /** Writes to each recipient of the organisation about one invoice, its PDF attached. */
  private async sendInvoice(invoiceId: string, kind: 'issued' | 'reminder'): Promise<number> {
    const found = await invoiceDocument(this.db, invoiceId, this.options.credit);
    if (!found) return 0;
    const { row, document } = found;
    const organisation = await this.options.organisations.organisation(row.organisation_id);
    if (!organisation) return 0;
    const pdf = await renderInvoicePdf(document);
    const link = this.options.link(`/orgs/${organisation.slug}/invoices/${document.number}`);
    const due = document.settlement.dueMoneyMinor;
    const parameters = (language: Language) => ({
      number: document.number,
      organisation: organisation.name,
      amount: formatMoney(kind === 'issued' ? document.grossMinor : due, document.currency, language),
      credits: document.credit
        ? formatCredits(document.credit.grossMinor, this.options.credit.scale, this.options.credit.currencyName, language)
        : 'none',
      dueDate: formatDate(document.dueAtMs, language),
      reference: document.reference,
      link,
    });
    const recipients = await this.recipientsOf(row.organisation_id);
    for (const to of recipients) {
      await this.options.mailer.sendLetter({
        to,
        language: document.language,
        write: (language) => ({
          subject: billingWords.in(
            language,
            kind === 'issued' ? 'invoice_issued_subject' : 'invoice_reminder_subject',
            parameters(language),
          ),
          text: billingWords.in(language, kind === 'issued' ? 'invoice_issued_text' : 'invoice_reminder_text', parameters(language)),
        }),
        attachments: [{ filename: `invoice-${document.number}.pdf`, contentType: 'application/pdf', content: pdf }],
      });
    }
    return recipients.length;
  }

  /** Tells every subscriber of `plan` its new price, from their next period. */
  async announcePriceChange(before: Plan, after: Plan): Promise<number> {
    const rows = await this.db
      .selectFrom('billing_subscriptions')
      .select(['organisation_id', 'period_end_ms'])
      .where((where) => where.or([where('plan_id', '=', after.id), where('next_plan_id', '=', after.id)]))
      .execute();
    let sent = 0;
    for (const row of rows) {
      const organisation = await this.options.organisations.organisation(row.organisation_id);
      if (!organisation) continue;
      const parameters = (language: Language) => ({
        plan: after.name,
        organisation: organisation.name,
        before: formatMoney(before.moneyPriceMinor, 'EUR', language),
        after: formatMoney(after.moneyPriceMinor, 'EUR', language),
        creditsBefore: formatCredits(before.creditPriceMinor, this.options.credit.scale, this.options.credit.currencyName, language),
        creditsAfter: formatCredits(after.creditPriceMinor, this.options.credit.scale, this.options.credit.currencyName, language),
        from: formatDate(Number(row.period_end_ms), language),
        link: this.options.link(`/orgs/${organisation.slug}`),
      });
      for (const to of await this.recipientsOf(row.organisation_id)) {
        await this.options.mailer.sendLetter({
          to,
          write: (language) => ({
            subject: billingWords.in(language, 'price_change_subject', parameters(language)),
            text: billingWords.in(language, 'price_change_text', parameters(language)),
          }),
        });
        sent += 1;
      }
    }
    return sent;
  }

  /** The organisation's invoice email, or else its owners' and admins' emails. */
  private async recipientsOf(organisationId: string): Promise<string[]> {
    const profile = await this.db
      .selectFrom('billing_profiles')
      .select('email')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (profile?.email) return [profile.email];
    return (await this.options.organisations.peopleWithRoles(organisationId, ['owner', 'admin'])).map((person) => person.email);
  }
}
