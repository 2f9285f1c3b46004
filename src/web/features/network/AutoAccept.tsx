/** Auto-accept rules: payment requests from chosen members are paid at once, up to an amount or any amount. */
import { useRef, useState } from 'preact/hooks';
import type { CurrencyView } from '../../../shared/network-api.js';
import { checkAmount } from './amounts.js';
import { AmountField, SelectField } from './fields.js';
import { money } from './format.js';
import { t } from './messages.js';
import { ActionButton, ErrorLine, InputProblem, NetworkForm } from './NetworkForm.js';
import { networkApi } from './network-client.js';
import { useRemote } from './remote.js';
import type { Party } from './TradeForms.js';

export function AutoAcceptSection(props: { slug: string; trader: boolean; currency: CurrencyView; payees: Party[] }) {
  const rules = useRemote(true, props.slug, () => networkApi.autoAccept(props.slug));
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const resultLine = useRef<HTMLParagraphElement>(null);
  return (
    <section aria-labelledby="auto-accept-title">
      <h2 id="auto-accept-title">{t('network.autoAccept.title')}</h2>
      <p class="hint">{t('network.autoAccept.about')}</p>
      <p role="status" class="result" ref={resultLine} tabIndex={-1}>
        {result ?? ''}
      </p>
      <ErrorLine error={error ?? rules.error} />
      {rules.value && rules.value.rules.length === 0 && <p>{t('network.autoAccept.none')}</p>}
      {rules.value && rules.value.rules.length > 0 && (
        <ul class="rule-list">
          {rules.value.rules.map((rule) => (
            <li key={rule.payee}>
              <span>
                {rule.maxAmount === null
                  ? t('network.autoAccept.anyAmount', { name: rule.payeeName })
                  : t('network.autoAccept.upTo', { name: rule.payeeName, amount: money(rule.maxAmount, props.currency) })}
              </span>
              {props.trader && (
                <ActionButton
                  class="small"
                  onFailure={setError}
                  action={async () => {
                    setError(undefined);
                    await networkApi.removeAutoAccept(props.slug, rule.payee);
                    await rules.reload();
                    setResult(t('network.autoAccept.removed', { name: rule.payeeName }));
                    // The button is gone with its rule: focus the sentence that says so.
                    resultLine.current?.focus();
                  }}
                >
                  {t('network.autoAccept.remove')}
                  <span class="visually-hidden"> {t('network.autoAccept.removeFor', { name: rule.payeeName })}</span>
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.trader && (
        <RuleForm
          {...props}
          onSaved={async (text) => {
            await rules.reload();
            setResult(text);
          }}
        />
      )}
    </section>
  );
}

function RuleForm(props: { slug: string; currency: CurrencyView; payees: Party[]; onSaved: (text: string) => Promise<void> }) {
  const [payee, setPayee] = useState('');
  const [maxAmount, setMaxAmount] = useState('');
  return (
    <NetworkForm
      label={t('network.autoAccept.form')}
      submit={t('network.autoAccept.save')}
      onSubmit={async () => {
        const party = props.payees.find((candidate) => candidate.slug === payee);
        if (!party) throw new InputProblem(t('network.trade.memberRequired'), 'auto-accept-payee');
        let max: string | null = null;
        if (maxAmount.trim()) {
          const checked = checkAmount(maxAmount, props.currency);
          if (!checked.ok) throw new InputProblem(checked.message, 'auto-accept-max');
          max = checked.text;
        }
        await networkApi.setAutoAccept(props.slug, party.slug, max);
        setPayee('');
        setMaxAmount('');
        await props.onSaved(
          max === null
            ? t('network.autoAccept.anyAmount', { name: party.name })
            : t('network.autoAccept.upTo', { name: party.name, amount: money(max, props.currency) }),
        );
      }}
    >
      <h3>{t('network.autoAccept.form')}</h3>
      <SelectField
        id="auto-accept-payee"
        label={t('network.autoAccept.from')}
        value={payee}
        onChange={setPayee}
        choices={[
          { value: '', label: t('network.trade.chooseMember') },
          ...props.payees.map(({ slug, name }) => ({ value: slug, label: name })),
        ]}
      />
      <AmountField
        id="auto-accept-max"
        label={t('network.autoAccept.maxAmount')}
        value={maxAmount}
        onInput={setMaxAmount}
        currency={props.currency}
        required={false}
        hint={t('network.autoAccept.maxAmountHint', { currency: props.currency.name })}
      />
    </NetworkForm>
  );
}
