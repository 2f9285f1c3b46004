/** A room's settings page, for moderators (who prove it with the room's moderator code). */
import { useEffect, useState } from 'preact/hooks';
import { moderatorCodeHeader, RoomSettingsSchema, type RoomSettingsView, type UpdateRoomSettings } from '../../../shared/api.js';
import { limits } from '../../../shared/limits.js';
import { type LockedSettings, type MeetingFeature, MeetingFeatureSchema, nothingLocked } from '../../../shared/protocol.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { errorText } from '../../app/errors/messages.js';
import { moderatorCodeFor, rememberModeratorCode } from '../../app/local-identity.js';
import { navigate } from '../../app/router.js';
import { showToast, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';

function settingsRequest(roomId: string, code: string, body?: UpdateRoomSettings): Promise<RoomSettingsView> {
  return callApi(RoomSettingsSchema, `/api/rooms/${encodeURIComponent(roomId)}/settings`, {
    method: body ? 'PATCH' : 'GET',
    headers: { [moderatorCodeHeader]: code },
    body,
  });
}

const lockKeys = Object.keys(nothingLocked) as (keyof LockedSettings)[];

export function SettingsPage({ roomId }: { roomId: string }) {
  const [code, setCode] = useState(moderatorCodeFor(roomId) ?? '');
  const [codeInput, setCodeInput] = useState('');
  const [settings, setSettings] = useState<RoomSettingsView | undefined>();
  const [form, setForm] = useState({
    name: '',
    participantsMax: 2,
    muteOnJoin: false,
    waitingRoom: false,
    endToEndEncryption: false,
    viewerCode: '',
    viewerLocks: nothingLocked,
    disabledFeatures: [] as MeetingFeature[],
  });
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  usePageTitle(settings ? `${t('settings.title')} · ${settings.name}` : t('settings.title'));

  const show = (loaded: RoomSettingsView) => {
    setSettings(loaded);
    setForm({
      name: loaded.name,
      participantsMax: loaded.participantsMax,
      muteOnJoin: loaded.muteOnJoin,
      waitingRoom: loaded.waitingRoom,
      endToEndEncryption: loaded.endToEndEncryption,
      viewerCode: loaded.viewerCode ?? '',
      viewerLocks: loaded.viewerLocks,
      disabledFeatures: loaded.disabledFeatures,
    });
  };

  useEffect(() => {
    if (!code) return;
    settingsRequest(roomId, code).then(show, (failure: unknown) => {
      setSettings(undefined);
      setStatus({ kind: 'error', message: failure instanceof ApiFailure ? errorText(failure.code) : String(failure) });
    });
  }, [roomId, code]);

  const save = async (event: Event, extra: UpdateRoomSettings = {}) => {
    event.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      const saved = await settingsRequest(roomId, code, {
        name: form.name,
        participantsMax: form.participantsMax,
        muteOnJoin: form.muteOnJoin,
        waitingRoom: form.waitingRoom,
        endToEndEncryption: form.endToEndEncryption,
        viewerCode: form.viewerCode.trim() === '' ? null : form.viewerCode.trim(),
        viewerLocks: form.viewerLocks,
        disabledFeatures: form.disabledFeatures,
        ...extra,
      });
      rememberModeratorCode(roomId, saved.moderatorCode);
      setCode(saved.moderatorCode);
      show(saved);
      setStatus({ kind: 'idle' });
      showToast(t('settings.saved'));
    } catch (failure) {
      setStatus({ kind: 'error', message: failure instanceof ApiFailure ? failure.message : String(failure) });
    }
  };

  if (!settings) {
    return (
      <main class="page">
        <h1>{t('settings.title')}</h1>
        <form
          class="card"
          onSubmit={(event) => {
            event.preventDefault();
            setStatus({ kind: 'idle' });
            setCode(codeInput.trim());
          }}
        >
          <label for="settings-code">{t('settings.moderatorCode')}</label>
          <p class="hint">{t('settings.needCode')}</p>
          <input
            id="settings-code"
            type="text"
            autoComplete="off"
            value={codeInput}
            onInput={(event) => setCodeInput(event.currentTarget.value)}
          />
          {status.kind === 'error' && (
            <p class="error" role="alert">
              {status.message}
            </p>
          )}
          <button type="submit" class="primary">
            {t('settings.open')}
          </button>
        </form>
      </main>
    );
  }

  return (
    <main class="page">
      <h1>{t('settings.title')}</h1>
      <form class="card" onSubmit={(event) => void save(event)}>
        <label for="room-name">{t('settings.name')}</label>
        <input
          id="room-name"
          type="text"
          maxLength={limits.roomNameCharactersMax}
          value={form.name}
          onInput={(event) => setForm({ ...form, name: event.currentTarget.value })}
        />
        <label for="participants-max">{t('settings.participantsMax')}</label>
        <input
          id="participants-max"
          type="number"
          min={2}
          max={limits.participantsPerRoomMax}
          value={form.participantsMax}
          onInput={(event) => setForm({ ...form, participantsMax: Number(event.currentTarget.value) })}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={form.muteOnJoin}
            onChange={(event) => setForm({ ...form, muteOnJoin: event.currentTarget.checked })}
          />
          {t('settings.muteOnJoin')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={form.waitingRoom}
            onChange={(event) => setForm({ ...form, waitingRoom: event.currentTarget.checked })}
          />
          {t('settings.waitingRoom')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={form.endToEndEncryption}
            aria-describedby="settings-e2ee-hint"
            onChange={(event) => setForm({ ...form, endToEndEncryption: event.currentTarget.checked })}
          />
          {t('settings.endToEndEncryption')}
        </label>
        <p id="settings-e2ee-hint" class="hint">
          {t('settings.endToEndEncryptionHint')}
        </p>
        <fieldset>
          <legend>{t('settings.viewerLocks')}</legend>
          {lockKeys.map((key) => (
            <label class="check" key={key}>
              <input
                type="checkbox"
                checked={form.viewerLocks[key]}
                onChange={(event) => setForm({ ...form, viewerLocks: { ...form.viewerLocks, [key]: event.currentTarget.checked } })}
              />
              {t(`settings.lock.${key}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.disabledFeatures')}</legend>
          {MeetingFeatureSchema.options.map((feature) => (
            <label class="check" key={feature}>
              <input
                type="checkbox"
                checked={form.disabledFeatures.includes(feature)}
                onChange={(event) => {
                  const others = form.disabledFeatures.filter((each) => each !== feature);
                  setForm({ ...form, disabledFeatures: event.currentTarget.checked ? [...others, feature] : others });
                }}
              />
              {t(`settings.feature.${feature}`)}
            </label>
          ))}
        </fieldset>
        <label for="viewer-code">{t('settings.viewerCode')}</label>
        <input
          id="viewer-code"
          type="text"
          autoComplete="off"
          maxLength={limits.accessCodeCharactersMax}
          value={form.viewerCode}
          onInput={(event) => setForm({ ...form, viewerCode: event.currentTarget.value })}
        />
        <label for="moderator-code-shown">{t('settings.moderatorCode')}</label>
        <input id="moderator-code-shown" type="text" readOnly value={settings.moderatorCode} aria-describedby="moderator-code-hint" />
        <p id="moderator-code-hint" class="hint">
          {t('settings.moderatorCodeHint')}
        </p>
        <button type="button" onClick={(event) => void save(event, { newModeratorCode: true })}>
          {t('settings.newModeratorCode')}
        </button>
        <p role="status" class={status.kind === 'error' ? 'error' : 'hint'}>
          {status.kind === 'saving' ? t('settings.saving') : status.kind === 'error' ? status.message : ''}
        </p>
        <button type="submit" class="primary" disabled={status.kind === 'saving'}>
          {t('settings.save')}
        </button>
        <a
          class="button"
          href={`/r/${roomId}`}
          onClick={(event) => {
            event.preventDefault();
            navigate(`/r/${roomId}`);
          }}
        >
          {t('settings.backToRoom')}
        </a>
      </form>
    </main>
  );
}
