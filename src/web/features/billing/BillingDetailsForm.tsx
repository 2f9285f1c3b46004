/** An organisation's billing details: what its invoices say about it, their language, and how it pays them in credits. */
import { useState } from 'preact/hooks';
import {
  type BillingProfile,
  type BillingProfileView,
  BillingProfileViewSchema,
  type CreditPaymentMode,
  creditPaymentModes,
} from '../../../shared/invoices-api.js';
import { callApi } from '../../app/api.js';
import { isLanguage, languageNames, languages } from '../../app/intl/language.js';
import { ActionForm, Field, Link, showToast } from '../../ui/index.js';
import { t } from './messages.js';
import { billingApi } from './paths.js';

export function BillingDetailsForm({ slug, initial }: { slug: string; initial: BillingProfileView }) {
  const [profile, setProfile] = useState<BillingProfile>(initial.profile);
  const [tradingMember, setTradingMember] = useState(initial.tradingMember);
  const change = (fields: Partial<BillingProfile>) => setProfile((current) => ({ ...current, ...fields }));
  return (
    <ActionForm
      class="card billing-details"
      label={t('details.heading')}
      submit={t('details.save')}
      onSubmit={async () => {
        const saved = await callApi(BillingProfileViewSchema, billingApi.profile(slug), { method: 'PUT', body: profile });
        setProfile(saved.profile);
        setTradingMember(saved.tradingMember);
        showToast(t('details.saved'));
      }}
    >
      <h2>{t('details.heading')}</h2>
      <Field
        id="billing-legal-name"
        label={t('details.legalName')}
        value={profile.legalName}
        onInput={(legalName) => change({ legalName })}
        autoComplete="organization"
      />
      <div class="field">
        <label for="billing-address">{t('details.address')}</label>
        <textarea
          id="billing-address"
          rows={5}
          value={profile.address}
          autoComplete="street-address"
          aria-describedby="billing-address-hint"
          onInput={(event) => change({ address: event.currentTarget.value })}
        />
        <p id="billing-address-hint" class="hint">
          {t('details.addressHint')}
        </p>
      </div>
      <Field
        id="billing-tax-id"
        label={t('details.taxId')}
        value={profile.taxId}
        onInput={(taxId) => change({ taxId })}
        required={false}
        hint={t('details.optional')}
      />
      <Field
        id="billing-email"
        label={t('details.email')}
        type="email"
        inputMode="email"
        value={profile.email}
        onInput={(email) => change({ email })}
        autoComplete="email"
        required={false}
        hint={t('details.optional')}
      />
      <div class="field">
        <label for="billing-language">{t('details.language')}</label>
        <select
          id="billing-language"
          value={profile.language}
          onChange={(event) => {
            const language = event.currentTarget.value;
            if (isLanguage(language)) change({ language });
          }}
        >
          {languages.map((language) => (
            <option key={language} value={language} lang={language}>
              {languageNames[language]}
            </option>
          ))}
        </select>
      </div>
      <CreditPaymentChoice
        value={profile.creditPayment}
        tradingMember={tradingMember}
        onChange={(creditPayment) => change({ creditPayment })}
      />
    </ActionForm>
  );
}

/** Off, automatic or by request; the credit choices disabled, with why, for an organisation that is not a trading member. */
function CreditPaymentChoice(props: { value: CreditPaymentMode; tradingMember: boolean; onChange: (mode: CreditPaymentMode) => void }) {
  const hintId = 'billing-credit-hint';
  return (
    <fieldset class="credit-payment" aria-describedby={hintId}>
      <legend>{t('details.creditPayment')}</legend>
      {creditPaymentModes.map((mode) => (
        <label key={mode} class="check">
          <input
            type="radio"
            name="billing-credit-payment"
            value={mode}
            checked={props.value === mode}
            disabled={mode !== 'off' && !props.tradingMember}
            onChange={() => props.onChange(mode)}
          />
          {t(`details.credit.${mode}`)}
        </label>
      ))}
      {props.tradingMember ? (
        <p id={hintId} class="hint">
          {t('details.creditHint')}
        </p>
      ) : (
        <p id={hintId} class="hint">
          {t('details.creditNeedsMember')} <Link href="/network">{t('details.joinNetwork')}</Link>
        </p>
      )}
    </fieldset>
  );
}
