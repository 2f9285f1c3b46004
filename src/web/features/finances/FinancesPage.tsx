/** `/coop/finances`: the co-op's income and expenses over twelve months, in money and credits (its members only). */
import { Download } from 'lucide-preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type FinancesView, FinancesViewSchema } from '../../../shared/finances-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';
import { useSession } from '../../app/session.js';
import { EmptyState, ErrorLine, SignInRequired, usePageTitle } from '../../ui/index.js';
import { FinancesChart } from './FinancesChart.js';
import { FinancesTable } from './FinancesTable.js';
import { chartSeries, credits, tableByMonth } from './finances.js';
import './finances.css';
import { t } from './messages.js';

/** The finances API's paths. */
export const financesApi = { view: '/api/coop/finances', csv: '/api/coop/finances.csv' } as const;

/** The server's sentence for a refusal ("The co-op’s finances are open to its members only."), else the catalogue's words. */
function refusal(failure: unknown): string {
  if (failure instanceof ApiFailure) return refusalText(failure.code, failure.message, { preferServer: true });
  return String(failure);
}

/** The finances page; takes no props. */
export function FinancesPage() {
  usePageTitle(t('finances.title'));
  const session = useSession();
  const [view, setView] = useState<FinancesView | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (session.kind !== 'signed-in') return;
    setError(undefined);
    callApi(FinancesViewSchema, financesApi.view).then(setView, (failure: unknown) => setError(refusal(failure)));
  }, [session.kind]);
  const series = useMemo(() => (view ? chartSeries(view) : undefined), [view]);
  const months = useMemo(() => (view ? tableByMonth(view) : []), [view]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  return (
    <main class="page finances">
      <h1>{t('finances.title')}</h1>
      <p class="lead">{t('finances.lead')}</p>
      <ErrorLine error={error} />
      {!view && !error && <p aria-live="polite">{t('finances.loading')}</p>}
      {view && series && (
        <>
          <p class="finances-balance">
            {view.creditBalanceMinor === null
              ? t('finances.noBalance')
              : t('finances.balance', { amount: credits(view.creditBalanceMinor, view.credit) })}
          </p>
          {months.length === 0 ? (
            <EmptyState text={t('finances.empty')} />
          ) : (
            <>
              <FinancesChart series={series} currency={view.currency} credit={view.credit} />
              <section aria-labelledby="finances-table-heading">
                <h2 id="finances-table-heading">{t('table.heading')}</h2>
                <FinancesTable months={months} currency={view.currency} credit={view.credit} />
              </section>
            </>
          )}
          <p>
            <a class="button" href={financesApi.csv} download>
              <Download size={18} aria-hidden="true" /> {t('finances.download')}
            </a>
          </p>
        </>
      )}
    </main>
  );
}
