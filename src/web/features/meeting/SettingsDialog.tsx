/** The meeting's settings: the microphone's level (is it heard?) and, where the browser can, the speaker. */

import { SpeakerSelect } from '../../ui/DeviceSelect.js';
import { LevelMeter } from '../../ui/LevelMeter.js';
import { Modal } from '../../ui/Modal.js';
import type { MeetingUi } from './meeting-ui.js';
import { t } from './messages.js';

export function SettingsDialog({ ui, localStream, onClose }: { ui: MeetingUi; localStream: MediaStream | undefined; onClose: () => void }) {
  const hasMicrophone = (localStream?.getAudioTracks().length ?? 0) > 0;
  return (
    <Modal title={t('meeting.settings')} closeLabel={t('meeting.close')} onClose={onClose} class="meeting-settings">
      <div class="field">
        <span class="settings-caption">{t('settings.microphoneLevel')}</span>
        {hasMicrophone ? (
          <LevelMeter stream={localStream} label={t('settings.microphoneLevel')} />
        ) : (
          <p class="hint">{t('settings.noMicrophone')}</p>
        )}
        {hasMicrophone && <p class="hint">{t('settings.levelHint')}</p>}
      </div>
      <div class="field">
        <SpeakerSelect
          id="settings-speaker"
          label={t('settings.speaker')}
          value={ui.speakerId.value}
          onChange={(id) => (ui.speakerId.value = id)}
        />
      </div>
    </Modal>
  );
}
