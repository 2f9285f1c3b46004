/** The meeting: a grid of tiles, a status line, and the controls (mute, camera, leave). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomView } from '../../../shared/api.js';
import { RoomIdSchema } from '../../../shared/ids.js';
import { t } from '../../app/i18n.js';
import { stopStream } from '../prejoin/local-media.js';
import type { JoinChoice } from '../prejoin/PreJoin.js';
import { MeetingController, type MeetingState } from './meeting-controller.js';
import { Tile } from './Tile.js';

export function MeetingView({ room, choice, onRejoin }: { room: RoomView; choice: JoinChoice; onRejoin: () => void }) {
  const [state, setState] = useState<MeetingState | undefined>();
  const controller = useRef<MeetingController>();

  useEffect(() => {
    const meeting = new MeetingController({
      roomId: RoomIdSchema.parse(room.roomId),
      displayName: choice.displayName,
      localStream: choice.stream,
      media: choice.media,
      onChange: setState,
    });
    controller.current = meeting;
    meeting.start();
    const leaveOnUnload = () => meeting.dispose();
    window.addEventListener('pagehide', leaveOnUnload);
    return () => {
      window.removeEventListener('pagehide', leaveOnUnload);
      meeting.dispose();
      stopStream(choice.stream);
    };
  }, [room.roomId, choice]);

  if (!state) return null;
  if (state.status === 'left' || state.status === 'failed') {
    return (
      <main class="page centered">
        <h1>{state.status === 'left' ? t('meeting.leftTitle') : state.notice}</h1>
        <button type="button" class="primary" onClick={onRejoin}>
          {t('meeting.rejoin')}
        </button>
      </main>
    );
  }

  const media = state.media;
  const tileCount = state.remotes.length + 1;
  return (
    <main class="meeting" data-status={state.status}>
      <header class="meeting-bar">
        <h1 class="room-name">{room.name}</h1>
        <p class="count" aria-live="polite">
          {t('meeting.participants', { count: tileCount })}
        </p>
      </header>
      {(state.notice || state.status === 'connecting') && (
        <p class="banner" role="status">
          {state.notice ?? t('meeting.connecting')}
        </p>
      )}
      <ul class="tiles" data-count={Math.min(tileCount, 9)} aria-label={t('meeting.tiles')}>
        <Tile
          participantId={state.selfId ?? 'self'}
          name={t('meeting.you', { name: choice.displayName })}
          stream={choice.stream}
          audioMuted={media.audioMuted}
          videoMuted={media.videoMuted}
          local
        />
        {state.remotes.map((remote) => (
          <Tile
            key={remote.summary.participantId}
            participantId={remote.summary.participantId}
            name={remote.summary.displayName}
            stream={remote.stream}
            audioMuted={remote.summary.media.audioMuted}
            videoMuted={remote.summary.media.videoMuted}
          />
        ))}
      </ul>
      {state.remotes.length === 0 && state.status === 'joined' && <p class="hint alone">{t('meeting.alone')}</p>}
      <nav class="controls" aria-label={t('meeting.controls')}>
        <button
          type="button"
          aria-pressed={media.audioMuted}
          onClick={() => controller.current?.setMedia({ ...media, audioMuted: !media.audioMuted })}
        >
          {media.audioMuted ? t('meeting.unmute') : t('meeting.mute')}
        </button>
        <button
          type="button"
          aria-pressed={media.videoMuted}
          onClick={() => controller.current?.setMedia({ ...media, videoMuted: !media.videoMuted })}
        >
          {media.videoMuted ? t('meeting.cameraOn') : t('meeting.cameraOff')}
        </button>
        <button type="button" class="danger" onClick={() => controller.current?.leave()}>
          {t('meeting.leave')}
        </button>
      </nav>
    </main>
  );
}
