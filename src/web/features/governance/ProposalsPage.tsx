/** `/coop/proposals`: open, upcoming and closed proposals (with their result), and the form for a new one. Members only. */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../app/session.js';
import { EmptyState, ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { groupProposals, votingClosesAtMs } from './governance.js';
import { governanceApi, isMembersOnly, type MemberClassView, type ProposalView, refusal } from './governance-client.js';
import { t } from './messages.js';
import { ProposalForm } from './ProposalForm.js';
import { resultWord, when } from './words.js';
import './governance.css';

/** A proposal's line: its title as a link, its kind (and whether secret), and when it opens or closes, with the latest result once closed. */
function ProposalItem({ proposal }: { proposal: ProposalView }) {
  const latest = proposal.outcomes.at(-1);
  const time =
    proposal.status === 'open'
      ? t('proposals.closes', { at: when(proposal.closesAtMs) })
      : proposal.status === 'upcoming'
        ? t('proposals.opens', { at: when(proposal.opensAtMs) })
        : t('proposals.closedAt', { at: when(votingClosesAtMs(proposal)) });
  return (
    <li class="proposal-item">
      <Link href={`/coop/proposals/${encodeURIComponent(proposal.id)}`}>{proposal.title}</Link>
      <span class="notice">
        {t(`kind.${proposal.kind}`)}
        {proposal.secret && ` · ${t('proposals.secret')}`} · {time}
      </span>
      {proposal.status === 'closed' && (
        <span class={`governance-badge result-${latest?.result ?? 'counting'}`}>
          {latest ? resultWord(latest.result) : t('proposals.counting')}
        </span>
      )}
    </li>
  );
}

function ProposalGroup(props: { id: string; heading: string; empty: string; proposals: ProposalView[] }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {props.proposals.length === 0 ? (
        <p class="notice">{props.empty}</p>
      ) : (
        <ul class="proposal-list">
          {props.proposals.map((proposal) => (
            <ProposalItem key={proposal.id} proposal={proposal} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The proposals' page; takes no props. */
export function ProposalsPage() {
  usePageTitle(t('proposals.title'));
  const session = useSession();
  const [proposals, setProposals] = useState<ProposalView[] | undefined>();
  const [classes, setClasses] = useState<MemberClassView[]>([]);
  const [refused, setRefused] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const signedIn = session.kind === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    governanceApi
      .proposals()
      .then(setProposals, (failure: unknown) => (isMembersOnly(failure) ? setRefused(refusal(failure)) : setError(refusal(failure))));
    governanceApi.classes().then(setClasses, () => undefined);
  }, [signedIn]);
  if (!signedIn) return <SignInRequired />;
  const groups = proposals && groupProposals(proposals);
  return (
    <main class="page governance">
      <h1>{t('proposals.title')}</h1>
      <p class="lead">{t('proposals.lead')}</p>
      <ErrorLine error={error} />
      {refused && (
        <EmptyState text={refused}>
          <Link href="/coop" class="button primary">
            {t('register.apply')}
          </Link>
        </EmptyState>
      )}
      {!proposals && !refused && !error && <p aria-live="polite">{t('proposals.loading')}</p>}
      {groups && (
        <>
          <ProposalGroup id="proposals-open" heading={t('proposals.open')} empty={t('proposals.emptyOpen')} proposals={groups.open} />
          <ProposalGroup
            id="proposals-upcoming"
            heading={t('proposals.upcoming')}
            empty={t('proposals.emptyUpcoming')}
            proposals={groups.upcoming}
          />
          <ProposalGroup
            id="proposals-closed"
            heading={t('proposals.closed')}
            empty={t('proposals.emptyClosed')}
            proposals={groups.closed}
          />
          <ProposalForm classes={classes} onCreated={(created) => setProposals((before) => [created, ...(before ?? [])])} />
        </>
      )}
    </main>
  );
}
