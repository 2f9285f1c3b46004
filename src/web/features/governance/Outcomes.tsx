/**
 * A closed proposal's sealed outcomes, the first (saying so when the vote was closed early) and
 * each correction after it: the result in words, the options chosen or tied for the win, turnout, whether the quorum was met, the count per answer or option (for ranked choice,
 * each round of the runoff), and a correction's statement. Operators may record a correction.
 */
import { useState } from 'preact/hooks';
import { formatNumber } from '../../app/intl/language.js';
import { showToast } from '../../ui/index.js';
import { GovernanceForm, TextAreaField } from './GovernanceForm.js';
import { rankedRoundRows, type Tally, tallyRows } from './governance.js';
import { governanceApi, type OutcomeView, type ProposalView, tallyOf } from './governance-client.js';
import { t } from './messages.js';
import { answerWord, listOf, resultWord, when } from './words.js';

function TallyTable({ tally, options }: { tally: Tally; options: readonly string[] }) {
  const rows = tallyRows(tally);
  const byOption = tally.kind !== 'consent' && tally.kind !== 'yes_no';
  return (
    <div class="table-scroll">
      <table class="governance-table tally-table">
        <caption>{t('outcome.tally')}</caption>
        <thead>
          <tr>
            <th scope="col">{byOption ? t('outcome.option') : t('outcome.answer')}</th>
            <th scope="col" class="number">
              {t('outcome.votes')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={'answer' in row ? row.answer : row.option}>
              <th scope="row">{'answer' in row ? answerWord(row.answer) : (options[row.option] ?? String(row.option + 1))}</th>
              <td class="number">{formatNumber(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RoundsTable({ tally, options }: { tally: Extract<Tally, { kind: 'ranked_choice' }>; options: readonly string[] }) {
  const rows = rankedRoundRows(tally.rounds, options.length);
  return (
    <div class="table-scroll">
      <table class="governance-table tally-table">
        <caption>{t('outcome.tally')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outcome.option')}</th>
            {tally.rounds.map((_, round) => (
              <th key={round} scope="col" class="number">
                {t('outcome.round', { n: round + 1 })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((votes, option) => (
            <tr key={options[option] ?? option}>
              <th scope="row">{options[option]}</th>
              {votes.map((count, round) => (
                <td key={round} class="number">
                  {count === null ? '—' : formatNumber(count)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('outcome.exhausted')}</th>
            {tally.rounds.map((round, index) => (
              <td key={index} class="number">
                {formatNumber(round.exhausted)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Options by index, joined as the language joins names ("Ana and Ben"). */
function optionNames(indexes: readonly number[], options: readonly string[]): string {
  return listOf(indexes.map((index) => options[index] ?? String(index + 1)));
}

function Outcome({ outcome, proposal }: { outcome: OutcomeView; proposal: ProposalView }) {
  const tally = tallyOf(outcome);
  // The section is headed "Result" already: the first outcome is the one sealed at the close.
  const heading =
    outcome.revision === 0 ? t('outcome.atClose') : t('outcome.correction', { revision: outcome.revision, at: when(outcome.sealedAtMs) });
  return (
    <article class="card outcome" aria-label={heading}>
      <h3>
        {heading} <span class={`governance-badge result-${outcome.result}`}>{resultWord(outcome.result)}</span>
      </h3>
      {outcome.revision === 0 && proposal.closedEarly && <p>{t('outcome.closedEarly', { at: when(proposal.closedEarly.atMs) })}</p>}
      {outcome.statement && <p class="outcome-statement">{outcome.statement}</p>}
      {outcome.winners.length > 0 && <p>{t('outcome.chosen', { options: optionNames(outcome.winners, proposal.options) })}</p>}
      {outcome.tied.length > 0 && <p>{t('outcome.tied', { options: optionNames(outcome.tied, proposal.options) })}</p>}
      <p>
        {t('outcome.turnout', { voted: outcome.voted, electorate: outcome.electorate, abstained: outcome.abstained })}{' '}
        {outcome.quorumMet ? t('outcome.quorumMet') : t('outcome.quorumNotMet')}
      </p>
      {!tally && <p class="notice">{t('outcome.unknownTally')}</p>}
      {tally?.kind === 'ranked_choice' && <RoundsTable tally={tally} options={proposal.options} />}
      {tally && tally.kind !== 'ranked_choice' && <TallyTable tally={tally} options={proposal.options} />}
      <p class="notice">{t('outcome.sealed', { at: when(outcome.sealedAtMs) })}</p>
    </article>
  );
}

function CorrectionForm({ proposal, onChanged }: { proposal: ProposalView; onChanged: (proposal: ProposalView) => void }) {
  const [statement, setStatement] = useState('');
  const submit = async () => {
    if (statement.trim() === '') return t('correct.missing');
    onChanged(await governanceApi.correct(proposal.id, statement.trim()));
    showToast(t('correct.done'));
    setStatement('');
    return undefined;
  };
  return (
    <details class="member-action">
      <summary>{t('correct.open')}</summary>
      <GovernanceForm label={t('correct.submit')} submit={t('correct.submit')} onSubmit={submit}>
        <TextAreaField
          id="correction-statement"
          label={t('correct.statement')}
          hint={t('correct.hint')}
          value={statement}
          onInput={setStatement}
        />
      </GovernanceForm>
    </details>
  );
}

/** `operator`: whether the person may record a correction. */
export function Outcomes(props: { proposal: ProposalView; operator: boolean; onChanged: (proposal: ProposalView) => void }) {
  const { proposal } = props;
  return (
    <section aria-labelledby="proposal-outcome">
      <h2 id="proposal-outcome">{t('outcome.heading')}</h2>
      {proposal.outcomes.length === 0 && <p>{t('outcome.awaiting')}</p>}
      {proposal.outcomes.map((outcome) => (
        <Outcome key={outcome.revision} outcome={outcome} proposal={proposal} />
      ))}
      {props.operator && proposal.outcomes.length > 0 && <CorrectionForm proposal={proposal} onChanged={props.onChanged} />}
    </section>
  );
}
