/**
 * What may be done to a member in the register: the operators admit or decline an application
 * (with a reason); the member's own people resign it (asked first) and, for an organisation, name
 * who votes for it. The server checks each again.
 */
import { useState } from 'preact/hooks';
import { ConfirmForm } from '../../ui/ConfirmForm.js';
import { Button, ErrorLine, Field, showToast } from '../../ui/index.js';
import { GovernanceForm } from './GovernanceForm.js';
import { governanceApi, type MemberView, refusal } from './governance-client.js';
import { t } from './messages.js';

function Admit({ member, onChanged }: { member: MemberView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const admit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await governanceApi.admit(member.id);
      showToast(t('admit.done', { name: member.name }));
      onChanged();
    } catch (failure) {
      setError(refusal(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="primary" class="small" busy={busy} aria-label={t('admit.label', { name: member.name })} onClick={() => void admit()}>
        {t('admit.button')}
      </Button>
      <ErrorLine error={error} />
    </>
  );
}

function Decline({ member, onChanged }: { member: MemberView; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (reason.trim() === '') return t('decline.reasonMissing');
    await governanceApi.decline(member.id, reason.trim());
    showToast(t('decline.done', { name: member.name }));
    onChanged();
    return undefined;
  };
  return (
    <details class="member-action">
      <summary>{t('decline.open')}</summary>
      <GovernanceForm label={t('decline.form', { name: member.name })} submit={t('decline.submit')} variant="danger" onSubmit={submit}>
        <Field id={`decline-${member.id}`} label={t('decline.reason')} hint={t('decline.reasonHint')} value={reason} onInput={setReason} />
      </GovernanceForm>
    </details>
  );
}

function Resign({ member, onChanged }: { member: MemberView; onChanged: () => void }) {
  return (
    <details class="member-action">
      <summary>{t('resign.open')}</summary>
      <ConfirmForm
        label={t('resign.form', { name: member.name })}
        submit={t('resign.yes')}
        question={t('resign.question', { name: member.name })}
        yes={t('resign.yes')}
        no={t('resign.no')}
        onSubmit={async () => {
          await governanceApi.resign(member.id);
          showToast(t('resign.done', { name: member.name }));
          onChanged();
        }}
      >
        <p>{t('resign.question', { name: member.name })}</p>
      </ConfirmForm>
    </details>
  );
}

function NameVoter({ member, onChanged }: { member: MemberView; onChanged: () => void }) {
  const [email, setEmail] = useState('');
  const submit = async () => {
    if (email.trim() === '') return t('voter.emailMissing');
    const updated = await governanceApi.nameVoter(member.id, email.trim());
    showToast(t('voter.done', { voter: updated.voterName, name: member.name }));
    setEmail('');
    onChanged();
    return undefined;
  };
  return (
    <details class="member-action">
      <summary>{t('voter.open')}</summary>
      <GovernanceForm label={t('voter.form', { name: member.name })} submit={t('voter.submit')} onSubmit={submit}>
        <Field
          id={`voter-${member.id}`}
          type="email"
          inputMode="email"
          autoComplete="off"
          label={t('voter.email')}
          hint={t('voter.emailHint')}
          value={email}
          onInput={setEmail}
        />
      </GovernanceForm>
    </details>
  );
}

/** The actions this person may take on `member`: `operator` for the operators', `speaksFor` for its own people's. */
export function MemberActions(props: { member: MemberView; operator: boolean; speaksFor: boolean; onChanged: () => void }) {
  const { member, onChanged } = props;
  const current = member.status === 'applied' || member.status === 'admitted';
  return (
    <div class="member-actions">
      {props.operator && member.status === 'applied' && <Admit member={member} onChanged={onChanged} />}
      {props.operator && member.status === 'applied' && <Decline member={member} onChanged={onChanged} />}
      {props.speaksFor && current && member.holder === 'organisation' && <NameVoter member={member} onChanged={onChanged} />}
      {props.speaksFor && current && <Resign member={member} onChanged={onChanged} />}
    </div>
  );
}
