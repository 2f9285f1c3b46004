/** `/pricing`: the co-op's plans, what each allows and costs in money or credits; anyone may read it. */
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { type PlanView, PlanViewSchema } from '../../../shared/billing-api.js';
import { callApi } from '../../app/api.js';
import { useSession } from '../../app/session.js';
import { failureText, Link, usePageTitle } from '../../ui/index.js';
import './billing.css';
import { t } from './messages.js';
import { allowances, price } from './plans.js';

const PlansSchema = z.object({ plans: z.array(PlanViewSchema) });

export function PricingPage() {
  usePageTitle(t('pricing.title'));
  const session = useSession();
  const [plans, setPlans] = useState<PlanView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    callApi(PlansSchema, '/api/plans').then(
      (answer) => setPlans(answer.plans),
      (failure: unknown) => setError(failureText(failure)),
    );
  }, []);
  return (
    <main class="page pricing">
      <h1>{t('pricing.title')}</h1>
      <p class="lead">{t('pricing.lead')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!plans && !error && <p aria-live="polite">{t('pricing.loading')}</p>}
      {plans && (
        <ul class="plans">
          {plans.map((plan) => (
            <li key={plan.id} class="plan">
              <h2>{plan.name}</h2>
              <p class="plan-price">{price(plan)}</p>
              <ul>
                {allowances(plan).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <p class="actions">
        {session.kind === 'signed-in' ? (
          t('pricing.choose')
        ) : (
          <Link href="/signup" class="button primary">
            {t('pricing.signUp')}
          </Link>
        )}
      </p>
    </main>
  );
}
