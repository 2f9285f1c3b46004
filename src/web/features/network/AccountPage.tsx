/**
 * `/network/members/<slug>/account`: a member's balance and statement, its payment requests,
 * paying and asking other members, and its auto-accept rules. Traders act; viewers read.
 */

import { useSession } from '../../app/session.js';
import { Link } from '../../ui/index.js';
import { AutoAcceptSection } from './AutoAccept.js';
import { t } from './messages.js';
import { ErrorLine } from './NetworkForm.js';
import { NetworkLayout } from './NetworkLayout.js';
import { networkApi } from './network-client.js';
import { RequestsSection } from './Requests.js';
import { useRemote } from './remote.js';
import { AccountSummary, StatementSection, useStatement } from './Statement.js';
import { type Party, PayForm, RequestForm } from './TradeForms.js';

export function AccountPage({ slug }: { slug: string }) {
  const session = useSession();
  const signedIn = session.kind === 'signed-in';
  const member = useRemote(signedIn, slug, () => networkApi.member(slug));
  const statement = useStatement(slug, signedIn);
  const home = useRemote(signedIn, 'home', networkApi.home);
  // Its own people, and administrators (read-only), see its payment requests and auto-accept rules.
  const acting = (member.value?.access !== null && member.value?.access !== undefined) || home.value?.administrator === true;
  const requests = useRemote(signedIn && acting, slug, () => networkApi.requests(slug));
  // Every approved member but this one: whom to pay, ask, filter by or accept automatically.
  const approved = useRemote(signedIn, 'approved-members', () => networkApi.approvedMembers());
  const others: Party[] = (approved.value?.members ?? []).filter((other) => other.slug !== slug).map(({ slug, name }) => ({ slug, name }));
  const name = member.value?.name ?? statement.view?.member.name ?? slug;
  const view = statement.view;
  const trader = member.value?.access === 'trader';
  const canTrade = trader && view?.member.status === 'approved';
  const own: Party[] = [{ slug, name }];
  const afterTrade = async () => {
    await Promise.all([statement.reload(), requests.reload()]);
  };
  return (
    <NetworkLayout title={t('network.home.accountOf', { name })}>
      <h1>{t('network.home.accountOf', { name })}</h1>
      <p>
        <Link href={`/network/members/${encodeURIComponent(slug)}`}>{t('network.account.profileOf', { name })}</Link>
      </p>
      <ErrorLine error={member.error ?? (view ? undefined : statement.error)} />
      {view && <AccountSummary view={view} />}
      {view && canTrade && (
        <div class="two-columns">
          <PayForm
            label={t('network.pay.another')}
            idPrefix="account-pay"
            currency={view.currency}
            own={own}
            others={others}
            chooseOther
            onPaid={afterTrade}
          />
          <RequestForm
            label={t('network.request.another')}
            idPrefix="account-request"
            currency={view.currency}
            own={own}
            others={others}
            chooseOther
            onRequested={afterTrade}
          />
        </div>
      )}
      {view && acting && (
        <RequestsSection slug={slug} requests={requests} trader={trader} currency={view.currency} onSettled={statement.reload} />
      )}
      {view && <StatementSection slug={slug} statement={statement} counterparties={others} />}
      {view && acting && <AutoAcceptSection slug={slug} trader={trader} currency={view.currency} payees={others} />}
    </NetworkLayout>
  );
}
