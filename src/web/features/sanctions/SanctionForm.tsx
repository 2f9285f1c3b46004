/** The log's forms: sent once at a time, with a problem or the server's refusal shown below, and a labelled text area. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button, ErrorLine } from '../../ui/index.js';
import { refusal } from './sanctions-client.js';

/**
 * An action's state: `run(action)` marks the form busy while `action` runs and shows what it
 * returns (a problem with what was typed, nothing sent) or the server's refusal it throws; a
 * second run while busy is ignored.
 */
export function useSubmission(): {
  busy: boolean;
  error: string | undefined;
  setError: (error: string | undefined) => void;
  run: (action: () => Promise<string | undefined>) => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = (action: () => Promise<string | undefined>) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    action()
      .then(setError, (failure: unknown) => setError(refusal(failure)))
      .finally(() => setBusy(false));
  };
  return { busy, error, setError, run };
}

/**
 * A form whose `onSubmit` returns a problem with what was typed (shown, nothing sent) or undefined
 * once done; a thrown failure shows the server's sentence. The submit button (`variant`, default
 * `primary`) is disabled and `aria-busy` meanwhile; `class` defaults to `card sanction-form`.
 */
export function SanctionForm(props: {
  label: string;
  submit: string;
  onSubmit: () => Promise<string | undefined>;
  children: ComponentChildren;
  class?: string;
  variant?: 'primary' | 'danger';
}) {
  const { busy, error, run } = useSubmission();
  return (
    <form
      class={props.class ?? 'card sanction-form'}
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(props.onSubmit);
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

/** A labelled, required text area; `hint` is read by screen readers with it. */
export function TextArea(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        required
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.hint && (
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
