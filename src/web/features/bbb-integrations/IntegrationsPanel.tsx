/**
 * "BigBlueButton integrations" on an organisation's page, for its owners and admins: the URL an
 * integration (Moodle, Nextcloud, Greenlight) calls and the organisation's own secret — hidden
 * until shown, copied with a button — and making or rotating that secret (a rotation asks first:
 * the old secret stops working at once). Nothing is shown to members, nor when the server's
 * BigBlueButton API is off. Drawn by the organisation's page through App.tsx, never imported by it.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type BbbIntegrationView, BbbIntegrationViewSchema } from '../../../shared/bbb-integrations-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { formatDate } from '../../app/intl/language.js';
import { ConfirmForm } from '../../ui/ConfirmForm.js';
import { ActionForm, Button, failureText, showToast } from '../../ui/index.js';
import { apiIsOff, maskedSecret, serverUrlOf } from './integration-settings.js';
import './integrations.css';
import { t } from './messages.js';

export function IntegrationsPanel({ slug, manages }: { slug: string; manages: boolean }) {
  const [view, setView] = useState<BbbIntegrationView | undefined>();
  const [off, setOff] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [shown, setShown] = useState(false);
  const path = `/api/orgs/${encodeURIComponent(slug)}/bbb`;
  const load = useCallback(() => {
    callApi(BbbIntegrationViewSchema, path).then(setView, (failure: unknown) => {
      if (failure instanceof ApiFailure && apiIsOff(failure)) setOff(true);
      else setError(failureText(failure));
    });
  }, [path]);
  useEffect(() => {
    if (manages) load();
  }, [manages, load]);
  if (!manages || off) return null;

  const rotate = async () => {
    const first = view?.secret === null;
    const rotated = await callApi(BbbIntegrationViewSchema, `${path}/rotate`, { method: 'POST' });
    setView(rotated);
    setShown(true);
    showToast(first ? t('integrations.made') : t('integrations.rotated'));
  };

  return (
    <section class="integrations-panel" aria-labelledby="integrations-heading">
      <h2 id="integrations-heading">{t('integrations.heading')}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!view && !error && <p role="status">{t('integrations.loading')}</p>}
      {view && (
        <>
          <p>{t('integrations.lead')}</p>
          <dl class="integration-settings">
            <dt>{t('integrations.serverUrl')}</dt>
            <dd>
              <code>{serverUrlOf(view)}</code>
            </dd>
            <dt>{t('integrations.apiUrl')}</dt>
            <dd>
              <code>{view.apiUrl}</code>
            </dd>
            <dt>{t('integrations.secret')}</dt>
            <dd>
              {view.secret === null ? t('integrations.noSecret') : <SecretValue secret={view.secret} shown={shown} onToggle={setShown} />}
            </dd>
          </dl>
          {view.secret !== null && view.rotatedAtMs !== null && (
            <p class="hint">
              {view.rotatedBy
                ? t('integrations.madeBy', { date: formatDate(view.rotatedAtMs, { dateStyle: 'long' }), name: view.rotatedBy })
                : t('integrations.madeOn', { date: formatDate(view.rotatedAtMs, { dateStyle: 'long' }) })}
            </p>
          )}
          {view.secret === null ? (
            <ActionForm label={t('integrations.make')} submit={t('integrations.make')} onSubmit={rotate} class="integrations-action">
              {null}
            </ActionForm>
          ) : (
            <ConfirmForm
              label={t('integrations.rotate')}
              submit={t('integrations.rotate')}
              question={t('integrations.rotateQuestion')}
              yes={t('integrations.rotateYes')}
              no={t('integrations.rotateNo')}
              onSubmit={rotate}
            >
              {null}
            </ConfirmForm>
          )}
        </>
      )}
    </section>
  );
}

/** The secret, dots until shown, with its Show/Hide and Copy buttons. */
function SecretValue({ secret, shown, onToggle }: { secret: string; shown: boolean; onToggle: (shown: boolean) => void }) {
  const copy = async () => {
    const copied = await navigator.clipboard?.writeText(secret).then(
      () => true,
      () => false,
    );
    if (copied) showToast(t('integrations.copied'));
    else showToast(t('integrations.notCopied'), 'info');
  };
  return (
    <span class="secret-value">
      {shown ? (
        <code>{secret}</code>
      ) : (
        <span>
          <span aria-hidden="true">{maskedSecret(secret)}</span>
          <span class="visually-hidden">{t('integrations.hidden')}</span>
        </span>
      )}{' '}
      <Button onClick={() => onToggle(!shown)}>{shown ? t('integrations.hide') : t('integrations.show')}</Button>{' '}
      <Button onClick={() => void copy()}>{t('integrations.copy')}</Button>
    </span>
  );
}
