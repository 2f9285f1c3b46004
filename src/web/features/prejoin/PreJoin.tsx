/** The pre-join screen: name, camera and microphone preview with the microphone's level, device and speaker choice, join muted. */

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { RoomView } from '../../../shared/api.js';
import type { BbbEnterResponse } from '../../../shared/bbb-landing-api.js';
import { limits } from '../../../shared/limits.js';
import { DisplayNameSchema, type MediaState } from '../../../shared/protocol.js';
import { warmUpMessages } from '../../app/intl/catalogue.js';
import { joinGrantFor } from '../../app/join-grant.js';
import { moderatorCodeFor, rememberModeratorCode } from '../../app/local-identity.js';
import { DeviceSelect, SpeakerSelect } from '../../ui/DeviceSelect.js';
import { LevelMeter } from '../../ui/LevelMeter.js';
import type { MeetingController } from '../meeting/meeting-controller.js';
import { openSignalingSocket } from '../meeting/signaling-client.js';
import { startMeeting } from '../meeting/start-meeting.js';
import { type DeviceChoice, listDevices, openLocalMedia, stopStream } from './local-media.js';
import { t } from './messages.js';

/** What the person chose before joining. The stream is handed over to the meeting. */
export interface JoinChoice {
  displayName: string;
  media: MediaState;
  stream: MediaStream | undefined;
  /** The room's viewer or moderator code, when the person has one. */
  accessCode: string | undefined;
  /** The chosen speaker's `deviceId`; undefined for the system's default. */
  speakerId: string | undefined;
  /** A BigBlueButton join link's grant for this room: its name and role are the integration's. */
  grant?: BbbEnterResponse | undefined;
  /** The signalling socket this screen opened ahead, now the meeting's (`openSignalingSocket`). */
  socket?: WebSocket | undefined;
  /** The meeting, started on the join click (`startMeeting`): `join` is on its way before the meeting view renders. */
  meeting?: MeetingController | undefined;
}

const displayNameStorageKey = 'plenary.displayName';

/**
 * The meeting's signalling socket, opened while the person is still choosing (so that Join sends
 * `join` at once); closed when the screen goes away without joining.
 */
function useWarmSignalingSocket(handedOver: { current: boolean }): { current: WebSocket | undefined } {
  const socket = useRef<WebSocket | undefined>(undefined);
  useEffect(() => {
    const opened = openSignalingSocket();
    socket.current = opened;
    return () => {
      if (!handedOver.current) opened.close();
    };
  }, []);
  return socket;
}

