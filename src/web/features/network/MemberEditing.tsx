/** What a member's traders change on its profile page: the profile itself and its offers and wants. */
import { useState } from 'preact/hooks';
import { ListingInputSchema, type ListingKind, type MemberView, ProfileInputSchema } from '../../../shared/network-api.js';
import { Field } from '../../ui/index.js';
import { type ProfileDraft, ProfileFields, profileFieldNames } from './ApplicationForm.js';
import { SelectField, TextAreaField } from './fields.js';
import { categoryChoices } from './listings.js';
import { t } from './messages.js';
import { checkBody, InputProblem, NetworkForm } from './NetworkForm.js';
import { networkApi } from './network-client.js';

/** Description, location, website, contact and whether others see the balance. */
export function ProfileForm(props: { member: MemberView; onSaved: () => Promise<void> }) {
  const { member } = props;
  const [draft, setDraft] = useState<ProfileDraft>({
    description: member.description,
    location: member.location,
    website: member.website,
    contact: member.contact,
    showBalance: member.showBalance,
  });
  return (
    <NetworkForm
      label={t('network.profile.title')}
      submit={t('network.profile.save')}
      resultAs="toast"
      onSubmit={async () => {
        const profile = checkBody(ProfileInputSchema, draft, profileFieldNames('profile'));
        await networkApi.saveProfile(member.slug, profile);
        await props.onSaved();
        return t('network.profile.saved');
      }}
    >
      <h2>{t('network.profile.title')}</h2>
      <ProfileFields prefix="profile" draft={draft} onChange={setDraft} />
    </NetworkForm>
  );
}

/** Lists a new offer or want. */
export function ListingForm(props: { member: MemberView; onAdded: () => Promise<void> }) {
  const [kind, setKind] = useState<ListingKind>('offer');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  return (
    <NetworkForm
      label={t('network.listing.title')}
      submit={t('network.listing.add')}
      resultAs="toast"
      onSubmit={async () => {
        if (!category) throw new InputProblem(t('network.listing.categoryRequired'), 'listing-category');
        const listing = checkBody(
          ListingInputSchema,
          { kind, title, category, description },
          {
            title: { label: t('network.listing.name'), id: 'listing-title' },
            category: { label: t('network.listing.category'), id: 'listing-category' },
            description: { label: t('network.listing.description'), id: 'listing-description' },
          },
        );
        const added = await networkApi.addListing(props.member.slug, listing);
        setTitle('');
        setDescription('');
        await props.onAdded();
        return t(added.kind === 'offer' ? 'network.listing.addedOffer' : 'network.listing.addedWant', { title: added.title });
      }}
    >
      <h2>{t('network.listing.title')}</h2>
      <SelectField
        id="listing-kind"
        label={t('network.listing.kind')}
        value={kind}
        onChange={(value) => setKind(value === 'want' ? 'want' : 'offer')}
        choices={[
          { value: 'offer', label: t('network.listing.offer') },
          { value: 'want', label: t('network.listing.want') },
        ]}
      />
      <Field id="listing-title" label={t('network.listing.name')} value={title} onInput={setTitle} autoComplete="off" />
      <SelectField
        id="listing-category"
        label={t('network.listing.category')}
        value={category}
        onChange={setCategory}
        choices={[{ value: '', label: t('network.listing.chooseCategory') }, ...categoryChoices()]}
      />
      <TextAreaField id="listing-description" label={t('network.listing.description')} value={description} onInput={setDescription} />
    </NetworkForm>
  );
}
