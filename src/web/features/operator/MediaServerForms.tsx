/**
 * The media servers view's forms: registering a server, and changing a registered one's weight,
 * region, renewable power and admin API. Both are checked with the shared schemas before sending: each
 * field says what to fix (`aria-invalid`, described by its message) and the first such takes the
 * focus; once tried, the messages follow the typing. The server's refusal (a name already taken)
 * is said in an alert.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { type MediaServerView, MediaServerViewSchema } from '../../../shared/media-servers-api.js';
import { callApi } from '../../app/api.js';
import { Button, ErrorLine, Field, failureText, showToast } from '../../ui/index.js';
import { type ChangeForm, checkChange, checkNewServer, emptyNewServerForm, type FieldErrors } from './media-servers.js';
import { t } from './messages.js';

/** The collection's path; a server's is this, `/`, its id. */
export const mediaServersPath = '/api/operator/media-servers';

/**
 * A form checked before sending: its values, the fields' problems (followed as the person types
 * once a send was refused), the server's refusal and whether a send is under way. `submit` checks
 * with `check`, focuses the first invalid field, or sends the checked body with `send`.
 */
function useCheckedForm<Form, Body, FieldName extends string>(
  initial: Form,
  check: (form: Form) => { ok: true; body: Body } | { ok: false; errors: FieldErrors<FieldName> },
  send: (body: Body) => Promise<void>,
) {
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<FieldErrors<FieldName> | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const element = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (attempt > 0) element.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  const change = (changes: Partial<Form>) => {
    const next = { ...form, ...changes };
    setForm(next);
    if (errors) {
      const checked = check(next);
      setErrors(checked.ok ? undefined : checked.errors);
    }
  };
  /** Back to `values`, with no problem or refusal shown. */
  const reset = (values: Form) => {
    setForm(values);
    setErrors(undefined);
    setRefusal(undefined);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(undefined);
    const checked = check(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      await send(checked.body);
    } catch (failure) {
      setRefusal(failureText(failure));
    } finally {
      setBusy(false);
    }
  };
  return { form, errors, refusal, busy, element, change, reset, submit };
}

/** The weight field's bounds (`MediaWeightSchema`). */
const weightBounds = { type: 'number', inputMode: 'numeric', min: '1', max: '100', step: '1' } as const;