export function PreJoin({ room, onJoin, error }: { room: RoomView; onJoin: (choice: JoinChoice) => void; error?: string | undefined }) {
  const storedCode = moderatorCodeFor(room.roomId);
  // Arrived by an integration's join link: the name (and role) are the link's, no code is asked.
  const grant = joinGrantFor(room.roomId);
  const accessCode = useSignal('');
  const displayName = useSignal(grant?.displayName ?? localStorage.getItem(displayNameStorageKey) ?? '');
  const nameError = useSignal<string | undefined>(undefined);
  const devices = useSignal<DeviceChoice>({ cameraId: undefined, microphoneId: undefined });
  const available = useSignal<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }>({ cameras: [], microphones: [] });
  const stream = useSignal<MediaStream | undefined>(undefined);
  const mediaProblem = useSignal<string | undefined>(undefined);
  const mediaReady = useSignal(false);
  const audioMuted = useSignal(false);
  const videoMuted = useSignal(false);
  const speakerId = useSignal<string | undefined>(undefined);
  const copied = useSignal(false);
  const preview = useRef<HTMLVideoElement>(null);
  const handedOver = useRef(false);
  const socket = useWarmSignalingSocket(handedOver);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | undefined;
    mediaReady.value = false;
    void openLocalMedia(devices.value).then(async (result) => {
      if (cancelled) return stopStream(result.stream);
      opened = result.stream;
      stream.value = result.stream;
      mediaProblem.value = result.stream ? undefined : result.reason;
      mediaReady.value = true;
      available.value = await listDevices().catch(() => ({ cameras: [], microphones: [] }));
    });
    return () => {
      cancelled = true;
      if (!handedOver.current) stopStream(opened);
    };
  }, [devices.value]);

  // While the person types their name: what the meeting's first render would otherwise set up.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((work: () => void) => window.setTimeout(work, 200));
    idle(() => warmUpMessages());
  }, []);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream.value ?? null;
    for (const track of stream.value?.getVideoTracks() ?? []) track.enabled = !videoMuted.value;
  }, [stream.value, videoMuted.value]);

  const join = (event: Event) => {
    event.preventDefault();
    const name = DisplayNameSchema.safeParse(displayName.value);
    if (!name.success) {
      nameError.value =
        displayName.value.trim() === '' ? t('prejoin.nameRequired') : (name.error.issues[0]?.message ?? t('prejoin.nameRequired'));
      return;
    }
    if (!grant) localStorage.setItem(displayNameStorageKey, name.data);
    handedOver.current = true;
    const code = accessCode.value.trim();
    if (code && !room.requiresAccessCode) rememberModeratorCode(room.roomId, code);
    const choice = {
      displayName: name.data,
      media: { audioMuted: audioMuted.value, videoMuted: videoMuted.value },
      stream: stream.value,
      accessCode: code || storedCode,
      speakerId: speakerId.value,
      grant,
      socket: socket.current,
    };
    onJoin({ ...choice, meeting: startMeeting(room, choice) });
  };

  const copyLink = async () => {
    await navigator.clipboard?.writeText(room.url).catch(() => undefined);
    copied.value = true;
  };

  return (
    <main class="page prejoin">
      <h1>{t('prejoin.title')}</h1>
      <p class="room-name">{room.name}</p>
      <div class="prejoin-layout">
        <div class="preview">
          <video ref={preview} autoPlay playsInline muted class="mirrored" aria-label={t('prejoin.previewAlt')} />
          {mediaProblem.value && (
            <p class="notice" role="status">
              {t('prejoin.noDevices', { reason: mediaProblem.value })}
            </p>
          )}
        </div>
        <form class="card" onSubmit={join} noValidate>
          <label for="display-name">{t('prejoin.displayName')}</label>
          <input
            id="display-name"
            name="displayName"
            type="text"
            autoComplete="name"
            maxLength={limits.displayNameCharactersMax}
            value={displayName.value}
            readOnly={grant !== undefined}
            aria-invalid={nameError.value ? true : undefined}
            aria-describedby="display-name-hint"
            onInput={(event) => {
              displayName.value = event.currentTarget.value;
              nameError.value = undefined;
            }}
          />
          <p id="display-name-hint" class={nameError.value ? 'error' : 'hint'} role={nameError.value ? 'alert' : undefined}>
            {nameError.value ?? (grant ? t('prejoin.displayNameFromLink') : t('prejoin.displayNameHint'))}
          </p>
          {grant ? null : room.requiresAccessCode && !storedCode ? (
            <>
              <label for="access-code">{t('prejoin.accessCode')}</label>
              <input
                id="access-code"
                type="text"
                autoComplete="off"
                required
                value={accessCode.value}
                aria-describedby="access-code-hint"
                onInput={(event) => (accessCode.value = event.currentTarget.value)}
              />
              <p id="access-code-hint" class="hint">
                {t('prejoin.accessCodeRequired')}
              </p>
            </>
          ) : (
            !storedCode && (
              <details>
                <summary>{t('prejoin.moderatorCode')}</summary>
                <input
                  id="moderator-code"
                  type="text"
                  autoComplete="off"
                  aria-label={t('prejoin.moderatorCode')}
                  value={accessCode.value}
                  onInput={(event) => (accessCode.value = event.currentTarget.value)}
                />
              </details>
            )
          )}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <DeviceSelect
            id="camera"
            label={t('prejoin.camera')}
            devices={available.value.cameras}
            value={devices.value.cameraId ?? stream.value?.getVideoTracks()[0]?.getSettings().deviceId}
            onChange={(cameraId) => (devices.value = { ...devices.value, cameraId })}
          />
          <DeviceSelect
            id="microphone"
            label={t('prejoin.microphone')}
            devices={available.value.microphones}
            value={devices.value.microphoneId ?? stream.value?.getAudioTracks()[0]?.getSettings().deviceId}
            onChange={(microphoneId) => (devices.value = { ...devices.value, microphoneId })}
          />
          <LevelMeter stream={stream.value} label={t('prejoin.microphoneLevel')} />
          <SpeakerSelect id="speaker" label={t('prejoin.speaker')} value={speakerId.value} onChange={(id) => (speakerId.value = id)} />
          <label class="check">
            <input type="checkbox" checked={audioMuted.value} onChange={(event) => (audioMuted.value = event.currentTarget.checked)} />
            {t('prejoin.joinMuted')}
          </label>
          <label class="check">
            <input type="checkbox" checked={videoMuted.value} onChange={(event) => (videoMuted.value = event.currentTarget.checked)} />
            {t('prejoin.joinCameraOff')}
          </label>
          <button type="submit" class="primary large" disabled={!mediaReady.value} aria-busy={!mediaReady.value}>
            {mediaReady.value ? t('prejoin.join') : t('prejoin.openingDevices')}
          </button>
          <button type="button" onClick={copyLink}>
            {copied.value ? t('prejoin.linkCopied') : t('prejoin.copyLink')}
          </button>
        </form>
      </div>
    </main>
  );
}
