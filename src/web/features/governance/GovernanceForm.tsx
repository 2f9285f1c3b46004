/** The governance pages' forms: labelled, sent once at a time, with a problem or the server's refusal shown below. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button, ErrorLine } from '../../ui/index.js';
import { refusal } from './governance-client.js';

/**
 * A form whose `onSubmit` returns a problem with what was typed (shown, nothing sent) or undefined
 * once done; a thrown failure shows the server's sentence. The submit button (`variant`, default
 * primary) is disabled meanwhile; `class` defaults to `card governance-form`.
 */
export function GovernanceForm(props: {
  label: string;
  submit: string;
  onSubmit: () => Promise<string | undefined>;
  children: ComponentChildren;
  class?: string;
  variant?: 'primary' | 'danger' | 'plain';
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setError(await props.onSubmit());
    } catch (failure) {
      setError(refusal(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class={props.class ?? 'card governance-form'}
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void run();
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

/** A labelled select of `choices` (value and words). */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  choices: readonly { value: string; label: string }[];
  hint?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {props.hint && (
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** A labelled textarea. */
export function TextAreaField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  rows?: number;
  required?: boolean;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={props.rows ?? 4}
        value={props.value}
        required={props.required ?? true}
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
