/** The meeting's controls: microphone, camera, screen, hand, reactions, panels, view options, leave. */
import { type Reaction, ReactionSchema } from '../../../shared/protocol.js';
import type { MeetingController, MeetingState } from './meeting-controller.js';
import { type MeetingUi, type Panel, permissions } from './meeting-ui.js';
import { t } from './messages.js';

async function toggleScreenShare(meeting: MeetingController, state: MeetingState): Promise<void> {
  if (state.screen) return meeting.stopScreenShare();
  try {
    meeting.startScreenShare(await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }));
  } catch (error) {
    meeting.dismissNotice();
    meeting.showNotice(t('meeting.shareFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}

function PanelToggle({ ui, panel, children }: { ui: MeetingUi; panel: Exclude<Panel, undefined>; children: preact.ComponentChildren }) {
  return (
    <button
      type="button"
      class="panel-toggle"
      aria-pressed={ui.panel.value === panel}
      onClick={() => (ui.panel.value = ui.panel.value === panel ? undefined : panel)}
    >
      {children}
    </button>
  );
}

function Reactions({ meeting }: { meeting: MeetingController }) {
  return (
    <details class="reactions">
      <summary>{t('meeting.reactions')}</summary>
      <div class="reaction-row">
        {ReactionSchema.options.map((reaction: Reaction) => (
          <button type="button" key={reaction} aria-label={t('meeting.react', { reaction })} onClick={() => meeting.react(reaction)}>
            {reaction}
          </button>
        ))}
      </div>
    </details>
  );
}

function ViewOptions({ meeting, state, ui }: { meeting: MeetingController; state: MeetingState; ui: MeetingUi }) {
  const quality = ui.quality.value;
  return (
    <details class="more">
      <summary>{t('meeting.more')}</summary>
      <div class="action-column">
        <button type="button" onClick={() => (ui.layout.value = ui.layout.value === 'grid' ? 'speaker' : 'grid')}>
          {ui.layout.value === 'grid' ? t('meeting.layoutSpeaker') : t('meeting.layoutGrid')}
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={quality === 'data-saver'}
            onChange={(event) => (ui.quality.value = event.currentTarget.checked ? 'data-saver' : 'normal')}
          />
          {t('meeting.dataSaver')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={quality === 'audio-only'}
            onChange={(event) => {
              const audioOnly = event.currentTarget.checked;
              ui.quality.value = audioOnly ? 'audio-only' : 'normal';
              if (audioOnly) meeting.setMedia({ ...state.media, videoMuted: true });
            }}
          />
          {t('meeting.audioOnly')}
        </label>
      </div>
    </details>
  );
}

export function Toolbar({ meeting, state, ui }: { meeting: MeetingController; state: MeetingState; ui: MeetingUi }) {
  const media = state.media;
  const { isModerator, canUse } = permissions(state);
  const handRaised = (state.self?.handRaisedAtMs ?? null) !== null;
  const panel = ui.panel.value;
  return (
    <nav class="controls" aria-label={t('meeting.controls')}>
      <button
        type="button"
        aria-pressed={media.audioMuted}
        disabled={media.audioMuted && !canUse('microphone')}
        onClick={() => meeting.setMedia({ ...media, audioMuted: !media.audioMuted })}
      >
        {media.audioMuted ? t('meeting.unmute') : t('meeting.mute')}
      </button>
      <button
        type="button"
        aria-pressed={media.videoMuted}
        disabled={(media.videoMuted && !canUse('camera')) || ui.quality.value === 'audio-only'}
        onClick={() => meeting.setMedia({ ...media, videoMuted: !media.videoMuted })}
      >
        {media.videoMuted ? t('meeting.cameraOn') : t('meeting.cameraOff')}
      </button>
      {(canUse('screenShare') || state.screen) && (
        <button type="button" aria-pressed={state.screen !== undefined} onClick={() => void toggleScreenShare(meeting, state)}>
          {state.screen ? t('meeting.stopSharing') : t('meeting.shareScreen')}
        </button>
      )}
      <button type="button" aria-pressed={handRaised} onClick={() => meeting.setHand(!handRaised)}>
        {handRaised ? t('meeting.lowerHand') : t('meeting.raiseHand')}
      </button>
      <Reactions meeting={meeting} />
      <PanelToggle ui={ui} panel="people">
        {t('panel.people')}
      </PanelToggle>
      <PanelToggle ui={ui} panel="chat">
        {t('panel.chat')}
        {state.chat.length > 0 && panel !== 'chat' ? ` (${state.chat.length})` : ''}
      </PanelToggle>
      {isModerator && (
        <PanelToggle ui={ui} panel="moderation">
          {t('panel.moderation')}
          {state.lobby.length > 0 ? ` (${state.lobby.length})` : ''}
        </PanelToggle>
      )}
      <ViewOptions meeting={meeting} state={state} ui={ui} />
      <button type="button" class="danger" onClick={() => meeting.leave()}>
        {t('meeting.leave')}
      </button>
    </nav>
  );
}