/** "Register a media server": on success the form is cleared and `onRegistered` called. */
export function RegisterMediaServer({ onRegistered }: { onRegistered: () => void }) {
  const { form, errors, refusal, busy, element, change, reset, submit } = useCheckedForm(
    emptyNewServerForm,
    checkNewServer,
    async (body) => {
      const added = await callApi(MediaServerViewSchema, mediaServersPath, { method: 'POST', body });
      showToast(t('operator.media.registered', { name: added.name }));
      reset(emptyNewServerForm);
      onRegistered();
    },
  );
  return (
    <form ref={element} class="card media-register" aria-labelledby="media-register-title" noValidate onSubmit={submit}>
      <h2 id="media-register-title">{t('operator.media.register')}</h2>
      <Field
        id="media-name"
        label={t('operator.media.name')}
        value={form.name}
        onInput={(name) => change({ name })}
        error={errors?.name}
        autoComplete="off"
      />
      <Field
        id="media-url"
        label={t('operator.media.url')}
        hint={t('operator.media.urlHint')}
        type="url"
        inputMode="url"
        value={form.url}
        onInput={(url) => change({ url })}
        error={errors?.url}
        autoComplete="off"
      />
      <Field
        id="media-secret"
        label={t('operator.media.apiSecret')}
        hint={t('operator.media.apiSecretHint')}
        type="password"
        value={form.apiSecret}
        onInput={(apiSecret) => change({ apiSecret })}
        error={errors?.apiSecret}
        autoComplete="off"
        required={false}
      />
      <AdminFields id="media" form={form} change={change} errors={errors} />
      <Field
        id="media-weight"
        label={t('operator.media.weight')}
        hint={t('operator.media.weightHint')}
        {...weightBounds}
        value={form.weight}
        onInput={(weight) => change({ weight })}
        error={errors?.weight}
      />
      <Field
        id="media-region"
        label={t('operator.media.region')}
        hint={t('operator.media.regionHint')}
        value={form.region}
        onInput={(region) => change({ region })}
        error={errors?.region}
        autoComplete="off"
        required={false}
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

/** The admin API's address and secret, in both forms. */
function AdminFields(props: {
  id: string;
  form: { adminUrl: string; adminSecret: string };
  change: (changes: { adminUrl?: string; adminSecret?: string }) => void;
  errors: FieldErrors<'adminUrl' | 'adminSecret'> | undefined;
}) {
  return (
    <>
      <Field
        id={`${props.id}-admin-url`}
        label={t('operator.media.adminUrl')}
        hint={t('operator.media.adminUrlHint')}
        type="url"
        inputMode="url"
        value={props.form.adminUrl}
        onInput={(adminUrl) => props.change({ adminUrl })}
        error={props.errors?.adminUrl}
        autoComplete="off"
        required={false}
      />
      <Field
        id={`${props.id}-admin-secret`}
        label={t('operator.media.adminSecret')}
        hint={t('operator.media.adminSecretHint')}
        type="password"
        value={props.form.adminSecret}
        onInput={(adminSecret) => props.change({ adminSecret })}
        error={props.errors?.adminSecret}
        autoComplete="off"
        required={false}
      />
    </>
  );
}

/** A registered server's weight, region, renewable power and admin API, behind a "Change" disclosure. */
export function ChangeMediaServer({ server, onChanged }: { server: MediaServerView; onChanged: () => void }) {
  const current = (): ChangeForm => ({
    weight: String(server.weight),
    region: server.region,
    renewable: server.renewable,
    adminUrl: server.adminUrl ?? '',
    adminSecret: '',
  });
  const details = useRef<HTMLDetailsElement>(null);
  const check = (form: ChangeForm) => checkChange(form, server.adminUrl);
  const { form, errors, refusal, busy, element, change, reset, submit } = useCheckedForm(current(), check, async (body) => {
    await callApi(MediaServerViewSchema, `${mediaServersPath}/${encodeURIComponent(server.id)}`, { method: 'PATCH', body });
    showToast(t('operator.media.changed', { name: server.name }));
    if (details.current) details.current.open = false;
    details.current?.querySelector('summary')?.focus();
    onChanged();
  });
  const id = `media-${server.id}`;
  return (
    <details
      ref={details}
      class="media-change"
      onToggle={(event) => {
        // Opened again: the fields start from the server's values as now listed.
        if (event.currentTarget.open) reset(current());
      }}
    >
      <summary>
        {t('operator.media.change')}
        <span class="visually-hidden"> {server.name}</span>
      </summary>
      <form ref={element} aria-label={t('operator.media.changeLabel', { name: server.name })} noValidate onSubmit={submit}>
        <Field
          id={`${id}-weight`}
          label={t('operator.media.weight')}
          {...weightBounds}
          value={form.weight}
          onInput={(weight) => change({ weight })}
          error={errors?.weight}
        />
        <Field
          id={`${id}-region`}
          label={t('operator.media.region')}
          value={form.region}
          onInput={(region) => change({ region })}
          error={errors?.region}
          autoComplete="off"
          required={false}
        />
        <label class="check">
          <input type="checkbox" checked={form.renewable} onChange={(event) => change({ renewable: event.currentTarget.checked })} />
          {t('operator.media.renewable')}
        </label>
        <AdminFields id={id} form={form} change={change} errors={errors} />
        <Button type="submit" variant="primary" busy={busy}>
          {t('operator.media.save')}
        </Button>
        <ErrorLine error={refusal} />
      </form>
    </details>
  );
}
