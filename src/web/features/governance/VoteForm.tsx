/**
 * The vote of one member the person votes for: consent and yes/no answers and a single choice as
 * radio groups, a multiple choice as checkboxes (no more than `choicesMax`), a ranked choice as an
 * ordered list; the vote cast so far, and until when it may change. For a secret ballot the vote
 * cast and its token are this browser's own (`ballot-keeper.ts`).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure } from '../../app/api.js';
import { showToast } from '../../ui/index.js';
import { browserBallotStorage, canKeepBallots, forgetBallot, keepBallot, keptBallot, newBallotToken } from './ballot-keeper.js';
import { GovernanceForm } from './GovernanceForm.js';
import { answersOf, type Ballot, ballotFromForm, formFromBallot, type VoteFormState } from './governance.js';
import { governanceApi, type ProposalView } from './governance-client.js';
import { t } from './messages.js';
import { RankedBallot } from './RankedBallot.js';
import { answerWord, ballotWords, when } from './words.js';

type MyBallot = ProposalView['myBallots'][number];

function Choices(props: {
  id: string;
  proposal: ProposalView;
  legend: string;
  state: VoteFormState;
  onChange: (state: VoteFormState) => void;
}) {
  const { id, proposal, state, onChange } = props;
  const { kind } = proposal;
  if (kind === 'ranked_choice') {
    return (
      <RankedBallot
        id={id}
        legend={props.legend}
        options={proposal.options}
        ranked={state.ranked}
        onChange={(ranked) => onChange({ ...state, ranked })}
      />
    );
  }
  if (kind === 'multiple_choice') {
    const most = proposal.choicesMax ?? proposal.options.length;
    const toggle = (option: number, on: boolean) =>
      onChange({ ...state, chosen: on ? [...state.chosen, option] : state.chosen.filter((each) => each !== option) });
    return (
      <fieldset class="vote-choices" aria-describedby={`${id}-hint`}>
        <legend>{props.legend}</legend>
        <p id={`${id}-hint`} class="hint">
          {proposal.choicesMax === null ? t('vote.chooseAny') : t('vote.chooseAtMost', { count: most })}
        </p>
        {proposal.options.map((option, index) => {
          const checked = state.chosen.includes(index);
          return (
            <label key={option} class="check">
              <input
                type="checkbox"
                name={id}
                checked={checked}
                disabled={!checked && state.chosen.length >= most}
                onChange={(event) => toggle(index, event.currentTarget.checked)}
              />
              {option}
            </label>
          );
        })}
      </fieldset>
    );
  }
  const answers: { value: string; label: string }[] =
    kind === 'single_choice'
      ? [
          ...proposal.options.map((option, index) => ({ value: String(index), label: option })),
          { value: 'abstain', label: t('answer.abstain') },
        ]
      : answersOf(kind).map((answer) => ({ value: String(answer), label: answerWord(String(answer)) }));
  return (
    <fieldset class="vote-choices">
      <legend>{props.legend}</legend>
      {answers.map((answer) => (
        <label key={answer.value} class="check">
          <input
            type="radio"
            name={id}
            value={answer.value}
            checked={state.answer === answer.value}
            onChange={() => onChange({ ...state, answer: answer.value })}
          />
          {answer.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The form itself: the choices, starting from `initial` (null: none cast); `cast` sends a valid
 * ballot; `children` say what has been cast so far.
 */
function BallotForm(props: {
  proposal: ProposalView;
  mine: MyBallot;
  initial: Ballot | null;
  cast: (ballot: Ballot) => Promise<void>;
  children: ComponentChildren;
}) {
  const { proposal, mine } = props;
  const [state, setState] = useState(() => formFromBallot(proposal.kind, props.initial, proposal.options.length));
  const submit = async () => {
    const ballot: Ballot | undefined = ballotFromForm(proposal.kind, state, proposal.options.length, proposal.choicesMax);
    if (ballot === undefined) {
      return proposal.kind === 'multiple_choice'
        ? t('vote.tooMany', { count: proposal.choicesMax ?? proposal.options.length })
        : t('vote.chooseFirst');
    }
    await props.cast(ballot);
    return undefined;
  };
  return (
    <GovernanceForm
      class="card governance-form vote-form"
      label={t('vote.legend', { name: mine.memberName })}
      submit={mine.voted ? t('vote.change') : t('vote.submit')}
      onSubmit={submit}
    >
      <Choices
        id={`vote-${mine.memberId}`}
        proposal={proposal}
        legend={t('vote.legend', { name: mine.memberName })}
        state={state}
        onChange={setState}
      />
      {props.children}
    </GovernanceForm>
  );
}

