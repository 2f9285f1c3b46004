/**
 * `/operator/treasury`: the treasurer's page (the co-op's operators) — invoices across
 * organisations and payments recorded by hand, bank statements imported, the lines left for a
 * person, and the costs and income Plenary cannot see itself.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../app/session.js';
import { ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { BankLines } from './BankLines.js';
import { FinanceEntryForm } from './FinanceEntryForm.js';
import { InvoicesPanel } from './InvoicesPanel.js';
import { t } from './messages.js';
import { StatementImport } from './StatementImport.js';
import { treasuryRefusal } from './TreasuryForm.js';
import { type TreasuryInvoice, treasuryApi } from './treasury-client.js';
import './treasury.css';

/** The credits when the finances report cannot say (the network's default). */
const defaultCredit = { name: 'credits', scale: 2 };

/** The treasurer's page; takes no props. A person who is not an operator sees the server's refusal. */
export function TreasuryPage() {
  usePageTitle(t('treasury.title'));
  const session = useSession();
  const [revision, setRevision] = useState(0);
  const [open, setOpen] = useState<TreasuryInvoice[] | undefined>();
  const [credit, setCredit] = useState(defaultCredit);
  const [error, setError] = useState<string | undefined>();
  const changed = () => setRevision((value) => value + 1);
  useEffect(() => {
    if (session.kind !== 'signed-in') return;
    treasuryApi.invoices('open').then(
      (invoices) => {
        setError(undefined);
        setOpen(invoices);
      },
      (failure: unknown) => setError(treasuryRefusal(failure)),
    );
  }, [session.kind, revision]);
  useEffect(() => {
    if (session.kind !== 'signed-in') return;
    treasuryApi.creditUnit().then(setCredit, () => undefined);
  }, [session.kind]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  return (
    <main class="page treasury">
      <h1>{t('treasury.title')}</h1>
      <p class="lead">{t('treasury.lead')}</p>
      <p>
        <Link href="/coop/finances">{t('treasury.finances')}</Link>
      </p>
      <ErrorLine error={error} />
      {!open && !error && <p aria-live="polite">{t('invoices.loading')}</p>}
      {open && (
        <>
          <InvoicesPanel open={open} onChanged={changed} />
          <StatementImport onImported={changed} />
          <BankLines open={open} revision={revision} onChanged={changed} />
          <FinanceEntryForm credit={credit} />
        </>
      )}
    </main>
  );
}
