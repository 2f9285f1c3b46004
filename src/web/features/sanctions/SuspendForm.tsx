/**
 * An operator suspends an organisation from holding meetings (by its short name) or an admitted
 * member from membership of the co-op (chosen from the register), with a reason of at least 10
 * characters; a confirmation is asked first, naming the party, and the log is then refreshed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sanctionLimits } from '../../../shared/sanctions-api.js';
import { Button, ErrorLine, Field, Prompt, showToast } from '../../ui/index.js';
import { t } from './messages.js';
import { TextArea, useSubmission } from './SanctionForm.js';
import { type SuspensionProblem, suspendableMembers, suspensionRequestOf } from './sanctions.js';
import {
  type LocalSanctionScope,
  type MemberView,
  refusal,
  type SanctionView,
  type SuspensionRequest,
  sanctionsApi,
} from './sanctions-client.js';

function problemText(problem: SuspensionProblem): string {
  switch (problem) {
    case 'organisationMissing':
      return t('suspend.organisationMissing');
    case 'memberMissing':
      return t('suspend.memberMissing');
    case 'reasonTooShort':
      return t('suspend.reasonTooShort', { min: sanctionLimits.reasonCharactersMin });
    case 'reasonTooLong':
      return t('suspend.reasonTooLong', { max: sanctionLimits.reasonCharactersMax });
  }
}

/** The admitted members, loaded when first needed; `reload` after one is suspended. */
function useSuspendableMembers(wanted: boolean) {
  const [members, setMembers] = useState<MemberView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    sanctionsApi.members().then(
      (all) => current && setMembers(suspendableMembers(all)),
      (failure: unknown) => current && setError(refusal(failure)),
    );
    return () => {
      current = false;
    };
  }, [wanted, generation]);
  return { members, error, reload: () => setGeneration((before) => before + 1) };
}

/** Where the suspension applies: two radio buttons in a fieldset. */
function ScopeChoice({ scope, onChange }: { scope: LocalSanctionScope; onChange: (scope: LocalSanctionScope) => void }) {
  const choices: Array<{ value: LocalSanctionScope; label: string }> = [
    { value: 'meetings', label: t('suspend.meetings') },
    { value: 'membership', label: t('suspend.membership') },
  ];
  return (
    <fieldset class="sanction-scope">
      <legend>{t('suspend.where')}</legend>
      {choices.map((choice) => (
        <label key={choice.value} class="check">
          <input
            type="radio"
            name="sanction-scope"
            value={choice.value}
            checked={scope === choice.value}
            onChange={() => onChange(choice.value)}
          />{' '}
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The admitted members as a select, or why there is none to choose. */
function MemberChoice(props: {
  members: MemberView[] | undefined;
  error: string | undefined;
  value: string;
  onChange: (id: string) => void;
}) {
  if (props.error) return <ErrorLine error={props.error} />;
  if (!props.members) return <p aria-live="polite">{t('suspend.membersLoading')}</p>;
  if (props.members.length === 0) return <p class="notice">{t('suspend.noMembers')}</p>;
  return (
    <div class="field">
      <label for="sanction-member">{t('suspend.member')}</label>
      <select id="sanction-member" required value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <option value="">{t('suspend.chooseMember')}</option>
        {props.members.map((member) => (
          <option key={member.id} value={member.id}>
            {t('suspend.memberOption', { name: member.name, className: member.className })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The question asked before suspending, naming the party. */
function question(request: SuspensionRequest, members: readonly MemberView[] | undefined): string {
  if (request.scope === 'meetings') return t('suspend.confirmMeetings', { organisation: request.organisation });
  const name = members?.find((member) => member.id === request.memberId)?.name ?? request.memberId;
  return t('suspend.confirmMembership', { name });
}

/** The suspend form, under its heading; `onSuspended` hears of the new line of the log. */
export function SuspendForm({ onSuspended }: { onSuspended: (line: SanctionView) => void }) {
  const [scope, setScope] = useState<LocalSanctionScope>('meetings');
  const [organisation, setOrganisation] = useState('');
  const [memberId, setMemberId] = useState('');
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState<SuspensionRequest | undefined>();
  const members = useSuspendableMembers(scope === 'membership');
  const { busy, error, setError, run } = useSubmission();
  const submitButton = useRef<HTMLButtonElement>(null);
  const noButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) noButton.current?.focus();
  }, [asking]);
  const review = () => {
    const request = suspensionRequestOf({ scope, organisation, memberId, reason });
    if ('problem' in request) {
      setAsking(undefined);
      setError(problemText(request.problem));
      return;
    }
    setError(undefined);
    setAsking(request);
  };
  const suspend = (request: SuspensionRequest) => {
    setAsking(undefined);
    run(async () => {
      const line = await sanctionsApi.suspend(request);
      showToast(t('suspend.done', { subject: line.subject }));
      setOrganisation('');
      setMemberId('');
      setReason('');
      if (request.scope === 'membership') members.reload();
      onSuspended(line);
      return undefined;
    });
  };
  const goBack = () => {
    setAsking(undefined);
    submitButton.current?.focus();
  };
  return (
    <section aria-labelledby="sanction-suspend">
      <h2 id="sanction-suspend">{t('suspend.heading')}</h2>
      <p class="notice">{t('suspend.lead')}</p>
      <form
        class="card sanction-form"
        aria-label={t('suspend.form')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) review();
        }}
      >
        <ScopeChoice
          scope={scope}
          onChange={(chosen) => {
            setScope(chosen);
            setAsking(undefined);
            setError(undefined);
          }}
        />
        {scope === 'meetings' ? (
          <Field
            id="sanction-organisation"
            label={t('suspend.organisation')}
            hint={t('suspend.organisationHint')}
            autoComplete="off"
            value={organisation}
            onInput={setOrganisation}
          />
        ) : (
          <MemberChoice members={members.members} error={members.error} value={memberId} onChange={setMemberId} />
        )}
        <TextArea
          id="sanction-reason"
          label={t('suspend.reason')}
          hint={t('suspend.reasonHint', { min: sanctionLimits.reasonCharactersMin })}
          rows={4}
          value={reason}
          onInput={setReason}
        />
        {/* Plain buttons where the focus is moved: `Button` takes no ref. */}
        <button ref={submitButton} type="submit" class="danger" disabled={busy} aria-busy={busy}>
          {t('suspend.submit')}
        </button>
        {asking && (
          <Prompt text={question(asking, members.members)} class="confirmation">
            <div class="row">
              <Button variant="danger" onClick={() => suspend(asking)}>
                {t('suspend.yes')}
              </Button>
              <button ref={noButton} type="button" onClick={goBack}>
                {t('suspend.no')}
              </button>
            </div>
          </Prompt>
        )}
        <ErrorLine error={error} />
      </form>
    </section>
  );
}
