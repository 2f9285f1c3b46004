/** `/network/admin`: the network overview for administrators, applications to review and members to manage. */

import { useRef, useState } from 'preact/hooks';
import type { NetworkOverview } from '../../../shared/network-api.js';
import { useSession } from '../../app/session.js';
import { ApplicationCard, MemberCard } from './AdminMembers.js';
import { money, month, share } from './format.js';
import { t } from './messages.js';
import { ErrorLine } from './NetworkForm.js';
import { NetworkLayout } from './NetworkLayout.js';
import { networkApi } from './network-client.js';
import { useRemote } from './remote.js';

export function AdminPage() {
  const session = useSession();
  const overview = useRemote(session.kind === 'signed-in', 'overview', networkApi.overview);
  const view = overview.value;
  const [result, setResult] = useState<string | undefined>();
  const resultLine = useRef<HTMLParagraphElement>(null);
  // The card acted on may move or its button vanish: the focus goes to what happened.
  const changed = async (text: string) => {
    await overview.reload();
    setResult(text);
    requestAnimationFrame(() => resultLine.current?.focus());
  };
  return (
    <NetworkLayout title={t('network.admin.title')}>
      <h1>{t('network.admin.title')}</h1>
      <p role="status" class="result success" tabIndex={-1} ref={resultLine}>
        {result ?? ''}
      </p>
      <ErrorLine error={overview.error} />
      {view && <Counts view={view} />}
      {view && (
        <section aria-labelledby="applications-title">
          <h2 id="applications-title">{t('network.admin.applications', { count: view.applications.length })}</h2>
          {view.applications.length === 0 ? (
            <p class="hint">{t('network.admin.noApplications')}</p>
          ) : (
            <ul class="card-list">
              {view.applications.map((member) => (
                <ApplicationCard key={member.slug} member={member} onChanged={changed} />
              ))}
            </ul>
          )}
        </section>
      )}
      {view && <Turnover view={view} />}
      {view && <NearLimit view={view} />}
      {view && (
        <section aria-labelledby="members-title">
          <h2 id="members-title">{t('network.admin.members')}</h2>
          {view.members.length === 0 ? (
            <p class="hint">{t('network.admin.noMembers')}</p>
          ) : (
            <ul class="card-list">
              {view.members.map((member) => (
                <MemberCard key={member.slug} member={member} currency={view.currency} onChanged={changed} />
              ))}
            </ul>
          )}
        </section>
      )}
    </NetworkLayout>
  );
}

function Counts({ view }: { view: NetworkOverview }) {
  return (
    <section aria-labelledby="counts-title" class="card">
      <h2 id="counts-title">{t('network.admin.overview')}</h2>
      <dl class="summary">
        <dt>{t('network.admin.count.approved')}</dt>
        <dd data-testid="members-approved">{view.counts.approved}</dd>
        <dt>{t('network.admin.count.applied')}</dt>
        <dd>{view.counts.applied}</dd>
        <dt>{t('network.admin.count.suspended')}</dt>
        <dd>{view.counts.suspended}</dd>
        <dt>{t('network.admin.count.declined')}</dt>
        <dd>{view.counts.declined}</dd>
      </dl>
    </section>
  );
}

function Turnover({ view }: { view: NetworkOverview }) {
  return (
    <section aria-labelledby="turnover-title">
      <h2 id="turnover-title">{t('network.admin.turnover')}</h2>
      {view.turnoverByMonth.length === 0 ? (
        <p class="hint">{t('network.admin.noTurnover')}</p>
      ) : (
        <table>
          <caption>{t('network.admin.turnoverCaption', { currency: view.currency.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('network.admin.month')}</th>
              <th scope="col" class="number">
                {t('network.admin.payments')}
              </th>
              <th scope="col" class="number">
                {t('network.admin.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.turnoverByMonth.map((row) => (
              <tr key={row.month}>
                <th scope="row">{month(row.month)}</th>
                <td class="number">{row.payments}</td>
                <td class="number">{money(row.amount, view.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NearLimit({ view }: { view: NetworkOverview }) {
  return (
    <section aria-labelledby="near-limit-title">
      <h2 id="near-limit-title">{t('network.admin.nearLimit')}</h2>
      {view.nearLimit.length === 0 ? (
        <p class="hint">{t('network.admin.noneNearLimit')}</p>
      ) : (
        <table>
          <caption>{t('network.admin.nearLimitCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('network.statement.member')}</th>
              <th scope="col" class="number">
                {t('network.account.balance')}
              </th>
              <th scope="col" class="number">
                {t('network.account.creditLimit')}
              </th>
              <th scope="col" class="number">
                {t('network.admin.used')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.nearLimit.map((member) => (
              <tr key={member.slug}>
                <th scope="row">{member.name}</th>
                <td class="number">{member.balance === null ? '' : money(member.balance, view.currency)}</td>
                <td class="number">{member.creditLimit === null ? '' : money(member.creditLimit, view.currency)}</td>
                <td class="number">{member.limitUsed === null ? '' : share(member.limitUsed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
