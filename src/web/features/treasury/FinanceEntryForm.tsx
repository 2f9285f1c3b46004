/** A cost or an income Plenary cannot see itself (rent, bank fees), recorded for the co-op's finances page. */
import { useState } from 'preact/hooks';
import { Field, showToast } from '../../ui/index.js';
import { t } from './messages.js';
import { amountProblemText, TreasuryForm } from './TreasuryForm.js';
import { isoDay, readAmount } from './treasury.js';
import { treasuryApi } from './treasury-client.js';

/** Categories Plenary counts itself, which the server refuses for an entry. */
const reservedCategories = ['subscriptions', 'network_income', 'network_payments'];

/** `credit`: the network's credits, their name and decimals. */
export function FinanceEntryForm({ credit }: { credit: { name: string; scale: number } }) {
  const [bookedOn, setBookedOn] = useState(() => isoDay(Date.now()));
  const [direction, setDirection] = useState<'income' | 'expense'>('expense');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [moneyText, setMoneyText] = useState('');
  const [creditText, setCreditText] = useState('');
  const submit = async () => {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(bookedOn)) return t('entry.dateMissing');
    const name = category.trim();
    if (name === '') return t('entry.categoryMissing');
    if (reservedCategories.includes(name)) return t('entry.categoryReserved');
    const moneyAmount = moneyText.trim() === '' ? ({ ok: true, minor: '0' } as const) : readAmount(moneyText, 2, { allowZero: true });
    if (!moneyAmount.ok) return amountProblemText(moneyAmount.problem, 2);
    const creditAmount =
      creditText.trim() === '' ? ({ ok: true, minor: '0' } as const) : readAmount(creditText, credit.scale, { allowZero: true });
    if (!creditAmount.ok) return amountProblemText(creditAmount.problem, credit.scale);
    if (moneyAmount.minor === '0' && creditAmount.minor === '0') return t('entry.noAmount');
    await treasuryApi.recordEntry({
      bookedOn,
      direction,
      category: name,
      description: description.trim(),
      moneyMinor: moneyAmount.minor,
      creditMinor: creditAmount.minor,
    });
    showToast(t('entry.recorded'));
    setCategory('');
    setDescription('');
    setMoneyText('');
    setCreditText('');
    return undefined;
  };
  return (
    <section aria-labelledby="treasury-entry">
      <h2 id="treasury-entry">{t('entry.heading')}</h2>
      <p>{t('entry.lead')}</p>
      <TreasuryForm class="card treasury-form" label={t('entry.heading')} submit={t('entry.submit')} onSubmit={submit}>
        <Field id="entry-date" type="date" label={t('entry.bookedOn')} value={bookedOn} onInput={setBookedOn} />
        <div class="field">
          <label for="entry-direction">{t('entry.direction')}</label>
          <select
            id="entry-direction"
            value={direction}
            onChange={(event) => setDirection(event.currentTarget.value === 'income' ? 'income' : 'expense')}
          >
            <option value="expense">{t('entry.expense')}</option>
            <option value="income">{t('entry.income')}</option>
          </select>
        </div>
        <Field id="entry-category" label={t('entry.category')} hint={t('entry.categoryHint')} value={category} onInput={setCategory} />
        <Field
          id="entry-description"
          label={t('entry.description')}
          hint={t('entry.descriptionHint')}
          required={false}
          value={description}
          onInput={setDescription}
        />
        <Field
          id="entry-money"
          label={t('entry.money')}
          hint={t('entry.amountHint')}
          inputMode="decimal"
          required={false}
          value={moneyText}
          onInput={setMoneyText}
        />
        <Field
          id="entry-credits"
          label={t('entry.credits', { name: credit.name })}
          hint={t('entry.amountHint')}
          inputMode="decimal"
          required={false}
          value={creditText}
          onInput={setCreditText}
        />
      </TreasuryForm>
    </section>
  );
}
