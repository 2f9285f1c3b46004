/**
 * A form for an action that cannot be undone: submitting first asks `question` in a prompt, and
 * runs `onSubmit` only on `yes`; `no` puts the prompt away. Its buttons are danger buttons.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from './Button.js';
import { Prompt } from './Dialog.js';
import { ErrorLine, useAction } from './Form.js';

export function ConfirmForm(props: {
  label: string;
  submit: string;
  question: string;
  yes: string;
  no: string;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
}) {
  const { busy, error, run } = useAction(props.onSubmit);
  const [asking, setAsking] = useState(false);
  return (
    <form
      class="card"
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAsking(true);
      }}
    >
      {props.children}
      <Button type="submit" variant="danger" busy={busy}>
        {props.submit}
      </Button>
      {asking && (
        <Prompt text={props.question} class="confirmation">
          <div class="row">
            <Button
              variant="danger"
              onClick={() => {
                setAsking(false);
                void run();
              }}
            >
              {props.yes}
            </Button>
            <Button onClick={() => setAsking(false)}>{props.no}</Button>
          </div>
        </Prompt>
      )}
      <ErrorLine error={error} />
    </form>
  );
}
