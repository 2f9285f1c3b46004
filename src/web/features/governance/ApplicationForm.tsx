/** Applying to join: a class; for a class of organisations, one the person owns or administers; for people, their commitment. */
import { useState } from 'preact/hooks';
import type { SessionView } from '../../../shared/accounts-api.js';
import { showToast } from '../../ui/index.js';
import { GovernanceForm, SelectField, TextAreaField } from './GovernanceForm.js';
import { governanceApi, type MemberClassView, type MemberView } from './governance-client.js';
import { t } from './messages.js';

export function ApplicationForm(props: {
  classes: readonly MemberClassView[];
  organisations: SessionView['person']['organisations'];
  onApplied: (member: MemberView) => void;
}) {
  const runs = props.organisations.filter((organisation) => organisation.role === 'owner' || organisation.role === 'admin');
  const [classId, setClassId] = useState(props.classes[0]?.id ?? '');
  const [organisation, setOrganisation] = useState(runs[0]?.slug ?? '');
  const [commitment, setCommitment] = useState('');
  const chosen = props.classes.find((each) => each.id === classId);
  const forOrganisations = chosen?.holder === 'organisation';
  const submit = async () => {
    if (!chosen) return undefined;
    if (forOrganisations && organisation === '') return t('apply.noOrganisation');
    if (!forOrganisations && commitment.trim() === '') return t('apply.commitmentMissing');
    const member = await governanceApi.apply({
      classId,
      ...(forOrganisations ? { organisation } : {}),
      commitment: forOrganisations ? '' : commitment.trim(),
    });
    showToast(t('apply.sent', { name: member.name, className: member.className }));
    setCommitment('');
    props.onApplied(member);
    return undefined;
  };
  return (
    <section aria-labelledby="coop-apply">
      <h2 id="coop-apply">{t('apply.heading')}</h2>
      <GovernanceForm label={t('apply.heading')} submit={t('apply.submit')} onSubmit={submit}>
        <SelectField
          id="apply-class"
          label={t('apply.class')}
          value={classId}
          onChange={setClassId}
          choices={props.classes.map((each) => ({ value: each.id, label: each.name }))}
          hint={chosen?.description}
        />
        {forOrganisations && runs.length > 0 && (
          <SelectField
            id="apply-organisation"
            label={t('apply.organisation')}
            value={organisation}
            onChange={setOrganisation}
            choices={runs.map((each) => ({ value: each.slug, label: each.name }))}
            hint={t('apply.organisationHint')}
          />
        )}
        {forOrganisations && runs.length === 0 && <p class="notice">{t('apply.noOrganisation')}</p>}
        {!forOrganisations && (
          <TextAreaField
            id="apply-commitment"
            label={t('apply.commitment')}
            hint={t('apply.commitmentHint')}
            value={commitment}
            onInput={setCommitment}
            rows={3}
          />
        )}
      </GovernanceForm>
    </section>
  );
}
