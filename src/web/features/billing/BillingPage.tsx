/** `/orgs/:slug/billing`: an organisation's billing details and its invoices (its owners and admins only). */
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import {
  type BillingProfileView,
  BillingProfileViewSchema,
  type InvoiceSummary,
  InvoiceSummarySchema,
} from '../../../shared/invoices-api.js';
import { callApi } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import { ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { BillingDetailsForm } from './BillingDetailsForm.js';
import './billing.css';
import { InvoiceList } from './InvoiceList.js';
import { t } from './messages.js';
import { billingApi, billingPages } from './paths.js';
import { billingRefusal } from './refusal.js';
import { UsagePanel } from './UsagePanel.js';

const InvoiceListSchema = z.object({ invoices: z.array(InvoiceSummarySchema) });

interface Loaded {
  profile: BillingProfileView;
  invoices: InvoiceSummary[];
}

export function BillingPage({ slug }: { slug: string }) {
  usePageTitle(t('billing.title'));
  const session = useSession();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (session.kind !== 'signed-in') return;
    Promise.all([callApi(BillingProfileViewSchema, billingApi.profile(slug)), callApi(InvoiceListSchema, billingApi.invoices(slug))]).then(
      ([profile, list]) => setLoaded({ profile, invoices: list.invoices }),
      (failure: unknown) => setError(billingRefusal(failure)),
    );
  }, [session.kind, slug]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  return (
    <main class="page billing">
      <p class="billing-back">
        <Link href={billingPages.organisation(slug)}>{t('billing.back')}</Link>
      </p>
      <h1>{t('billing.title')}</h1>
      <p class="lead">{t('billing.lead')}</p>
      <ErrorLine error={error} />
      {!loaded && !error && <p aria-live="polite">{t('billing.loading')}</p>}
      {loaded && (
        <>
          <BillingDetailsForm slug={slug} initial={loaded.profile} />
          <InvoiceList slug={slug} invoices={loaded.invoices} />
          <UsagePanel slug={slug} />
        </>
      )}
    </main>
  );
}
