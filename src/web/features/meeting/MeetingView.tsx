/** The meeting page: stage, side panel (people, chat, moderation), toolbar, and the end screens. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomView } from '../../../shared/api.js';
import { type ParticipantId, RoomIdSchema } from '../../../shared/ids.js';
import { type Reaction, ReactionSchema } from '../../../shared/protocol.js';
import { t } from '../../app/i18n.js';
import { clientId } from '../../app/local-identity.js';
import { navigate } from '../../app/router.js';
import { stopStream } from '../prejoin/local-media.js';
import type { JoinChoice } from '../prejoin/PreJoin.js';
import { ChatPanel } from './ChatPanel.js';
import { ModeratorPanel } from './ModeratorPanel.js';
import { MeetingController, type MeetingState } from './meeting-controller.js';
import { ParticipantsPanel } from './ParticipantsPanel.js';
import { type Layout, type Quality, Stage } from './Stage.js';

type Panel = 'people' | 'chat' | 'moderation' | undefined;

/** A short two-tone cue for moderators when someone starts waiting. */
function playCue(): void {
  try {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.setValueAtTime(660, audio.currentTime);
    oscillator.frequency.setValueAtTime(880, audio.currentTime + 0.12);
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
    oscillator.addEventListener('ended', () => void audio.close());
  } catch {
    // No audio output: the visual cue remains.
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function EndScreen({ state, onRejoin }: { state: MeetingState; onRejoin: () => void }) {
  const titles = {
    left: t('meeting.leftTitle'),
    denied: t('meeting.deniedTitle'),
    removed: t('meeting.removedTitle'),
    ended: t('meeting.endedTitle'),
    failed: t('meeting.failedTitle'),
  } as const;
  const status = state.status as keyof typeof titles;
  return (
    <main class="page centered">
      <h1>{titles[status]}</h1>
      {state.notice && <p role="status">{state.notice}</p>}
      {(status === 'left' || status === 'failed') && (
        <button type="button" class="primary" onClick={onRejoin}>
          {t('meeting.rejoin')}
        </button>
      )}
      <button type="button" onClick={() => navigate('/')}>
        {t('meeting.backHome')}
      </button>
    </main>
  );
}

export function MeetingView({ room, choice, onRejoin }: { room: RoomView; choice: JoinChoice; onRejoin: () => void }) {
  const [state, setState] = useState<MeetingState | undefined>();
  const [panel, setPanel] = useState<Panel>();
  const [layout, setLayout] = useState<Layout>('grid');
  const [quality, setQuality] = useState<Quality>('normal');
  const [page, setPage] = useState(0);
  const [activeSpeakerId, setActiveSpeakerId] = useState<ParticipantId | undefined>();
  const controller = useRef<MeetingController>();
  const lobbySize = useRef(0);

  useEffect(() => {
    const meeting = new MeetingController({
      roomId: RoomIdSchema.parse(room.roomId),
      displayName: choice.displayName,
      localStream: choice.stream,
      media: choice.media,
      accessCode: choice.accessCode,
      clientId: clientId(),
      onChange: setState,
      onChatExport: (text) => download(`chat-${room.roomId}.txt`, text),
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

  useEffect(() => {
    const speaker = state?.remotes.find((remote) => remote.summary.speaking);
    if (speaker) setActiveSpeakerId(speaker.summary.participantId);
    const waiting = state?.lobby.length ?? 0;
    if (waiting > lobbySize.current && state?.self?.role === 'moderator') playCue();
    lobbySize.current = waiting;
  }, [state]);

  if (!state) return null;
  if (['left', 'denied', 'removed', 'ended', 'failed'].includes(state.status)) return <EndScreen state={state} onRejoin={onRejoin} />;
  if (state.status === 'waiting') {
    return (
      <main class="page centered" aria-busy="true">
        <h1>{t('meeting.waitingTitle')}</h1>
        <p role="status">{t('meeting.waitingBody')}</p>
        <button type="button" onClick={() => controller.current?.leave()}>
          {t('meeting.leave')}
        </button>
      </main>
    );
  }

  const meeting = controller.current;
  const media = state.media;
  const isModerator = state.self?.role === 'moderator';
  const locked = state.settings?.lockedForViewers;
  const canUse = (what: 'microphone' | 'camera' | 'chat' | 'screenShare') => isModerator || !locked?.[what];
  const handRaised = (state.self?.handRaisedAtMs ?? null) !== null;
  const people = state.remotes.map((remote) => remote.summary);
  const togglePanel = (next: Panel) => setPanel(panel === next ? undefined : next);

  const shareScreen = async () => {
    if (state.screen) return meeting?.stopScreenShare();
    try {
      meeting?.startScreenShare(await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }));
    } catch (error) {
      meeting?.dismissNotice();
      setState({ ...state, notice: t('meeting.shareFailed', { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  return (
    <main class="meeting" data-status={state.status}>
      <header class="meeting-bar">
        <h1 class="room-name">{room.name}</h1>
        <p class="count" aria-live="polite">
          {t('meeting.participants', { count: state.remotes.length + 1 })}
        </p>
      </header>
      {(state.notice || state.status === 'connecting') && (
        <p class="banner" role="status">
          {state.notice ?? t('meeting.connecting')}
          {state.notice && (
            <button type="button" class="link" onClick={() => meeting?.dismissNotice()}>
              {t('meeting.dismiss')}
            </button>
          )}
        </p>
      )}
      {state.askedToUnmute && (
        <div class="banner ask" role="alertdialog" aria-label={t('meeting.askedToUnmute')}>
          {t('meeting.askedToUnmute')}
          <button type="button" class="primary" onClick={() => meeting?.setMedia({ ...media, audioMuted: false })}>
            {t('meeting.unmuteNow')}
          </button>
          <button type="button" onClick={() => meeting?.dismissNotice()}>
            {t('meeting.dismiss')}
          </button>
        </div>
      )}
      {isModerator && state.lobby.length > 0 && panel !== 'moderation' && (
        <button type="button" class="banner lobby-cue" onClick={() => setPanel('moderation')}>
          {t('moderation.someoneWaiting', { name: state.lobby[0]?.displayName ?? '' })}
        </button>
      )}
      <div class="meeting-body">
        <Stage
          state={state}
          selfName={choice.displayName}
          localStream={choice.stream}
          layout={layout}
          quality={quality}
          page={page}
          onPage={setPage}
          activeSpeakerId={activeSpeakerId}
          setVideoLayer={(participantId, layer) => meeting?.setVideoLayer(participantId, layer)}
          setDefaultVideoLayer={(layer) => meeting?.setDefaultVideoLayer(layer)}
        />
        {panel && (
          <aside class="side-panel" aria-label={t(`panel.${panel}`)}>
            <div class="panel-head">
              <h2>{t(`panel.${panel}`)}</h2>
              <button type="button" onClick={() => setPanel(undefined)} aria-label={t('panel.close')}>
                ✕
              </button>
            </div>
            {panel === 'people' && (
              <ParticipantsPanel self={state.self} people={people} isModerator={isModerator} moderate={(m) => meeting?.moderate(m)} />
            )}
            {panel === 'chat' && (
              <ChatPanel
                messages={state.chat}
                selfId={state.self?.participantId}
                people={people}
                locked={!canUse('chat')}
                isModerator={isModerator}
                send={(to, text) => meeting?.sendChat(to, text)}
                exportChat={() => meeting?.moderate({ action: 'export-chat' })}
              />
            )}
            {panel === 'moderation' && isModerator && state.settings && (
              <ModeratorPanel
                lobby={state.lobby}
                settings={state.settings}
                settingsUrl={`/r/${room.roomId}/settings`}
                moderate={(m) => meeting?.moderate(m)}
              />
            )}
          </aside>
        )}
      </div>
      <nav class="controls" aria-label={t('meeting.controls')}>
        <button
          type="button"
          aria-pressed={media.audioMuted}
          disabled={media.audioMuted && !canUse('microphone')}
          onClick={() => meeting?.setMedia({ ...media, audioMuted: !media.audioMuted })}
        >
          {media.audioMuted ? t('meeting.unmute') : t('meeting.mute')}
        </button>
        <button
          type="button"
          aria-pressed={media.videoMuted}
          disabled={(media.videoMuted && !canUse('camera')) || quality === 'audio-only'}
          onClick={() => meeting?.setMedia({ ...media, videoMuted: !media.videoMuted })}
        >
          {media.videoMuted ? t('meeting.cameraOn') : t('meeting.cameraOff')}
        </button>
        {(canUse('screenShare') || state.screen) && (
          <button type="button" aria-pressed={state.screen !== undefined} onClick={() => void shareScreen()}>
            {state.screen ? t('meeting.stopSharing') : t('meeting.shareScreen')}
          </button>
        )}
        <button type="button" aria-pressed={handRaised} onClick={() => meeting?.setHand(!handRaised)}>
          {handRaised ? t('meeting.lowerHand') : t('meeting.raiseHand')}
        </button>
        <details class="reactions">
          <summary>{t('meeting.reactions')}</summary>
          <div class="reaction-row">
            {ReactionSchema.options.map((reaction: Reaction) => (
              <button type="button" key={reaction} aria-label={t('meeting.react', { reaction })} onClick={() => meeting?.react(reaction)}>
                {reaction}
              </button>
            ))}
          </div>
        </details>
        <button type="button" class="panel-toggle" aria-pressed={panel === 'people'} onClick={() => togglePanel('people')}>
          {t('panel.people')}
        </button>
        <button type="button" class="panel-toggle" aria-pressed={panel === 'chat'} onClick={() => togglePanel('chat')}>
          {t('panel.chat')}
          {state.chat.length > 0 && panel !== 'chat' ? ` (${state.chat.length})` : ''}
        </button>
        {isModerator && (
          <button type="button" class="panel-toggle" aria-pressed={panel === 'moderation'} onClick={() => togglePanel('moderation')}>
            {t('panel.moderation')}
            {state.lobby.length > 0 ? ` (${state.lobby.length})` : ''}
          </button>
        )}
        <details class="more">
          <summary>{t('meeting.more')}</summary>
          <div class="action-column">
            <button type="button" onClick={() => setLayout(layout === 'grid' ? 'speaker' : 'grid')}>
              {layout === 'grid' ? t('meeting.layoutSpeaker') : t('meeting.layoutGrid')}
            </button>
            <label class="check">
              <input
                type="checkbox"
                checked={quality === 'data-saver'}
                onChange={(event) => setQuality(event.currentTarget.checked ? 'data-saver' : 'normal')}
              />
              {t('meeting.dataSaver')}
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={quality === 'audio-only'}
                onChange={(event) => {
                  const audioOnly = event.currentTarget.checked;
                  setQuality(audioOnly ? 'audio-only' : 'normal');
                  if (audioOnly) meeting?.setMedia({ ...media, videoMuted: true });
                }}
              />
              {t('meeting.audioOnly')}
            </label>
          </div>
        </details>
        <button type="button" class="danger" onClick={() => meeting?.leave()}>
          {t('meeting.leave')}
        </button>
      </nav>
    </main>
  );
}
