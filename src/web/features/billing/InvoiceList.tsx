/** An organisation's invoices, newest as the server orders them: number, period, dates, total, status, and each one's PDF. */
import { Download } from 'lucide-preact';
import type { InvoiceSummary } from '../../../shared/invoices-api.js';
import { EmptyState, Link } from '../../ui/index.js';
import { money, period, shortDay } from './amounts.js';
import { t } from './messages.js';
import { billingApi, billingPages } from './paths.js';

export function InvoiceList({ slug, invoices }: { slug: string; invoices: InvoiceSummary[] }) {
  return (
    <section class="invoices" aria-labelledby="invoices-heading">
      <h2 id="invoices-heading">{t('invoices.heading')}</h2>
      {invoices.length === 0 ? (
        <EmptyState text={t('invoices.empty')} />
      ) : (
        <div class="table-scroll">
          <table class="invoice-list">
            <thead>
              <tr>
                <th scope="col">{t('invoices.number')}</th>
                <th scope="col">{t('invoices.period')}</th>
                <th scope="col">{t('invoices.issued')}</th>
                <th scope="col">{t('invoices.due')}</th>
                <th scope="col" class="number">
                  {t('invoices.gross')}
                </th>
                <th scope="col">{t('invoices.status')}</th>
                <th scope="col">{t('invoices.pdf')}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.number}>
                  <th scope="row">
                    <Link href={billingPages.invoice(slug, invoice.number)}>{invoice.number}</Link>
                  </th>
                  <td>{period(invoice.periodStartMs, invoice.periodEndMs, shortDay)}</td>
                  <td class="nowrap">{shortDay(invoice.issuedAtMs)}</td>
                  <td class="nowrap">{shortDay(invoice.dueAtMs)}</td>
                  <td class="number">{money(invoice.grossMinor, invoice.currency)}</td>
                  <td>
                    <StatusBadge invoice={invoice} />
                  </td>
                  <td>
                    <a href={billingApi.pdf(slug, invoice.number)} download aria-label={t('invoices.pdfOf', { number: invoice.number })}>
                      <Download size={18} aria-hidden="true" />
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Paid, Open or Overdue (open past its due date). */
export function StatusBadge({ invoice }: { invoice: Pick<InvoiceSummary, 'status' | 'overdue'> }) {
  const status = invoice.status === 'paid' ? 'paid' : invoice.overdue ? 'overdue' : 'open';
  return <span class={`invoice-status status-${status}`}>{t(`status.${status}`)}</span>;
}
