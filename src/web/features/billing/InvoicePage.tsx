/**
 * `/orgs/:slug/invoices/:number`: one invoice as a document (it prints as one: `invoice.css` hides
 * the app's header and footer for print), how to pay it, what was paid and what is still due,
 * and — while it is open and credits can still pay it — paying in credits.
 */
import { Download, Printer } from 'lucide-preact';
import { useEffect, useState } from 'preact/hooks';
import { BillingProfileViewSchema, type InvoiceView, InvoiceViewSchema } from '../../../shared/invoices-api.js';
import { type CurrencyView, NetworkHomeViewSchema } from '../../../shared/network-api.js';
import { callApi } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import { Button, ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { defaultCreditCurrency } from './amounts.js';
import { CreditPaymentForm } from './CreditPaymentForm.js';
import { InvoiceDocument } from './InvoiceDocument.js';
import { InvoiceSettlement } from './InvoiceSettlement.js';
import './billing.css';
import './invoice.css';
import { t } from './messages.js';
import { billingApi, billingPages } from './paths.js';
import { billingRefusal } from './refusal.js';

export function InvoicePage({ slug, number }: { slug: string; number: string }) {
  usePageTitle(t('invoice.title', { number }));
  const session = useSession();
  const [invoice, setInvoice] = useState<InvoiceView | undefined>();
  const [currency, setCurrency] = useState<CurrencyView>(defaultCreditCurrency);
  const [error, setError] = useState<string | undefined>();
  // Only an approved trading member can pay in credits (unknown: the form is offered and the server decides).
  const [tradingMember, setTradingMember] = useState<boolean | undefined>();
  useEffect(() => {
    if (session.kind !== 'signed-in') return;
    callApi(InvoiceViewSchema, billingApi.invoice(slug, number)).then(setInvoice, (failure: unknown) => setError(billingRefusal(failure)));
    // The credit currency's name and decimals; without the network, its defaults.
    callApi(NetworkHomeViewSchema, '/api/network').then(
      (network) => setCurrency(network.currency),
      () => setCurrency(defaultCreditCurrency),
    );
    callApi(BillingProfileViewSchema, billingApi.profile(slug)).then(
      (view) => setTradingMember(view.tradingMember),
      () => setTradingMember(undefined),
    );
  }, [session.kind, slug, number]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  const payable = invoice !== undefined && invoice.status === 'open' && invoice.dueCreditMinor !== '0' && tradingMember !== false;
  return (
    <main class="page invoice-page">
      <nav class="invoice-actions" aria-label={t('invoice.title', { number })}>
        <Link href={billingPages.billing(slug)}>{t('invoice.back')}</Link>
        <span class="invoice-action-buttons">
          <a class="button" href={billingApi.pdf(slug, number)} download>
            <Download aria-hidden="true" />
            {t('invoice.download')}
          </a>
          {invoice && (
            <Button onClick={() => window.print()}>
              <Printer aria-hidden="true" />
              {t('invoice.print')}
            </Button>
          )}
        </span>
      </nav>
      {!invoice && <h1>{t('invoice.title', { number })}</h1>}
      <ErrorLine error={error} />
      {!invoice && !error && <p aria-live="polite">{t('invoice.loading')}</p>}
      {invoice && (
        <>
          <InvoiceDocument invoice={invoice} currency={currency} />
          <InvoiceSettlement invoice={invoice} currency={currency} />
          {payable && <CreditPaymentForm slug={slug} invoice={invoice} currency={currency} onPaid={setInvoice} />}
        </>
      )}
    </main>
  );
}
