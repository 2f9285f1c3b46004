/** A form with one error line, and the words for a failed call. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure } from '../app/api.js';
import { refusalText } from '../app/errors/messages.js';
import { Button } from './Button.js';

/**
 * The words for a failed call: in English the browser's words for the codes it words itself and
 * the server's sentence for the others; in other languages the words for the code.
 */
export function failureText(failure: unknown): string {
  if (failure instanceof ApiFailure) return refusalText(failure.code, failure.message);
  return String(failure);
}

/**
 * An action's state for a form: `run` calls `action`, keeps `busy` true meanwhile and puts its
 * failure's words in `error` (undefined while none).
 */
export function useAction(action: () => Promise<void>): { busy: boolean; error: string | undefined; run: () => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * A form that runs `onSubmit`, shows its failure, and disables its button meanwhile. `class`
 * defaults to `card`; `variant` (default `primary`) is the submit button's intent.
 */
export function ActionForm(props: {
  label: string;
  submit: string;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
  class?: string;
  variant?: 'primary' | 'danger';
}) {
  const { busy, error, run } = useAction(props.onSubmit);
  return (
    <form
      class={props.class ?? 'card'}
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void run();
      }}
    >
      {props.children}
      <Button type="submit" variant={props.variant ?? 'primary'} busy={busy}>
        {props.submit}
      </Button>
      <ErrorLine error={error} />
    </form>
  );
}

/** A line that tells screen readers about an error at once; nothing when `error` is undefined. */
export function ErrorLine({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error}
    </p>
  );
}
