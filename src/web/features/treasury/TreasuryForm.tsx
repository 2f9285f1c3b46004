/** The treasury page's forms: labelled, sent once at a time, with a problem or refusal shown below. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';
import { Button, ErrorLine } from '../../ui/index.js';
import { t } from './messages.js';
import type { AmountProblem } from './treasury.js';

/** The server's sentence for a refusal (it names the invoice or the amount), the catalogue's words when it sent none. */
export function treasuryRefusal(failure: unknown): string {
  if (failure instanceof ApiFailure) return refusalText(failure.code, failure.message, { preferServer: true });
  return String(failure);
}

/** Why a typed amount was refused, in words; `scale` is the currency's decimals. */
export function amountProblemText(problem: AmountProblem, scale: number): string {
  switch (problem) {
    case 'empty':
      return t('amount.empty');
    case 'not_a_number':
      return t('amount.notANumber');
    case 'negative':
      return t('amount.negative');
    case 'zero':
      return t('amount.zero');
    case 'too_many_decimals':
      return t('amount.tooManyDecimals', { scale });
    case 'too_large':
      return t('amount.tooLarge');
  }
}

/**
 * A form whose `onSubmit` returns a problem with what was typed (shown, nothing sent) or undefined
 * once done; a thrown failure shows the server's sentence. The submit button is disabled meanwhile.
 */
export function TreasuryForm(props: {
  label: string;
  submit: string;
  onSubmit: () => Promise<string | undefined>;
  children: ComponentChildren;
  class?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setError(await props.onSubmit());
    } catch (failure) {
      setError(treasuryRefusal(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class={props.class}
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void run();
      }}
    >
      {props.children}
      <Button type="submit" variant="primary" busy={busy}>
        {props.submit}
      </Button>
      <ErrorLine error={error} />
    </form>
  );
}
