/**
 * Paying an open invoice in credits: everything still due in credits, or a part of it (the rest is
 * then due in money). Each submission carries an idempotency key, kept while the answer is
 * unknown (a retry after a lost answer pays once) and renewed once the server has answered.
 */
import { useRef, useState } from 'preact/hooks';
import { type InvoiceView, InvoiceViewSchema } from '../../../shared/invoices-api.js';
import type { CurrencyView } from '../../../shared/network-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { Button, ErrorLine, showToast } from '../../ui/index.js';
import { credits } from './amounts.js';
import { checkCreditAmount } from './credit-amount.js';
import { t } from './messages.js';
import { billingApi } from './paths.js';
import { billingRefusal } from './refusal.js';

export function CreditPaymentForm(props: {
  slug: string;
  invoice: InvoiceView;
  currency: CurrencyView;
  onPaid: (invoice: InvoiceView) => void;
}) {
  const { slug, invoice, currency } = props;
  const [part, setPart] = useState(false);
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [amountError, setAmountError] = useState<string | undefined>();
  const key = useRef<string | undefined>();
  const due = credits(invoice.dueCreditMinor, currency);
  const submit = async () => {
    setError(undefined);
    setAmountError(undefined);
    let amountMinor: string | undefined;
    if (part) {
      const checked = checkCreditAmount(amount, currency.scale, BigInt(invoice.dueCreditMinor));
      if (!checked.ok) {
        setAmountError(
          checked.problem === 'too_large' ? t('pay.amountTooLarge', { credits: due }) : t('pay.amountInvalid', { places: currency.scale }),
        );
        return;
      }
      amountMinor = checked.minorUnits.toString();
    }
    key.current ??= crypto.randomUUID();
    setBusy(true);
    try {
      const paid = await callApi(InvoiceViewSchema, billingApi.creditPayment(slug, invoice.number), {
        method: 'POST',
        body: { idempotencyKey: key.current, ...(amountMinor === undefined ? {} : { amountMinor }) },
      });
      key.current = undefined;
      setAmount('');
      setPart(false);
      props.onPaid(paid);
      showToast(t('pay.done'));
    } catch (failure) {
      // Unanswered (network): the same key on the retry; answered (a refusal): a new one.
      if (!(failure instanceof ApiFailure && failure.status === 0)) key.current = undefined;
      setError(billingRefusal(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="card pay-in-credits"
      aria-labelledby="pay-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="pay-heading">{t('pay.heading')}</h2>
      <fieldset>
        <legend>{t('pay.how')}</legend>
        <label class="check">
          <input type="radio" name="pay-how" checked={!part} onChange={() => setPart(false)} />
          {t('pay.all', { credits: due })}
        </label>
        <label class="check">
          <input type="radio" name="pay-how" checked={part} onChange={() => setPart(true)} />
          {t('pay.part')}
        </label>
      </fieldset>
      {part && (
        <div class="field">
          <label for="pay-amount">{t('pay.amount')}</label>
          <input
            id="pay-amount"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            aria-describedby={amountError ? 'pay-amount-error pay-amount-hint' : 'pay-amount-hint'}
            aria-invalid={amountError !== undefined}
            onInput={(event) => setAmount(event.currentTarget.value)}
          />
          {amountError && (
            <p id="pay-amount-error" class="error" role="alert">
              {amountError}
            </p>
          )}
          <p id="pay-amount-hint" class="hint">
            {t('pay.amountHint', { currency: currency.name, credits: due })}
          </p>
        </div>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        {t('pay.submit')}
      </Button>
      <ErrorLine error={error} />
    </form>
  );
}
