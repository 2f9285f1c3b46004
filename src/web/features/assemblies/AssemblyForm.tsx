/** The assembly pages' forms: labelled, sent once at a time, with a problem or the server's refusal shown below. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button, ErrorLine } from '../../ui/index.js';
import { refusal } from './assemblies-client.js';

/**
 * An action's state: `run(action)` marks the form busy while `action` runs and shows what it
 * returns (a problem with what was typed, nothing sent) or the server's refusal it throws; a
 * second run while busy is ignored.
 */
export function useSubmission(): { busy: boolean; error: string | undefined; run: (action: () => Promise<string | undefined>) => void } {
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
  return { busy, error, run };
}

/**
 * A form whose `onSubmit` returns a problem with what was typed (shown, nothing sent) or undefined
 * once done; a thrown failure shows the server's sentence. The submit button is disabled and
 * `aria-busy` meanwhile; `class` defaults to `card assembly-form`.
 */
export function AssemblyForm(props: {
  label: string;
  submit: string;
  onSubmit: () => Promise<string | undefined>;
  children: ComponentChildren;
  class?: string;
}) {
  const { busy, error, run } = useSubmission();
  return (
    <form
      class={props.class ?? 'card assembly-form'}
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(props.onSubmit);
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
