/** A bank statement imported: the file sent as it is, a progress line meanwhile, then what the import did in a sentence. */
import { useRef, useState } from 'preact/hooks';
import { limits } from '../../../shared/limits.js';
import { Button, ErrorLine, showToast } from '../../ui/index.js';
import { t } from './messages.js';
import { treasuryRefusal } from './TreasuryForm.js';
import { statementContentType } from './treasury.js';
import { uploadStatement } from './treasury-client.js';

/** `onImported`: the import is done (the page reloads the invoices and the lines left over). */
export function StatementImport({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const submit = async () => {
    const file = input.current?.files?.[0];
    setOutcome(undefined);
    setError(undefined);
    if (!file) return setError(t('statement.choose'));
    const contentType = statementContentType(file.name);
    if (!contentType) return setError(t('statement.wrongType'));
    if (file.size > limits.bankStatementBytesMax)
      return setError(t('statement.tooLarge', { megabytes: limits.bankStatementBytesMax / 1024 / 1024 }));
    setUploading(file.name);
    try {
      const result = await uploadStatement(file, file.name, contentType);
      setOutcome(t('statement.outcome', result));
      showToast(t('statement.imported'));
      if (input.current) input.current.value = '';
      onImported();
    } catch (failure) {
      setError(treasuryRefusal(failure));
    } finally {
      setUploading(undefined);
    }
  };
  return (
    <section aria-labelledby="treasury-statements">
      <h2 id="treasury-statements">{t('statement.heading')}</h2>
      <form
        class="treasury-form"
        aria-labelledby="treasury-statements"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!uploading) void submit();
        }}
      >
        <div class="field">
          <label for="statement-file">{t('statement.file')}</label>
          <input
            ref={input}
            id="statement-file"
            name="statement"
            type="file"
            accept=".csv,.xml,text/csv,application/xml,text/xml"
            aria-describedby="statement-file-hint"
            disabled={uploading !== undefined}
          />
          <p id="statement-file-hint" class="hint">
            {t('statement.fileHint')}
          </p>
        </div>
        <Button type="submit" variant="primary" busy={uploading !== undefined}>
          {t('statement.submit')}
        </Button>
        <p role="status" class="treasury-outcome">
          {uploading !== undefined ? t('statement.uploading', { name: uploading }) : (outcome ?? '')}
        </p>
        <ErrorLine error={error} />
      </form>
    </section>
  );
}
