/** Moderators' controls: the waiting room, mute all, hands, locks, and ending the meeting. */
import type { LockedSettings, MeetingSettings, Moderation } from '../../../shared/protocol.js';
import type { MeetingState } from './meeting-controller.js';
import { t } from './messages.js';

interface Props {
  lobby: MeetingState['lobby'];
  settings: MeetingSettings;
  settingsUrl: string;
  moderate: (moderation: Moderation) => void;
}

const lockLabels: Record<keyof LockedSettings, Parameters<typeof t>[0]> = {
  microphone: 'moderation.lockMicrophone',
  camera: 'moderation.lockCamera',
  chat: 'moderation.lockChat',
  privateChat: 'moderation.lockPrivateChat',
  screenShare: 'moderation.lockScreenShare',
};

export function ModeratorPanel({ lobby, settings, settingsUrl, moderate }: Props) {
  const locked = settings.lockedForViewers;
  return (
    <section class="panel-body moderation" aria-label={t('panel.moderation')}>
      <h3>{t('moderation.waiting', { count: lobby.length })}</h3>
      {lobby.length === 0 ? (
        <p class="hint">{t('moderation.nobodyWaiting')}</p>
      ) : (
        <>
          <ul class="lobby">
            {lobby.map((waiting) => (
              <li key={waiting.participantId} class="lobby-entry">
                <span>{waiting.displayName}</span>
                <button type="button" class="primary" onClick={() => moderate({ action: 'admit', participantId: waiting.participantId })}>
                  {t('moderation.admit')}
                </button>
                <button type="button" onClick={() => moderate({ action: 'deny', participantId: waiting.participantId })}>
                  {t('moderation.deny')}
                </button>
              </li>
            ))}
          </ul>
          {lobby.length > 1 && (
            <button type="button" onClick={() => moderate({ action: 'admit', participantId: null })}>
              {t('moderation.admitAll')}
            </button>
          )}
        </>
      )}
      <div class="action-column">
        <button type="button" onClick={() => moderate({ action: 'mute-all' })}>
          {t('moderation.muteAll')}
        </button>
        <button type="button" onClick={() => moderate({ action: 'lower-all-hands' })}>
          {t('moderation.lowerAllHands')}
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.roomLocked}
            onChange={(event) => moderate({ action: 'lock-room', locked: event.currentTarget.checked })}
          />
          {t('moderation.lockRoom')}
        </label>
        <fieldset>
          <legend>{t('moderation.lockFor')}</legend>
          {(Object.keys(lockLabels) as (keyof LockedSettings)[])
            // What the room switched off for everyone cannot be locked or unlocked here.
            .filter((key) => key === 'microphone' || key === 'camera' || !settings.disabledFeatures.includes(key))
            .map((key) => (
              <label class="check" key={key}>
                <input
                  type="checkbox"
                  checked={locked[key]}
                  onChange={(event) => moderate({ action: 'lock-settings', locked: { ...locked, [key]: event.currentTarget.checked } })}
                />
                {t(lockLabels[key])}
              </label>
            ))}
        </fieldset>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.multipleSharers}
            onChange={(event) => moderate({ action: 'allow-multiple-sharers', allowed: event.currentTarget.checked })}
          />
          {t('moderation.multipleSharers')}
        </label>
        <a class="button" href={settingsUrl} target="_blank" rel="noopener">
          {t('moderation.settings')}
        </a>
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (window.confirm(t('moderation.endConfirm'))) moderate({ action: 'end-meeting' });
          }}
        >
          {t('moderation.endMeeting')}
        </button>
      </div>
    </section>
  );
}
