/** The lines above the stage: a notice (or "Connecting…"), a moderator's request to unmute, and who waits in the lobby. */
import { Button, Prompt } from '../../ui/index.js';
import type { MeetingController, MeetingState } from './meeting-controller.js';
import type { MeetingUi } from './meeting-ui.js';
import { t } from './messages.js';

export function Banners({
  meeting,
  state,
  ui,
  isModerator,
}: {
  meeting: MeetingController;
  state: MeetingState;
  ui: MeetingUi;
  isModerator: boolean;
}) {
  return (
    <>
      {(state.notice || state.status === 'connecting') && (
        <p class="banner" role="status">
          {state.notice ?? t('meeting.connecting')}
          {state.notice && (
            <Button variant="link" onClick={() => meeting.dismissNotice()}>
              {t('meeting.dismiss')}
            </Button>
          )}
        </p>
      )}
      {state.askedToUnmute && (
        <Prompt class="banner ask" text={t('meeting.askedToUnmute')}>
          <Button variant="primary" onClick={() => meeting.setMedia({ ...state.media, audioMuted: false })}>
            {t('meeting.unmuteNow')}
          </Button>
          <Button onClick={() => meeting.dismissNotice()}>{t('meeting.dismiss')}</Button>
        </Prompt>
      )}
      {state.poorConnection && ui.quality.value !== 'audio-only' && (
        <Prompt class="banner ask" text={t('meeting.poorConnection')}>
          <Button
            variant="primary"
            onClick={() => {
              ui.quality.value = 'audio-only';
              meeting.setMedia({ ...state.media, videoMuted: true });
              meeting.dismissPoorConnection();
            }}
          >
            {t('meeting.switchToAudioOnly')}
          </Button>
          <Button onClick={() => meeting.dismissPoorConnection()}>{t('meeting.dismiss')}</Button>
        </Prompt>
      )}
      {isModerator && state.lobby.length > 0 && ui.panel.value !== 'moderation' && (
        <Button class="banner lobby-cue" onClick={() => (ui.panel.value = 'moderation')}>
          {t('moderation.someoneWaiting', { name: state.lobby[0]?.displayName ?? '' })}
        </Button>
      )}
    </>
  );
}
