/** Applying to join the network: for one of your organisations, or as a new business that only trades. */
import { useState } from 'preact/hooks';
import { ApplicationRequestSchema } from '../../../shared/network-api.js';
import { refreshSession } from '../../app/session.js';
import { Field } from '../../ui/index.js';
import { CheckField, RadioGroup, SelectField, TextAreaField } from './fields.js';
import { t } from './messages.js';
import { checkBody, NetworkForm } from './NetworkForm.js';
import { networkApi } from './network-client.js';

/** The profile fields every application and profile form shares. */
export interface ProfileDraft {
  description: string;
  location: string;
  website: string;
  contact: string;
  showBalance: boolean;
}

/** Description, location, website, contact and the trust-indicator checkbox, with ids from `prefix`. */
export function ProfileFields(props: { prefix: string; draft: ProfileDraft; onChange: (draft: ProfileDraft) => void }) {
  const { prefix, draft, onChange } = props;
  return (
    <>
      <TextAreaField
        id={`${prefix}-description`}
        label={t('network.profile.description')}
        value={draft.description}
        onInput={(description) => onChange({ ...draft, description })}
        hint={t('network.profile.descriptionHint')}
      />
      <Field
        id={`${prefix}-location`}
        label={t('network.profile.location')}
        value={draft.location}
        onInput={(location) => onChange({ ...draft, location })}
        autoComplete="address-level2"
        required={false}
      />
      <Field
        id={`${prefix}-website`}
        label={t('network.profile.website')}
        type="url"
        value={draft.website}
        onInput={(website) => onChange({ ...draft, website })}
        autoComplete="url"
        required={false}
        hint={t('network.profile.websiteHint')}
      />
      <Field
        id={`${prefix}-contact`}
        label={t('network.profile.contact')}
        value={draft.contact}
        onInput={(contact) => onChange({ ...draft, contact })}
        autoComplete="off"
        required={false}
        hint={t('network.profile.contactHint')}
      />
      <CheckField
        id={`${prefix}-show-balance`}
        label={t('network.profile.showBalance')}
        checked={draft.showBalance}
        onChange={(showBalance) => onChange({ ...draft, showBalance })}
      />
    </>
  );
}

/** Labels and ids of the profile fields, for `checkBody`; `path` is where the profile sits in the body. */
export function profileFieldNames(prefix: string, path = ''): Record<string, { label: string; id: string }> {
  const names: Record<string, { label: string; id: string }> = {};
  for (const field of ['description', 'location', 'website', 'contact'] as const) {
    names[`${path}${field}`] = { label: t(`network.profile.${field}`), id: `${prefix}-${field}` };
  }
  return names;
}

export function ApplicationForm(props: { organisations: { slug: string; name: string }[]; onApplied: (name: string) => Promise<void> }) {
  const { organisations } = props;
  const [applicant, setApplicant] = useState<'organisation' | 'business'>(organisations.length > 0 ? 'organisation' : 'business');
  const [organisation, setOrganisation] = useState(organisations[0]?.slug ?? '');
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [profile, setProfile] = useState<ProfileDraft>({ description: '', location: '', website: '', contact: '', showBalance: false });
  return (
    <NetworkForm
      label={t('network.apply.title')}
      submit={t('network.apply.submit')}
      onSubmit={async () => {
        const body = checkBody(
          ApplicationRequestSchema,
          { ...(applicant === 'organisation' ? { organisation } : { business: { name, slug } }), profile },
          {
            organisation: { label: t('network.apply.organisation'), id: 'apply-organisation' },
            'business.name': { label: t('network.apply.businessName'), id: 'apply-name' },
            'business.slug': { label: t('network.apply.businessSlug'), id: 'apply-slug' },
            ...profileFieldNames('apply', 'profile.'),
          },
        );
        const applied = await networkApi.apply(body);
        if (body.business) await refreshSession();
        await props.onApplied(applied.name);
      }}
    >
      <RadioGroup
        name="apply-applicant"
        legend={t('network.apply.who')}
        value={applicant}
        onChange={(value) => setApplicant(value === 'organisation' ? 'organisation' : 'business')}
        choices={[
          { value: 'organisation', label: t('network.apply.myOrganisation') },
          { value: 'business', label: t('network.apply.newBusiness') },
        ]}
        disabled={organisations.length === 0 ? ['organisation'] : []}
      />
      {organisations.length === 0 && <p class="hint">{t('network.apply.noOrganisations')}</p>}
      {applicant === 'organisation' ? (
        <SelectField
          id="apply-organisation"
          label={t('network.apply.organisation')}
          value={organisation}
          onChange={setOrganisation}
          choices={organisations.map((candidate) => ({ value: candidate.slug, label: candidate.name }))}
        />
      ) : (
        <>
          <Field id="apply-name" label={t('network.apply.businessName')} value={name} onInput={setName} autoComplete="organization" />
          <Field
            id="apply-slug"
            label={t('network.apply.businessSlug')}
            value={slug}
            onInput={setSlug}
            autoComplete="off"
            hint={t('network.apply.businessSlugHint')}
          />
        </>
      )}
      <ProfileFields prefix="apply" draft={profile} onChange={setProfile} />
    </NetworkForm>
  );
}
