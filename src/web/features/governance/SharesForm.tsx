/** The operators' form for a movement of share capital: a member, subscribed/paid/repaid, a number of shares, an amount in euros, a note. */
import { useState } from 'preact/hooks';
import { Field, showToast } from '../../ui/index.js';
import { GovernanceForm, SelectField } from './GovernanceForm.js';
import { eurosToMinor } from './governance.js';
import { governanceApi, type MemberView } from './governance-client.js';
import { t } from './messages.js';

type MovementKind = 'subscribed' | 'paid' | 'repaid';
const kinds: readonly MovementKind[] = ['subscribed', 'paid', 'repaid'];

export function SharesForm({ members, onRecorded }: { members: readonly MemberView[]; onRecorded: () => void }) {
  const [memberId, setMemberId] = useState('');
  const [kind, setKind] = useState<MovementKind>('subscribed');
  const [shares, setShares] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const submit = async () => {
    const member = members.find((each) => each.id === memberId);
    if (!member) return t('shares.noMember');
    const count = /^[0-9]{1,6}$/.test(shares.trim()) ? Number(shares.trim()) : 0;
    if (count < 1 || count > 100_000) return t('shares.countInvalid');
    const amountMinor = eurosToMinor(amount);
    if (amountMinor === undefined) return t('shares.amountInvalid');
    await governanceApi.recordShares(member.id, { kind, shares: count, amountMinor, note: note.trim() });
    showToast(t('shares.done', { name: member.name }));
    setShares('');
    setAmount('');
    setNote('');
    onRecorded();
    return undefined;
  };
  return (
    <section aria-labelledby="register-shares">
      <h2 id="register-shares">{t('shares.heading')}</h2>
      <p>{t('shares.lead')}</p>
      <GovernanceForm label={t('shares.heading')} submit={t('shares.submit')} onSubmit={submit}>
        <SelectField
          id="shares-member"
          label={t('shares.member')}
          value={memberId}
          onChange={setMemberId}
          choices={[
            { value: '', label: '—' },
            ...members.map((member) => ({ value: member.id, label: `${member.name} (${member.className})` })),
          ]}
        />
        <SelectField
          id="shares-kind"
          label={t('shares.kind')}
          value={kind}
          onChange={(value) => setKind(kinds.find((each) => each === value) ?? 'subscribed')}
          choices={kinds.map((each) => ({ value: each, label: t(`shares.${each}`) }))}
        />
        <div class="field-row">
          <Field id="shares-count" label={t('shares.count')} inputMode="numeric" value={shares} onInput={setShares} />
          <Field
            id="shares-amount"
            label={t('shares.amount')}
            hint={t('shares.amountHint')}
            inputMode="decimal"
            value={amount}
            onInput={setAmount}
          />
        </div>
        <Field id="shares-note" label={t('shares.note')} hint={t('shares.noteHint')} required={false} value={note} onInput={setNote} />
      </GovernanceForm>
    </section>
  );
}
