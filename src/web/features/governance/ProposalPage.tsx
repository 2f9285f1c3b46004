/**
 * `/coop/proposals/:id`: a proposal — its title, status, times and organiser, its text, its rules
 * in words, a vote form for each member the person votes for (while open), how many have voted,
 * for its organiser or an operator once every member has voted a way to close the vote now (after
 * a confirmation), the sealed outcomes once closed, and the discussion. Members only. A secret ballot's token kept
 * in this browser is forgotten once the proposal is seen closed.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../app/session.js';
import { ConfirmForm } from '../../ui/ConfirmForm.js';
import { EmptyState, ErrorLine, Link, SignInRequired, showToast, usePageTitle } from '../../ui/index.js';
import { browserBallotStorage, forgetBallot } from './ballot-keeper.js';
import { Discussion } from './Discussion.js';
import { votingClosesAtMs } from './governance.js';
import { governanceApi, isMembersOnly, type MemberClassView, type ProposalView, refusal } from './governance-client.js';
import { t } from './messages.js';
import { Outcomes } from './Outcomes.js';
import { VoteForm } from './VoteForm.js';
import { percent, when } from './words.js';
import './governance.css';

function Rules({ proposal, classes }: { proposal: ProposalView; classes: readonly MemberClassView[] }) {
  const electorate =
    proposal.electorateClassId === null
      ? t('rules.everyMember')
      : (classes.find((each) => each.id === proposal.electorateClassId)?.name ?? proposal.electorateClassId);
  return (
    <section aria-labelledby="proposal-rules">
      <h2 id="proposal-rules">{t('rules.heading')}</h2>
      <ul class="rules">
        <li>{t('rules.kind', { kind: t(`kind.${proposal.kind}`) })}</li>
        <li>{t('rules.electorate', { electorate })}</li>
        <li>{t('rules.quorum', { quorum: percent(proposal.quorumBasisPoints) })}</li>
        <li>{t('rules.threshold', { threshold: t(`threshold.${proposal.threshold}`) })}</li>
        {proposal.kind === 'multiple_choice' && proposal.choicesMax !== null && (
          <li>{t('rules.choicesMax', { count: proposal.choicesMax })}</li>
        )}
        {proposal.secret && <li>{t('rules.secret')}</li>}
      </ul>
    </section>
  );
}

/** Closing the vote before its time: offered only when the server says this reader may (`closableEarly`). */
function CloseEarly({ proposal, onChanged }: { proposal: ProposalView; onChanged: (proposal: ProposalView) => void }) {
  return (
    <ConfirmForm
      label={t('closeEarly.form')}
      submit={t('closeEarly.submit')}
      question={t('closeEarly.question', { title: proposal.title })}
      yes={t('closeEarly.yes')}
      no={t('closeEarly.no')}
      onSubmit={async () => {
        onChanged(await governanceApi.closeEarly(proposal.id));
        showToast(t('closeEarly.done'));
      }}
    >
      <p>{t('closeEarly.lead', { closes: when(proposal.closesAtMs) })}</p>
    </ConfirmForm>
  );
}

function Voting({ proposal, onChanged }: { proposal: ProposalView; onChanged: (proposal: ProposalView) => void }) {
  return (
    <section aria-labelledby="proposal-vote">
      <h2 id="proposal-vote">{t('vote.heading')}</h2>
      {proposal.status === 'upcoming' && <p>{t('vote.notYet', { at: when(proposal.opensAtMs) })}</p>}
      {proposal.status === 'open' && proposal.myBallots.length === 0 && <p>{t('vote.noneToCast')}</p>}
      {proposal.status === 'open' &&
        proposal.myBallots.map((mine) => (
          <VoteForm
            key={`${mine.memberId} ${mine.voted} ${JSON.stringify(mine.ballot)}`}
            proposal={proposal}
            mine={mine}
            onVoted={onChanged}
          />
        ))}
      <p>{t('proposal.votesCast', { count: proposal.votesCast })}</p>
      {proposal.status === 'open' && proposal.closableEarly && <CloseEarly proposal={proposal} onChanged={onChanged} />}
    </section>
  );
}

/** The proposal's page for `id`. */
export function ProposalPage({ id }: { id: string }) {
  const session = useSession();
  const [proposal, setProposal] = useState<ProposalView | undefined>();
  const [classes, setClasses] = useState<MemberClassView[]>([]);
  const [refused, setRefused] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  usePageTitle(proposal?.title ?? t('proposals.title'));
  const signedIn = session.kind === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    governanceApi
      .proposal(id)
      .then(setProposal, (failure: unknown) => (isMembersOnly(failure) ? setRefused(refusal(failure)) : setError(refusal(failure))));
    governanceApi.classes().then(setClasses, () => undefined);
  }, [signedIn, id]);
  useEffect(() => {
    // Once sealed, a secret ballot's token can change nothing; on a shared device it would only tell how this member voted.
    if (proposal?.secret && proposal.status === 'closed')
      for (const mine of proposal.myBallots) forgetBallot(browserBallotStorage(), proposal.id, mine.memberId);
  }, [proposal]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  return (
    <main class="page governance proposal-page">
      <p>
        <Link href="/coop/proposals">{t('proposal.back')}</Link>
      </p>
      {!proposal && <h1>{t('proposals.title')}</h1>}
      <ErrorLine error={error} />
      {refused && <EmptyState text={refused} />}
      {!proposal && !refused && !error && <p aria-live="polite">{t('proposal.loading')}</p>}
      {proposal && (
        <>
          <h1>{proposal.title}</h1>
          <p class="proposal-meta">
            <span class={`governance-badge status-${proposal.status}`}>{t('proposal.status', { status: proposal.status })}</span>{' '}
            {t('proposal.times', { opens: when(proposal.opensAtMs), closes: when(votingClosesAtMs(proposal)) })} ·{' '}
            {t('proposal.organiser', { name: proposal.organiser })}
          </p>
          {/* Safe to inject: the server renders bodyHtml from Markdown with micromark, raw HTML escaped and unsafe links dropped. Only this field is injected. */}
          <div class="proposal-body" dangerouslySetInnerHTML={{ __html: proposal.bodyHtml }} />
          <Rules proposal={proposal} classes={classes} />
          <Voting proposal={proposal} onChanged={setProposal} />
          {proposal.status === 'closed' && (
            <Outcomes proposal={proposal} operator={session.session.person.operator} onChanged={setProposal} />
          )}
          <Discussion proposal={proposal} onChanged={setProposal} />
        </>
      )}
    </main>
  );
}
