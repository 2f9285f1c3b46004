/**
 * A labelled input; `hint` is read by screen readers with the field, and so is `error` (the field
 * then says it is invalid), for forms that check their fields before sending.
 */
export function Field(props: {
  id: string;
  label: string;
  /** Default `text`. */
  type?: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete?: string;
  hint?: string;
  /** What is wrong with the value, once checked; shown under the field. */
  error?: string | undefined;
  /** Default true. */
  required?: boolean;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'url';
  /** The earliest value of a date field (`YYYY-MM-DD`), or the least of a number field. */
  min?: string;
  /** The greatest value of a number field. */
  max?: string;
  step?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
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
        max={props.max}
        step={props.step}
        required={props.required ?? true}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.error && (
        <p id={errorId} class="error">
          {props.error}
        </p>
      )}
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
