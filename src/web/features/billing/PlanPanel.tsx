/** An organisation's plan on its page: what it is on, what changes at the period's end, and (owners and admins) changing it. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { type PlanView, PlanViewSchema, type SubscriptionView, SubscriptionViewSchema } from '../../../shared/billing-api.js';
import { callApi } from '../../app/api.js';
import { formatDate } from '../../app/intl/language.js';
import { ActionForm, failureText, Link, showToast } from '../../ui/index.js';
import './billing.css';
import { t } from './messages.js';
import { billingPages } from './paths.js';
import { allowances, price } from './plans.js';

const PlansSchema = z.object({ plans: z.array(PlanViewSchema) });

export function PlanPanel({ slug, manages }: { slug: string; manages: boolean }) {
  const [subscription, setSubscription] = useState<SubscriptionView | undefined>();
  const [plans, setPlans] = useState<PlanView[]>([]);
  const [error, setError] = useState<string | undefined>();
  const path = `/api/orgs/${encodeURIComponent(slug)}/subscription`;
  const reload = useCallback(() => {
    callApi(SubscriptionViewSchema, path).then(setSubscription, (failure: unknown) => setError(failureText(failure)));
  }, [path]);
  useEffect(() => {
    reload();
    if (manages)
      callApi(PlansSchema, '/api/plans').then(
        (answer) => setPlans(answer.plans),
        () => setPlans([]),
      );
  }, [reload, manages]);
  const [choice, setChoice] = useState<string | undefined>();
  if (error) {
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  }
  if (!subscription) return null;
  const { plan } = subscription;
  const next = plans.find((candidate) => candidate.id === subscription.nextPlanId);
  const selected = choice ?? plan.id;
  return (
    <section class="plan-panel" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t('plan.heading')}</h2>
      <p>
        <strong>{t('plan.current', { plan: plan.name })}</strong> {plan.moneyPriceMinor === '0' ? '' : price(plan)}
      </p>
      {subscription.overdue && (
        <p class="warning" role="status">
          {t('plan.overdue', {
            number: subscription.overdue.number,
            due: formatDate(subscription.overdue.dueAtMs, { dateStyle: 'long', timeZone: 'UTC' }),
          })}{' '}
          {manages && <Link href={billingPages.invoice(slug, subscription.overdue.number)}>{t('limits.payNow')}</Link>}
        </p>
      )}
      <ul>
        {allowances(plan).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {subscription.periodEndMs !== null && <p>{t('plan.period', { end: subscription.periodEndMs })}</p>}
      {next && subscription.periodEndMs !== null && <p>{t('plan.next', { end: subscription.periodEndMs, plan: next.name })}</p>}
      {manages && plans.length > 0 && (
        <ActionForm
          label={t('plan.change')}
          submit={t('plan.submit')}
          onSubmit={async () => {
            const changed = await callApi(SubscriptionViewSchema, path, { method: 'PUT', body: { planId: selected } });
            setSubscription(changed);
            setChoice(undefined);
            showToast(t('plan.changed'));
          }}
        >
          <label for="plan-choice">{t('plan.choose')}</label>
          <select id="plan-choice" value={selected} onChange={(event) => setChoice(event.currentTarget.value)}>
            {plans
              .filter((candidate) => !candidate.quoted)
              .map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name} — {price(candidate)}
                </option>
              ))}
          </select>
          <p class="hint">{t('plan.upgradeNote')}</p>
        </ActionForm>
      )}
      <p class="plan-links">
        <Link href="/pricing">{t('plan.seePlans')}</Link>
        {manages && <Link href={billingPages.billing(slug)}>{t('plan.billing')}</Link>}
      </p>
    </section>
  );
}
