/** A labelled input; `hint` is read by screen readers with the field. */
export function Field(props: {
  id: string;
  label: string;
  /** Default `text`. */
  type?: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete?: string;
  hint?: string;
  /** Default true. */
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