/** What has been cast so far (`ballot`, or none), and until when it may change. */
function CastSoFar({ proposal, ballot }: { proposal: ProposalView; ballot: Ballot | null }) {
  return (
    <p class="vote-status">
      {ballot === null
        ? t('vote.none')
        : t('vote.current', { ballot: ballotWords(ballot, proposal.options, proposal.kind === 'ranked_choice') })}{' '}
      {t('vote.changeUntil', { at: when(proposal.closesAtMs) })}
    </p>
  );
}

/** An open ballot: the server says what was cast. */
function OpenVoteForm(props: { proposal: ProposalView; mine: MyBallot; onVoted: (proposal: ProposalView) => void }) {
  const { proposal, mine } = props;
  const cast = async (ballot: Ballot) => {
    const updated = await governanceApi.vote(proposal.id, mine.memberId, ballot);
    showToast(t('vote.cast', { name: mine.memberName }));
    props.onVoted(updated);
  };
  return (
    <BallotForm proposal={proposal} mine={mine} initial={mine.ballot} cast={cast}>
      <CastSoFar proposal={proposal} ballot={mine.ballot} />
    </BallotForm>
  );
}

/**
 * A secret ballot: the server only says whether the member voted. This browser keeps the token the
 * first vote returns, and the ballot, and sends the token back to change it; a vote cast from
 * elsewhere can be neither shown nor changed here.
 */
function SecretVoteForm(props: { proposal: ProposalView; mine: MyBallot; onVoted: (proposal: ProposalView) => void }) {
  const { proposal, mine } = props;
  const storage = browserBallotStorage();
  // What is kept for a member with no receipt is stale (a vote that never reached the server): a first vote replaces it.
  const [kept, setKept] = useState(() => (mine.voted ? keptBallot(storage, proposal.id, mine.memberId) : undefined));
  if (mine.voted && !kept) {
    return (
      <div class="card vote-form">
        <p class="notice">{t('vote.secretElsewhere', { name: mine.memberName })}</p>
      </div>
    );
  }
  const cast = async (ballot: Ballot) => {
    // The token is drawn here and kept before the vote is sent: a lost reply loses nothing.
    const token = kept?.token ?? newBallotToken();
    const previous = kept;
    const keptNow = keepBallot(storage, proposal.id, mine.memberId, { token, ballot });
    let updated: Awaited<ReturnType<typeof governanceApi.vote>>;
    try {
      updated = await governanceApi.vote(proposal.id, mine.memberId, ballot, token);
    } catch (refusal) {
      // Unanswered, the vote may have been cast: the token stays kept, to send the same vote again.
      // Refused, this browser shows what it had cast before, or nothing.
      const answered = !(refusal instanceof ApiFailure && refusal.code === 'network_error');
      if (answered && previous) keepBallot(storage, proposal.id, mine.memberId, previous);
      else if (answered) forgetBallot(storage, proposal.id, mine.memberId);
      throw refusal;
    }
    setKept(keptNow ? { token, ballot } : undefined);
    if (keptNow) showToast(t('vote.cast', { name: mine.memberName }));
    else showToast(t('vote.secretNotKept', { name: mine.memberName }), 'info');
    props.onVoted(updated);
  };
  return (
    <BallotForm proposal={proposal} mine={mine} initial={kept?.ballot ?? null} cast={cast}>
      <CastSoFar proposal={proposal} ballot={kept?.ballot ?? null} />
      <p class="hint">{canKeepBallots(storage) ? t('vote.secretKept') : t('vote.secretCannotKeep')}</p>
    </BallotForm>
  );
}

/** `mine`: the member and whether (and, unless secret, how) it has voted; `onVoted` gets the proposal as it is after the vote. */
export function VoteForm(props: { proposal: ProposalView; mine: MyBallot; onVoted: (proposal: ProposalView) => void }) {
  return props.proposal.secret ? <SecretVoteForm {...props} /> : <OpenVoteForm {...props} />;
}
