/**
 * `/network`: what the network is, the trading members you act for (status, balance, links) and
 * the application to join; to a visitor who is not signed in, what it is and how to join.
 */
import type { NetworkHomeView } from '../../../shared/network-api.js';
import { useSession } from '../../app/session.js';
import { Link, showToast, usePageTitle } from '../../ui/index.js';
import { ApplicationForm } from './ApplicationForm.js';
import { money, statusText } from './format.js';
import { t } from './messages.js';
import { Disclosure, ErrorLine } from './NetworkForm.js';
import { NetworkLayout } from './NetworkLayout.js';
import { networkApi } from './network-client.js';
import { useRemote } from './remote.js';

type MyMember = NetworkHomeView['mine'][number];

export function NetworkHomePage() {
  const session = useSession();
  const home = useRemote(session.kind === 'signed-in', 'home', networkApi.home);
  const view = home.value;
  if (session.kind === 'signed-out') return <PublicNetworkPage />;
  return (
    <NetworkLayout title={t('network.home.title')}>
      <h1>{t('network.home.title')}</h1>
      {view && (
        <p class="lead">
          {t('network.home.about', { currency: view.currency.name, limit: money(view.defaultCreditLimit, view.currency) })}
        </p>
      )}
      <ErrorLine error={home.error} />
      {view && <Memberships view={view} />}
      {view && <Application view={view} onApplied={home.reload} />}
    </NetworkLayout>
  );
}

/** What a visitor who is not signed in sees: what the network is and how to join it. */
function PublicNetworkPage() {
  usePageTitle(t('network.home.title'));
  return (
    <main class="page network">
      <h1>{t('network.home.title')}</h1>
      <p class="lead">{t('network.public.lead')}</p>
      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('network.public.how')}</h2>
        <ol>
          <li>{t('network.public.step.account')}</li>
          <li>{t('network.public.step.apply')}</li>
          <li>{t('network.public.step.trade')}</li>
        </ol>
      </section>
      <p class="actions">
        <Link href="/signup" class="button primary">
          {t('network.public.signUp')}
        </Link>
        <Link href={`/login?next=${encodeURIComponent('/network')}`} class="button">
          {t('network.public.logIn')}
        </Link>
      </p>
    </main>
  );
}

function Memberships({ view }: { view: NetworkHomeView }) {
  return (
    <section aria-labelledby="memberships-title">
      <h2 id="memberships-title">{t('network.home.memberships')}</h2>
      {view.mine.length === 0 ? (
        <p>{t('network.home.noMemberships')}</p>
      ) : (
        <ul class="card-list">
          {view.mine.map((member) => (
            <MembershipCard key={member.slug} member={member} view={view} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One member you act for: its status, its balance once approved, and why it was declined or suspended. */
function MembershipCard({ member, view }: { member: MyMember; view: NetworkHomeView }) {
  const hasAccount = member.status === 'approved' || member.status === 'suspended';
  const headingId = `membership-${member.slug}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link href={`/network/members/${encodeURIComponent(member.slug)}`}>{member.name}</Link>
      </h3>
      <dl class="links">
        <dt>{t('network.home.status')}</dt>
        <dd>
          <span class={`badge status-${member.status}`}>{statusText(member.status)}</span>
        </dd>
        <dt>{t('network.home.yourAccess')}</dt>
        <dd>{t(`network.access.${member.access}`)}</dd>
        {member.balance !== null && (
          <>
            <dt>{t('network.account.balance')}</dt>
            <dd class="amount">{money(member.balance, view.currency)}</dd>
          </>
        )}
        {member.statusReason && (
          <>
            <dt>{t('network.home.statusReason')}</dt>
            <dd>{member.statusReason}</dd>
          </>
        )}
      </dl>
      {member.status === 'applied' && <p class="hint">{t('network.home.pendingHint')}</p>}
      {member.status === 'declined' && member.access === 'trader' && <p class="hint">{t('network.home.declinedHint')}</p>}
      {hasAccount && (
        <p>
          <Link href={`/network/members/${encodeURIComponent(member.slug)}/account`}>
            {t('network.home.accountOf', { name: member.name })}
          </Link>
        </p>
      )}
    </li>
  );
}

/** The application: open at once for someone who is not a member yet, behind a button for the others. */
function Application({ view, onApplied }: { view: NetworkHomeView; onApplied: () => Promise<void> }) {
  const member = view.mine.some((mine) => mine.status !== 'declined');
  // Organisations that may apply: those that never did, and those declined (they may apply again).
  const organisations = view.canApplyFor;
  const form = (close?: () => void) => (
    <ApplicationForm
      organisations={organisations}
      onApplied={async (name) => {
        showToast(t('network.apply.sent', { name }));
        close?.();
        await onApplied();
      }}
    />
  );
  return (
    <section aria-labelledby="apply-title">
      <h2 id="apply-title">{t('network.apply.title')}</h2>
      <p>{t('network.apply.about', { currency: view.currency.name, limit: money(view.defaultCreditLimit, view.currency) })}</p>
      {member ? (
        <Disclosure id="apply-another" toggle={t('network.apply.another')}>
          {(close) => form(close)}
        </Disclosure>
      ) : (
        form()
      )}
    </section>
  );
}
