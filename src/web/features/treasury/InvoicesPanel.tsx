/** The invoices across organisations, open or paid, the overdue marked, and a payment recorded by hand on an open one. */
import { useEffect, useState } from 'preact/hooks';
import { EmptyState, ErrorLine, Field, showToast } from '../../ui/index.js';
import { t } from './messages.js';
import { amountProblemText, TreasuryForm, treasuryRefusal } from './TreasuryForm.js';
import { isOverdue, money, readAmount, shortDay } from './treasury.js';
import { type TreasuryInvoice, treasuryApi } from './treasury-client.js';

function PaymentForm({ invoice, onRecorded }: { invoice: TreasuryInvoice; onRecorded: () => void }) {
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const id = `payment-${invoice.number}`;
  const submit = async () => {
    const reading = readAmount(amount);
    if (!reading.ok) return amountProblemText(reading.problem, 2);
    const outcome = await treasuryApi.recordPayment(invoice.number, reading.minor, note.trim());
    showToast(
      outcome.paid
        ? t('payment.paid', { number: invoice.number })
        : t('payment.recorded', { number: invoice.number, due: money(outcome.dueMoneyMinor, invoice.currency) }),
    );
    setAmount('');
    setNote('');
    onRecorded();
    return undefined;
  };
  return (
    <TreasuryForm
      class="treasury-form"
      label={t('payment.form', { number: invoice.number })}
      submit={t('payment.submit')}
      onSubmit={submit}
    >
      <Field
        id={`${id}-amount`}
        label={t('payment.amount')}
        hint={t('payment.amountHint')}
        inputMode="decimal"
        value={amount}
        onInput={setAmount}
      />
      <Field id={`${id}-note`} label={t('payment.note')} hint={t('payment.noteHint')} required={false} value={note} onInput={setNote} />
    </TreasuryForm>
  );
}

function Status({ invoice, nowMs }: { invoice: TreasuryInvoice; nowMs: number }) {
  const status = invoice.status === 'paid' ? 'paid' : isOverdue(invoice, nowMs) ? 'overdue' : 'open';
  const words = { paid: t('invoices.statusPaid'), overdue: t('invoices.overdue'), open: t('invoices.statusOpen') };
  return <span class={`treasury-status status-${status}`}>{words[status]}</span>;
}

function InvoiceTable({ invoices, onChanged }: { invoices: TreasuryInvoice[]; onChanged: () => void }) {
  const nowMs = Date.now();
  return (
    <div class="table-scroll">
      <table class="treasury-table">
        <thead>
          <tr>
            <th scope="col">{t('invoices.number')}</th>
            <th scope="col">{t('invoices.organisation')}</th>
            <th scope="col">{t('invoices.issued')}</th>
            <th scope="col">{t('invoices.due')}</th>
            <th scope="col" class="number">
              {t('invoices.gross')}
            </th>
            <th scope="col" class="number">
              {t('invoices.stillDue')}
            </th>
            <th scope="col">{t('invoices.reference')}</th>
            <th scope="col">{t('invoices.status')}</th>
            <th scope="col">{t('invoices.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.number}>
              <th scope="row">{invoice.number}</th>
              <td>{invoice.organisationName}</td>
              <td class="nowrap">{shortDay(invoice.issuedAtMs)}</td>
              <td class="nowrap">{shortDay(invoice.dueAtMs)}</td>
              <td class="number">{money(invoice.grossMinor, invoice.currency)}</td>
              <td class="number">{money(invoice.dueMoneyMinor, invoice.currency)}</td>
              <td class="nowrap">{invoice.reference}</td>
              <td>
                <Status invoice={invoice} nowMs={nowMs} />
              </td>
              <td>
                {invoice.status === 'open' && (
                  <details class="record-payment">
                    <summary>{t('payment.open')}</summary>
                    <PaymentForm invoice={invoice} onRecorded={onChanged} />
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `open`: the open invoices the page loaded; `onChanged`: a payment was recorded (the page reloads). */
export function InvoicesPanel({ open, onChanged }: { open: TreasuryInvoice[]; onChanged: () => void }) {
  const [status, setStatus] = useState<'open' | 'paid'>('open');
  const [paid, setPaid] = useState<TreasuryInvoice[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (status !== 'paid') return;
    setError(undefined);
    treasuryApi.invoices('paid').then(setPaid, (failure: unknown) => setError(treasuryRefusal(failure)));
  }, [status, open]);
  const invoices = status === 'open' ? open : paid;
  return (
    <section aria-labelledby="treasury-invoices">
      <h2 id="treasury-invoices">{t('invoices.heading')}</h2>
      <fieldset class="treasury-toggle">
        <legend class="visually-hidden">{t('invoices.show')}</legend>
        {(['open', 'paid'] as const).map((choice) => (
          <button key={choice} type="button" aria-pressed={status === choice} onClick={() => setStatus(choice)}>
            {t(choice === 'open' ? 'invoices.open' : 'invoices.paid')}
          </button>
        ))}
      </fieldset>
      <ErrorLine error={error} />
      {!invoices && !error && <p aria-live="polite">{t('invoices.loading')}</p>}
      {invoices &&
        (invoices.length === 0 ? (
          <EmptyState text={t(status === 'open' ? 'invoices.emptyOpen' : 'invoices.emptyPaid')} />
        ) : (
          <InvoiceTable invoices={invoices} onChanged={onChanged} />
        ))}
    </section>
  );
}
