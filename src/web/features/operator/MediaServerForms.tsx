/**
 * The media servers view's forms: registering a server, and changing a registered one's weight,
 * region and renewable power. Both are checked with the shared schemas before sending: each
 * field says what to fix (`aria-invalid`, described by its message) and the first such takes the
 * focus; once tried, the messages follow the typing. The server's refusal (a name already taken)
 * is said in an alert.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { type MediaServerView, MediaServerViewSchema } from '../../../shared/media-servers-api.js';
import { callApi } from '../../app/api.js';
import { Button, ErrorLine, failureText, showToast } from '../../ui/index.js';
import {
  type ChangeForm,
  checkChange,
  checkNewServer,
  emptyNewServerForm,
  type FieldErrors,
  type NewServerField,
  type NewServerForm,
} from './media-servers.js';
import { t } from './messages.js';

/** The collection's path; a server's is this, `/`, its id. */
export const mediaServersPath = '/api/operator/media-servers';

/** A labelled input with its hint and, once refused, its problem (both read with it). */
function CheckedField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
  hint?: string;
  type?: 'text' | 'password' | 'number' | 'url';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'url';
  required?: boolean;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  const number = props.type === 'number';
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
        min={number ? 1 : undefined}
        max={number ? 100 : undefined}
        step={number ? 1 : undefined}
        required={props.required}
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

/** Focuses the first invalid field of `form` each time `attempt` goes up. */
function useFocusFirstInvalid(form: { current: HTMLFormElement | null }, attempt: number) {
  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
}

/** "Register a media server": on success the form is cleared and `onRegistered` called. */
export function RegisterMediaServer({ onRegistered }: { onRegistered: () => void }) {
  const [form, setForm] = useState<NewServerForm>(emptyNewServerForm);
  const [errors, setErrors] = useState<FieldErrors<NewServerField> | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const element = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(element, attempt);
  const change = (changes: Partial<NewServerForm>) => {
    const next = { ...form, ...changes };
    setForm(next);
    if (errors) {
      const checked = checkNewServer(next);
      setErrors(checked.ok ? undefined : checked.errors);
    }
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(undefined);
    const checked = checkNewServer(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      const added = await callApi(MediaServerViewSchema, mediaServersPath, { method: 'POST', body: checked.body });
      showToast(t('operator.media.registered', { name: added.name }));
      setForm(emptyNewServerForm);
      setErrors(undefined);
      onRegistered();
    } catch (failure) {
      setRefusal(failureText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={element} class="card media-register" aria-labelledby="media-register-title" noValidate onSubmit={submit}>
      <h2 id="media-register-title">{t('operator.media.register')}</h2>
      <CheckedField
        id="media-name"
        label={t('operator.media.name')}
        value={form.name}
        onInput={(name) => change({ name })}
        error={errors?.name}
        autoComplete="off"
        required
      />
      <CheckedField
        id="media-url"
        label={t('operator.media.url')}
        hint={t('operator.media.urlHint')}
        type="url"
        inputMode="url"
        value={form.url}
        onInput={(url) => change({ url })}
        error={errors?.url}
        autoComplete="off"
        required
      />
      <CheckedField
        id="media-secret"
        label={t('operator.media.apiSecret')}
        hint={t('operator.media.apiSecretHint')}
        type="password"
        value={form.apiSecret}
        onInput={(apiSecret) => change({ apiSecret })}
        error={errors?.apiSecret}
        autoComplete="off"
      />
      <CheckedField
        id="media-weight"
        label={t('operator.media.weight')}
        hint={t('operator.media.weightHint')}
        type="number"
        inputMode="numeric"
        value={form.weight}
        onInput={(weight) => change({ weight })}
        error={errors?.weight}
        required
      />
      <CheckedField
        id="media-region"
        label={t('operator.media.region')}
        hint={t('operator.media.regionHint')}
        value={form.region}
        onInput={(region) => change({ region })}
        error={errors?.region}
        autoComplete="off"
      />
      <label class="check">
        <input type="checkbox" checked={form.renewable} onChange={(event) => change({ renewable: event.currentTarget.checked })} />
        {t('operator.media.renewable')}
      </label>
      <div class="row">
        <Button type="submit" variant="primary" busy={busy}>
          {t('operator.media.registerSubmit')}
        </Button>
      </div>
      <ErrorLine error={refusal} />
    </form>
  );
}

/** A registered server's weight, region and renewable power, behind a "Change" disclosure. */
export function ChangeMediaServer({ server, onChanged }: { server: MediaServerView; onChanged: () => void }) {
  const initial: ChangeForm = { weight: String(server.weight), region: server.region, renewable: server.renewable };
  const [form, setForm] = useState<ChangeForm>(initial);
  const [errors, setErrors] = useState<FieldErrors<'weight' | 'region'> | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  const element = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(element, attempt);
  const change = (changes: Partial<ChangeForm>) => {
    const next = { ...form, ...changes };
    setForm(next);
    if (errors) {
      const checked = checkChange(next);
      setErrors(checked.ok ? undefined : checked.errors);
    }
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(undefined);
    const checked = checkChange(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      await callApi(MediaServerViewSchema, `${mediaServersPath}/${encodeURIComponent(server.id)}`, { method: 'PATCH', body: checked.body });
      showToast(t('operator.media.changed', { name: server.name }));
      if (details.current) details.current.open = false;
      details.current?.querySelector('summary')?.focus();
      onChanged();
    } catch (failure) {
      setRefusal(failureText(failure));
    } finally {
      setBusy(false);
    }
  };
  const id = `media-${server.id}`;
  return (
    <details
      ref={details}
      class="media-change"
      onToggle={(event) => {
        // Opened again: the fields start from the server's values as now listed.
        if (event.currentTarget.open) {
          setForm({ weight: String(server.weight), region: server.region, renewable: server.renewable });
          setErrors(undefined);
          setRefusal(undefined);
        }
      }}
    >
      <summary>
        {t('operator.media.change')}
        <span class="visually-hidden"> {server.name}</span>
      </summary>
      <form ref={element} aria-label={t('operator.media.changeLabel', { name: server.name })} noValidate onSubmit={submit}>
        <CheckedField
          id={`${id}-weight`}
          label={t('operator.media.weight')}
          type="number"
          inputMode="numeric"
          value={form.weight}
          onInput={(weight) => change({ weight })}
          error={errors?.weight}
          required
        />
        <CheckedField
          id={`${id}-region`}
          label={t('operator.media.region')}
          value={form.region}
          onInput={(region) => change({ region })}
          error={errors?.region}
          autoComplete="off"
        />
        <label class="check">
          <input type="checkbox" checked={form.renewable} onChange={(event) => change({ renewable: event.currentTarget.checked })} />
          {t('operator.media.renewable')}
        </label>
        <Button type="submit" variant="primary" busy={busy}>
          {t('operator.media.save')}
        </Button>
        <ErrorLine error={refusal} />
      </form>
    </details>
  );
}
