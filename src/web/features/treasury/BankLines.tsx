/** The statement lines no invoice matched: each assigned to an invoice by its number, or set aside. */
import { useEffect, useState } from 'preact/hooks';
import { Button, EmptyState, ErrorLine, showToast } from '../../ui/index.js';
import { t } from './messages.js';
import { TreasuryForm, treasuryRefusal } from './TreasuryForm.js';
import { bookedDay, isInvoiceNumber, money } from './treasury.js';
import { type BankLine, type TreasuryInvoice, treasuryApi } from './treasury-client.js';

function LineActions({ line, onChanged }: { line: BankLine; onChanged: () => void }) {
  const [invoiceNumber, setInvoiceNumber] = useState(line.reference && isInvoiceNumber(line.reference) ? line.reference : '');
  const [ignoring, setIgnoring] = useState(false);
  const [ignoreError, setIgnoreError] = useState<string | undefined>();
  const id = `line-${line.bankLineId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const words = { amount: money(line.amountMinor, line.currency), day: bookedDay(line.bookedOn) };
  const assign = async () => {
    const number = invoiceNumber.trim();
    if (!isInvoiceNumber(number)) return t('lines.badInvoice');
    const outcome = await treasuryApi.assignLine(line.bankLineId, number);
    showToast(outcome.paid ? t('lines.assignedPaid', { number }) : t('lines.assigned', { number }));
    onChanged();
    return undefined;
  };
  const ignore = async () => {
    setIgnoring(true);
    setIgnoreError(undefined);
    try {
      await treasuryApi.ignoreLine(line.bankLineId);
      showToast(t('lines.ignored'));
      onChanged();
    } catch (failure) {
      setIgnoreError(treasuryRefusal(failure));
    } finally {
      setIgnoring(false);
    }
  };
  return (
    <div class="bank-line-actions">
      <TreasuryForm class="treasury-form inline" label={t('lines.assignForm', words)} submit={t('lines.assign')} onSubmit={assign}>
        <div class="field">
          <label for={`${id}-invoice`}>{t('lines.invoice')}</label>
          <input
            id={`${id}-invoice`}
            type="text"
            list="treasury-open-invoices"
            value={invoiceNumber}
            aria-describedby={`${id}-invoice-hint`}
            onInput={(event) => setInvoiceNumber(event.currentTarget.value)}
          />
          <p id={`${id}-invoice-hint`} class="hint">
            {t('lines.invoiceHint')}
          </p>
        </div>
      </TreasuryForm>
      <div>
        <Button busy={ignoring} onClick={() => void ignore()} aria-label={t('lines.ignoreLabel', words)}>
          {t('lines.ignore')}
        </Button>
        <ErrorLine error={ignoreError} />
      </div>
    </div>
  );
}

/** `open`: the open invoices, offered as numbers to assign to; `revision`: reloads when it changes; `onChanged`: a line was assigned or set aside. */
export function BankLines(props: { open: TreasuryInvoice[]; revision: number; onChanged: () => void }) {
  const [lines, setLines] = useState<BankLine[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setError(undefined);
    treasuryApi.bankLines().then(setLines, (failure: unknown) => setError(treasuryRefusal(failure)));
  }, [props.revision]);
  return (
    <section aria-labelledby="treasury-lines">
      <h2 id="treasury-lines">{t('lines.heading')}</h2>
      <datalist id="treasury-open-invoices">
        {props.open.map((invoice) => (
          <option key={invoice.number} value={invoice.number}>
            {`${invoice.organisationName} · ${money(invoice.dueMoneyMinor, invoice.currency)}`}
          </option>
        ))}
      </datalist>
      <ErrorLine error={error} />
      {!lines && !error && <p aria-live="polite">{t('lines.loading')}</p>}
      {lines && lines.length === 0 && <EmptyState text={t('lines.empty')} />}
      {lines && lines.length > 0 && (
        <ul class="bank-lines">
          {lines.map((line) => (
            <li key={line.bankLineId} class="card">
              <dl>
                <dt>{t('lines.booked')}</dt>
                <dd>{bookedDay(line.bookedOn)}</dd>
                <dt>{t('lines.amount')}</dt>
                <dd>{money(line.amountMinor, line.currency)}</dd>
                <dt>{t('lines.from')}</dt>
                <dd>{line.counterpartyName ?? t('lines.unknown')}</dd>
                <dt>{t('lines.reference')}</dt>
                <dd>{line.reference ?? t('lines.unknown')}</dd>
                <dt>{t('lines.remittance')}</dt>
                <dd>{line.remittance || t('lines.unknown')}</dd>
              </dl>
              <LineActions line={line} onChanged={props.onChanged} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
