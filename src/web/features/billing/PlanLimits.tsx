/**
 * On the dashboard: the limits every room of the signed-in person meets under — each
 * organisation's plan, and Free for their own rooms — so hosts know them before a meeting fills
 * up or ends. An invoice unpaid past the grace period is said plainly, with the way to pay it.
 */
import { useEffect, useState } from 'preact/hooks';
import { type MyPlansView, MyPlansViewSchema } from '../../../shared/billing-api.js';
import { callApi } from '../../app/api.js';
import { formatDate } from '../../app/intl/language.js';
import { Link } from '../../ui/index.js';
import './billing.css';
import { t } from './messages.js';
import { billingPages } from './paths.js';
import { allowances } from './plans.js';

export function PlanLimits() {
  const [plans, setPlans] = useState<MyPlansView | undefined>();
  useEffect(() => {
    callApi(MyPlansViewSchema, '/api/me/plans').then(setPlans, () => setPlans(undefined));
  }, []);
  if (!plans) return null;
  return (
    <section class="plan-limits" aria-labelledby="plan-limits-title">
      <h2 id="plan-limits-title">{t('limits.heading')}</h2>
      <ul class="plan-limit-list">
        {plans.organisations.map((organisation) => (
          <li key={organisation.slug} class="card">
            <h3>
              <Link href={billingPages.organisation(organisation.slug)}>{organisation.name}</Link>
              <span class="hint"> · {organisation.plan.name}</span>
            </h3>
            {organisation.overdue && (
              <p class="warning" role="status">
                {t('limits.overdue', {
                  number: organisation.overdue.number,
                  due: formatDate(organisation.overdue.dueAtMs, { dateStyle: 'long', timeZone: 'UTC' }),
                  plan: organisation.subscribedPlan ?? '',
                })}{' '}
                {organisation.manages && (
                  <Link href={billingPages.invoice(organisation.slug, organisation.overdue.number)}>{t('limits.payNow')}</Link>
                )}
              </p>
            )}
            <p>{allowances(organisation.plan).join(' · ')}</p>
            {organisation.manages && !organisation.overdue && (
              <p>
                <Link href={billingPages.organisation(organisation.slug)}>{t('limits.change')}</Link>
              </p>
            )}
          </li>
        ))}
        <li class="card">
          <h3>
            {t('limits.personal')}
            <span class="hint"> · {plans.personal.name}</span>
          </h3>
          <p>{allowances(plans.personal).join(' · ')}</p>
        </li>
      </ul>
    </section>
  );
}
