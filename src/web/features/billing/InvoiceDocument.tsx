/** The invoice as a document: the parties, its number and dates, the lines billed and the totals. */
import type { InvoiceView } from '../../../shared/invoices-api.js';
import type { CurrencyView } from '../../../shared/network-api.js';
import { credits, day, money, period, taxRate } from './amounts.js';
import { StatusBadge } from './InvoiceList.js';
import { t } from './messages.js';

export function InvoiceDocument({ invoice, currency }: { invoice: InvoiceView; currency: CurrencyView }) {
  return (
    <article class="invoice-document" aria-labelledby="invoice-heading">
      <header class="invoice-head">
        <h1 id="invoice-heading">
          {t('invoice.title', { number: invoice.number })} <StatusBadge invoice={invoice} />
        </h1>
        <dl class="invoice-facts">
          <dt>{t('invoice.number')}</dt>
          <dd>{invoice.number}</dd>
          <dt>{t('invoice.issued')}</dt>
          <dd>{day(invoice.issuedAtMs)}</dd>
          <dt>{t('invoice.due')}</dt>
          <dd>{day(invoice.dueAtMs)}</dd>
          <dt>{t('invoice.period')}</dt>
          <dd>{period(invoice.periodStartMs, invoice.periodEndMs)}</dd>
        </dl>
      </header>
      <div class="invoice-parties">
        <Party heading={t('invoice.seller')} party={invoice.seller} />
        <Party heading={t('invoice.buyer')} party={invoice.buyer} />
      </div>
      <InvoiceLines invoice={invoice} />
      <dl class="invoice-totals">
        <dt>{t('invoice.totalNet')}</dt>
        <dd>{money(invoice.netMinor, invoice.currency)}</dd>
        <dt>{t('invoice.totalTax')}</dt>
        <dd>{money(invoice.taxMinor, invoice.currency)}</dd>
        <dt class="grand">{t('invoice.totalGross')}</dt>
        <dd class="grand">{money(invoice.grossMinor, invoice.currency)}</dd>
        <dt>{t('invoice.creditPrice')}</dt>
        <dd>{credits(invoice.creditGrossMinor, currency)}</dd>
      </dl>
    </article>
  );
}

function Party({ heading, party }: { heading: string; party: InvoiceView['seller'] }) {
  return (
    <section class="invoice-party">
      <h2>{heading}</h2>
      <address>
        <strong>{party.name}</strong>
        {party.addressLines.map((line, index) => (
          <span key={index}>{line}</span>
        ))}
        {party.taxId && <span>{t('invoice.taxId', { taxId: party.taxId })}</span>}
        {party.email && <span>{party.email}</span>}
      </address>
    </section>
  );
}

function InvoiceLines({ invoice }: { invoice: InvoiceView }) {
  return (
    <div class="table-scroll">
      <table class="invoice-lines">
        <caption>{t('invoice.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoice.description')}</th>
            <th scope="col" class="number">
              {t('invoice.net')}
            </th>
            <th scope="col" class="number">
              {t('invoice.taxRate')}
            </th>
            <th scope="col" class="number">
              {t('invoice.tax')}
            </th>
            <th scope="col" class="number">
              {t('invoice.gross')}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, index) => (
            <tr key={index}>
              <td class="description">{line.description}</td>
              <td class="number" data-label={t('invoice.net')}>
                {money(line.netMinor, invoice.currency)}
              </td>
              <td class="number" data-label={t('invoice.taxRate')}>
                {taxRate(line.taxRateBasisPoints)}
              </td>
              <td class="number" data-label={t('invoice.tax')}>
                {money(line.taxMinor, invoice.currency)}
              </td>
              <td class="number" data-label={t('invoice.gross')}>
                {money(line.grossMinor, invoice.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
