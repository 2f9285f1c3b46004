/**
 * The forms on a line of the log: the suspended party's appeal to the members (its statement
 * becomes a proposal), and an operator lifting a suspension still in force, with a reason.
 */
import { useState } from 'preact/hooks';
import { sanctionLimits } from '../../../shared/sanctions-api.js';
import { showToast } from '../../ui/index.js';
import { t } from './messages.js';
import { SanctionForm, TextArea } from './SanctionForm.js';
import { liftReasonProblem, sentText, statementProblem } from './sanctions.js';
import { type SanctionView, sanctionsApi } from './sanctions-client.js';

/** The appeal of a suspension; `onAppealed` hears of the proposal the members vote on. */
export function AppealForm({ line, onAppealed }: { line: SanctionView; onAppealed: (proposalId: string) => void }) {
  const [statement, setStatement] = useState('');
  const submit = async () => {
    const problem = statementProblem(statement);
    if (problem === 'statementMissing') return t('appeal.statementMissing');
    if (problem === 'statementTooLong') return t('appeal.statementTooLong', { max: sanctionLimits.statementCharactersMax });
    const proposalId = await sanctionsApi.appeal(line.id, { statement: sentText(statement) });
    showToast(t('appeal.done'));
    onAppealed(proposalId);
    return undefined;
  };
  return (
    <SanctionForm label={t('appeal.form', { subject: line.subject })} submit={t('appeal.submit')} onSubmit={submit}>
      <p class="notice">{t('appeal.lead')}</p>
      <TextArea
        id={`appeal-${line.id}`}
        label={t('appeal.statement')}
        hint={t('appeal.statementHint', { max: sanctionLimits.statementCharactersMax })}
        rows={5}
        value={statement}
        onInput={setStatement}
      />
    </SanctionForm>
  );
}

/** An operator lifts a suspension in force; `onLifted` hears of the new line of the log. */
export function LiftForm({ line, onLifted }: { line: SanctionView; onLifted: (reinstated: SanctionView) => void }) {
  const [reason, setReason] = useState('');
  const submit = async () => {
    const problem = liftReasonProblem(reason);
    if (problem === 'reasonMissing') return t('lift.reasonMissing');
    if (problem === 'reasonTooLong') return t('lift.reasonTooLong', { max: sanctionLimits.reasonCharactersMax });
    const reinstated = await sanctionsApi.lift(line.id, { reason: sentText(reason) });
    showToast(t('lift.done', { subject: line.subject }));
    onLifted(reinstated);
    return undefined;
  };
  return (
    <SanctionForm label={t('lift.form', { subject: line.subject })} submit={t('lift.submit')} onSubmit={submit}>
      <TextArea
        id={`lift-${line.id}`}
        label={t('lift.reason')}
        hint={t('lift.reasonHint', { subject: line.subject })}
        value={reason}
        onInput={setReason}
      />
    </SanctionForm>
  );
}
