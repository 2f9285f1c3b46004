/**
 * The network pages' forms and buttons: busy while a request is in flight (and unable to send a
 * second one), the server's own sentence when it refuses, and a live line for the result.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { ApiFailure } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';
import { showToast } from '../../ui/index.js';
import { t } from './messages.js';

/** Input the browser refuses before sending it: the sentence to show and the field to focus. */
export class InputProblem extends Error {
  constructor(
    message: string,
    readonly fieldId?: string,
  ) {
    super(message);
  }
}

/** The words for a failed action: the browser's own check, the server's sentence, or a network problem. */
export function networkFailureText(failure: unknown): string {
  if (failure instanceof InputProblem) return failure.message;
  if (failure instanceof ApiFailure) {
    if (failure.status === 0) return t('network.error.unreachable');
    if (failure.code === 'unexpected_response') return t('network.error.unreadable');
    return refusalText(failure.code, failure.message, { preferServer: true });
  }
  return t('network.error.unreadable');
}

/**
 * Checks a request body with its shared schema before sending it; the first problem becomes an
 * `InputProblem` naming the field ("Website: must be an http:// or https:// address").
 * `fields` maps a top-level (or dotted) property to its label and its input's id.
 */
export function checkBody<T extends z.ZodType>(
  schema: T,
  body: unknown,
  fields: Record<string, { label: string; id: string }>,
): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const field = fields[path];
  const message = issue?.message ?? t('network.error.unreadable');
  throw new InputProblem(field ? t('network.error.field', { field: field.label, message }) : message, field?.id);
}

/** A line that tells screen readers about an error at once. */
export function ErrorLine({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error}
    </p>
  );
}

/**
 * A form named `label` (its accessible name) whose submit button reads `submit`. `onSubmit` may
 * resolve to a sentence to show in the form's status line — or as a toast, with `resultAs:
 * 'toast'` (default `line`: results to read beside the form, such as a payment's); a thrown
 * failure is shown as an alert and an `InputProblem`'s field is focused and marked invalid.
 */
export function NetworkForm(props: {
  label: string;
  submit: string;
  onSubmit: () => Promise<unknown>;
  children: ComponentChildren;
  class?: string;
  danger?: boolean;
  resultAs?: 'line' | 'toast';
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const inFlight = useRef(false);
  const mounted = useRef(true);
  const form = useRef<HTMLFormElement>(null);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    // A second submission (double click, Enter twice) while the first is in flight is ignored.
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    for (const invalid of form.current?.querySelectorAll('[aria-invalid="true"]') ?? []) invalid.removeAttribute('aria-invalid');
    try {
      const message = await props.onSubmit();
      if (typeof message === 'string' && props.resultAs === 'toast') showToast(message);
      else if (mounted.current && typeof message === 'string') setDone(message);
    } catch (failure) {
      if (!mounted.current) return;
      setError(networkFailureText(failure));
      const field = failure instanceof InputProblem && failure.fieldId ? document.getElementById(failure.fieldId) : null;
      field?.setAttribute('aria-invalid', 'true');
      field?.focus();
    } finally {
      inFlight.current = false;
      if (mounted.current) setBusy(false);
    }
  };
  return (
    <form ref={form} class={props.class ?? 'card'} aria-label={props.label} noValidate onSubmit={submit}>
      {props.children}
      <div class="row">
        {/* aria-disabled, not disabled: a disabled button loses the keyboard focus; `inFlight` ignores clicks. */}
        <button type="submit" class={props.danger ? 'danger' : 'primary'} aria-disabled={busy} aria-busy={busy}>
          {props.submit}
        </button>
      </div>
      <p role="status" class="result">
        {done ?? ''}
      </p>
      <ErrorLine error={error} />
    </form>
  );
}

/** A button that runs `action`, disabled while it runs; its failure goes to `onFailure`. */
export function ActionButton(props: {
  children: ComponentChildren;
  action: () => Promise<void>;
  onFailure: (text: string) => void;
  class?: string;
}) {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  return (
    <button
      type="button"
      class={props.class}
      aria-disabled={busy}
      aria-busy={busy}
      onClick={async () => {
        if (inFlight.current) return;
        inFlight.current = true;
        setBusy(true);
        try {
          await props.action();
        } catch (failure) {
          props.onFailure(networkFailureText(failure));
        } finally {
          inFlight.current = false;
          setBusy(false);
        }
      }}
    >
      {props.children}
    </button>
  );
}

/**
 * A button that shows and hides what it controls (`aria-expanded`); opening it moves the focus
 * to the first field inside. `children` gets a function that closes it again.
 */
export function Disclosure(props: { toggle: ComponentChildren; id: string; children: (close: () => void) => ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [open]);
  return (
    <>
      <button type="button" aria-expanded={open} aria-controls={props.id} onClick={() => setOpen(!open)}>
        {props.toggle}
      </button>
      <div id={props.id} ref={panel} class="disclosure" hidden={!open}>
        {open && props.children(() => setOpen(false))}
      </div>
    </>
  );
}
