/**
 * The vote of one member the person votes for: consent and yes/no answers and a single choice as
 * radio groups, a multiple choice as checkboxes (no more than `choicesMax`), a ranked choice as an
 * ordered list; the vote cast so far, and until when it may change.
 */
import { useState } from 'preact/hooks';
import { showToast } from '../../ui/index.js';
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

/** `mine`: the member and the ballot cast for it so far; `onVoted` gets the proposal as it is after the vote. */
export function VoteForm(props: { proposal: ProposalView; mine: MyBallot; onVoted: (proposal: ProposalView) => void }) {
  const { proposal, mine } = props;
  const [state, setState] = useState(() => formFromBallot(proposal.kind, mine.ballot, proposal.options.length));
  const id = `vote-${mine.memberId}`;
  const submit = async () => {
    const ballot: Ballot | undefined = ballotFromForm(proposal.kind, state, proposal.options.length, proposal.choicesMax);
    if (ballot === undefined) {
      return proposal.kind === 'multiple_choice'
        ? t('vote.tooMany', { count: proposal.choicesMax ?? proposal.options.length })
        : t('vote.chooseFirst');
    }
    const updated = await governanceApi.vote(proposal.id, mine.memberId, ballot);
    showToast(t('vote.cast', { name: mine.memberName }));
    props.onVoted(updated);
    return undefined;
  };
  return (
    <GovernanceForm
      class="card governance-form vote-form"
      label={t('vote.legend', { name: mine.memberName })}
      submit={mine.ballot === null ? t('vote.submit') : t('vote.change')}
      onSubmit={submit}
    >
      <Choices id={id} proposal={proposal} legend={t('vote.legend', { name: mine.memberName })} state={state} onChange={setState} />
      <p class="vote-status">
        {mine.ballot === null
          ? t('vote.none')
          : t('vote.current', { ballot: ballotWords(mine.ballot, proposal.options, proposal.kind === 'ranked_choice') })}{' '}
        {t('vote.changeUntil', { at: when(proposal.closesAtMs) })}
      </p>
    </GovernanceForm>
  );
}
