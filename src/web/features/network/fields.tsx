/** Labelled fields the network forms use beyond the account pages' `Field`: amounts, text areas, choices. */
import type { CurrencyView } from '../../../shared/network-api.js';
import { Field } from '../../ui/index.js';
import { t } from './messages.js';

/** An amount typed as a decimal ("12.50"); the hint names the currency. */
export function AmountField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  currency: CurrencyView;
  required?: boolean;
  hint?: string;
}) {
  const example = `12${props.currency.scale > 0 ? `.${'5'.padEnd(props.currency.scale, '0')}` : ''}`;
  return (
    <Field
      id={props.id}
      label={props.label}
      value={props.value}
      onInput={props.onInput}
      inputMode="decimal"
      autoComplete="off"
      required={props.required ?? true}
      hint={props.hint ?? t('network.amount.hint', { currency: props.currency.name, example })}
    />
  );
}

/** A labelled multi-line text field. */
export function TextAreaField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  required?: boolean;
  rows?: number;
  hint?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        required={props.required ?? false}
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

/** One option of a `SelectField` or `RadioGroup`. */
export interface Choice {
  value: string;
  label: string;
}

/** A labelled drop-down list. */
export function SelectField(props: { id: string; label: string; value: string; onChange: (value: string) => void; choices: Choice[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled checkbox. */
export function CheckField(props: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label class="check" for={props.id}>
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(event) => props.onChange(event.currentTarget.checked)} />
      {props.label}
    </label>
  );
}

/** Radio buttons in a fieldset whose legend names the choice; `disabled` values cannot be picked. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  value: string;
  onChange: (value: string) => void;
  choices: Choice[];
  disabled?: string[];
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.choices.map((choice) => (
        <label key={choice.value} class="check">
          <input
            type="radio"
            name={props.name}
            value={choice.value}
            checked={props.value === choice.value}
            disabled={props.disabled?.includes(choice.value)}
            onChange={() => props.onChange(choice.value)}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
