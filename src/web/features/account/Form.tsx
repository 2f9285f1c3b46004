/** Small building blocks for the account pages: a labelled field and a form with one error line. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiFailure } from '../../app/api.js';
import { errorText } from '../../app/i18n.js';

/** A labelled input; `hint` is read by screen readers with the field. */
export function Field(props: {
  id: string;
  label: string;
  type?: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email';
  /** The earliest value of a date field (`YYYY-MM-DD`). */
  min?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        min={props.min}
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

/** Codes whose server sentence says more than a translation could: why this very password is weak, in zxcvbn's words. */
const explainedByServer = new Set(['password_too_weak']);

/** The words for a failed call: the translation of its code, else the server's sentence. */
export function failureText(failure: unknown): string {
  if (failure instanceof ApiFailure) {
    if (explainedByServer.has(failure.code) && failure.message) return failure.message;
    const text = errorText(failure.code);
    return text.includes(`(${failure.code})`) ? failure.message : text;
  }
  return String(failure);
}

/** A form that runs `onSubmit`, shows its failure, and disables its button meanwhile. */
export function ActionForm(props: {
  label: string;
  submit: string;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
  class?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      class={props.class ?? 'card'}
      aria-label={props.label}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          await props.onSubmit();
        } catch (failure) {
          setError(failureText(failure));
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.children}
      <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
        {props.submit}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
