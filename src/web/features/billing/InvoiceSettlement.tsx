/** How an invoice is paid: the bank transfer's details and reference, the payments received, what is still due, and its credit reservation. */
import type { InvoicePayment, InvoiceView } from '../../../shared/invoices-api.js';
import type { CurrencyView } from '../../../shared/network-api.js';
import { credits, day, groupsOfFour, money } from './amounts.js';
import { t } from './messages.js';

export function InvoiceSettlement({ invoice, currency }: { invoice: InvoiceView; currency: CurrencyView }) {
  const settled = invoice.status === 'paid';
  return (
    <div class="invoice-settlement">
      {!settled && <PaymentInstructions invoice={invoice} />}
      <section aria-labelledby="payments-heading">
        <h2 id="payments-heading">{t('invoice.payments')}</h2>
        {invoice.payments.length === 0 ? (
          <p>{t('invoice.noPayments')}</p>
        ) : (
          <Payments payments={invoice.payments} currencyCode={invoice.currency} currency={currency} />
        )}
        <dl class="invoice-totals">
          <dt>{t('invoice.paidMoney')}</dt>
          <dd>{money(invoice.paidMoneyMinor, invoice.currency)}</dd>
          <dt>{t('invoice.paidCredits')}</dt>
          <dd>{credits(invoice.paidCreditMinor, currency)}</dd>
          {!settled && (
            <>
              <dt class="grand">{t('invoice.stillDue')}</dt>
              <dd class="grand">
                {t('invoice.stillDueValue', {
                  money: money(invoice.dueMoneyMinor, invoice.currency),
                  credits: credits(invoice.dueCreditMinor, currency),
                })}
              </dd>
            </>
          )}
        </dl>
        {settled && <p>{t('invoice.nothingDue')}</p>}
        <CreditState invoice={invoice} currency={currency} />
      </section>
    </div>
  );
}

/** The bank transfer: holder, IBAN and BIC (when the co-op gave them) and the reference, grouped in fours as they are typed. */
function PaymentInstructions({ invoice }: { invoice: InvoiceView }) {
  const { bank } = invoice;
  return (
    <section aria-labelledby="how-to-pay-heading">
      <h2 id="how-to-pay-heading">{t('invoice.howToPay')}</h2>
      <p>{bank ? t('invoice.transfer') : t('invoice.noBank')}</p>
      <dl class="bank-details">
        {bank && (
          <>
            <dt>{t('invoice.holder')}</dt>
            <dd>{bank.holder}</dd>
            <dt>{t('invoice.iban')}</dt>
            <dd class="code">{groupsOfFour(bank.iban)}</dd>
            {bank.bic && (
              <>
                <dt>{t('invoice.bic')}</dt>
                <dd class="code">{bank.bic}</dd>
              </>
            )}
          </>
        )}
        <dt>{t('invoice.reference')}</dt>
        <dd class="code">{groupsOfFour(invoice.reference)}</dd>
      </dl>
    </section>
  );
}

/** The payments received: when, how much (its unit says whether in money or credits) and, when any has one, their notes. */
function Payments({ payments, currencyCode, currency }: { payments: InvoicePayment[]; currencyCode: string; currency: CurrencyView }) {
  const notes = payments.some((payment) => payment.note !== '');
  return (
    <table class="invoice-payments">
      <thead>
        <tr>
          <th scope="col">{t('invoice.paymentDate')}</th>
          <th scope="col" class="number">
            {t('invoice.paymentAmount')}
          </th>
          {notes && <th scope="col">{t('invoice.paymentNote')}</th>}
        </tr>
      </thead>
      <tbody>
        {payments.map((payment, index) => (
          <tr key={index}>
            <td>{day(payment.atMs)}</td>
            <td class="number">
              {payment.kind === 'money' ? money(payment.amountMinor, currencyCode) : credits(payment.amountMinor, currency)}
            </td>
            {notes && <td>{payment.note}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The credit reservation in words: reserved until the due date, too few credits, paid in credits, or released. */
export function creditStateText(invoice: InvoiceView, currency: CurrencyView): string | undefined {
  switch (invoice.creditState) {
    case 'none':
      return undefined;
    case 'reserved':
      return t('invoice.credit.reserved', { credits: credits(invoice.creditReservedMinor, currency), due: day(invoice.dueAtMs) });
    case 'insufficient':
      return invoice.creditAvailableMinor === null
        ? t('invoice.credit.unavailable')
        : t('invoice.credit.insufficient', { available: credits(invoice.creditAvailableMinor, currency) });
    case 'unavailable':
      return t('invoice.credit.unavailable');
    case 'posted':
      return t('invoice.credit.posted', { credits: credits(invoice.paidCreditMinor, currency) });
    case 'released':
      return t('invoice.credit.released');
  }
}

function CreditState({ invoice, currency }: { invoice: InvoiceView; currency: CurrencyView }) {
  const text = creditStateText(invoice, currency);
  if (!text) return null;
  return (
    <div class={`credit-state credit-${invoice.creditState}`}>
      <h3>{t('invoice.credit.heading')}</h3>
      <p>{text}</p>
    </div>
  );
}
