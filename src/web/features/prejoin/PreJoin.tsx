/** The pre-join screen: name, camera and microphone preview, device choice, join muted. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomView } from '../../../shared/api.js';
import { limits } from '../../../shared/limits.js';
import { DisplayNameSchema, type MediaState } from '../../../shared/protocol.js';
import { moderatorCodeFor, rememberModeratorCode } from '../../app/local-identity.js';
import { type DeviceChoice, listDevices, openLocalMedia, stopStream } from './local-media.js';
import { t } from './messages.js';

/** What the person chose before joining. The stream is handed over to the meeting. */
export interface JoinChoice {
  displayName: string;
  media: MediaState;
  stream: MediaStream | undefined;
  /** The room's viewer or moderator code, when the person has one. */
  accessCode: string | undefined;
}

const displayNameStorageKey = 'plenary.displayName';

export function PreJoin({ room, onJoin, error }: { room: RoomView; onJoin: (choice: JoinChoice) => void; error?: string | undefined }) {
  const storedCode = moderatorCodeFor(room.roomId);
  const [accessCode, setAccessCode] = useState('');
  const [displayName, setDisplayName] = useState(() => localStorage.getItem(displayNameStorageKey) ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const [devices, setDevices] = useState<DeviceChoice>({ cameraId: undefined, microphoneId: undefined });
  const [available, setAvailable] = useState<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }>({
    cameras: [],
    microphones: [],
  });
  const [stream, setStream] = useState<MediaStream | undefined>();
  const [mediaProblem, setMediaProblem] = useState<string | undefined>();
  const [mediaReady, setMediaReady] = useState(false);
  const [audioMuted, setAudioMuted] = useState(false);
  const [videoMuted, setVideoMuted] = useState(false);
  const [copied, setCopied] = useState(false);
  const preview = useRef<HTMLVideoElement>(null);
  const handedOver = useRef(false);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | undefined;
    setMediaReady(false);
    void openLocalMedia(devices).then(async (result) => {
      if (cancelled) return stopStream(result.stream);
      opened = result.stream;
      setStream(result.stream);
      setMediaProblem(result.stream ? undefined : result.reason);
      setMediaReady(true);
      setAvailable(await listDevices().catch(() => ({ cameras: [], microphones: [] })));
    });
    return () => {
      cancelled = true;
      if (!handedOver.current) stopStream(opened);
    };
  }, [devices]);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream ?? null;
    for (const track of stream?.getVideoTracks() ?? []) track.enabled = !videoMuted;
  }, [stream, videoMuted]);

  const join = (event: Event) => {
    event.preventDefault();
    const name = DisplayNameSchema.safeParse(displayName);
    if (!name.success) {
      setNameError(displayName.trim() === '' ? t('prejoin.nameRequired') : (name.error.issues[0]?.message ?? t('prejoin.nameRequired')));
      return;
    }
    localStorage.setItem(displayNameStorageKey, name.data);
    handedOver.current = true;
    const code = accessCode.trim();
    if (code && !room.requiresAccessCode) rememberModeratorCode(room.roomId, code);
    onJoin({ displayName: name.data, media: { audioMuted, videoMuted }, stream, accessCode: code || storedCode });
  };

  const copyLink = async () => {
    await navigator.clipboard?.writeText(room.url).catch(() => undefined);
    setCopied(true);
  };

  return (
    <main class="page prejoin">
      <h1>{t('prejoin.title')}</h1>
      <p class="room-name">{room.name}</p>
      <div class="prejoin-layout">
        <div class="preview">
          <video ref={preview} autoPlay playsInline muted class="mirrored" aria-label={t('prejoin.previewAlt')} />
          {mediaProblem && (
            <p class="notice" role="status">
              {t('prejoin.noDevices', { reason: mediaProblem })}
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
            value={displayName}
            aria-invalid={nameError ? true : undefined}
            aria-describedby="display-name-hint"
            onInput={(event) => {
              setDisplayName(event.currentTarget.value);
              setNameError(undefined);
            }}
          />
          <p id="display-name-hint" class={nameError ? 'error' : 'hint'} role={nameError ? 'alert' : undefined}>
            {nameError ?? t('prejoin.displayNameHint')}
          </p>
          {room.requiresAccessCode && !storedCode ? (
            <>
              <label for="access-code">{t('prejoin.accessCode')}</label>
              <input
                id="access-code"
                type="text"
                autoComplete="off"
                required
                value={accessCode}
                aria-describedby="access-code-hint"
                onInput={(event) => setAccessCode(event.currentTarget.value)}
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
                  value={accessCode}
                  onInput={(event) => setAccessCode(event.currentTarget.value)}
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
            devices={available.cameras}
            value={devices.cameraId ?? stream?.getVideoTracks()[0]?.getSettings().deviceId}
            onChange={(cameraId) => setDevices({ ...devices, cameraId })}
          />
          <DeviceSelect
            id="microphone"
            label={t('prejoin.microphone')}
            devices={available.microphones}
            value={devices.microphoneId ?? stream?.getAudioTracks()[0]?.getSettings().deviceId}
            onChange={(microphoneId) => setDevices({ ...devices, microphoneId })}
          />
          <label class="check">
            <input type="checkbox" checked={audioMuted} onChange={(event) => setAudioMuted(event.currentTarget.checked)} />
            {t('prejoin.joinMuted')}
          </label>
          <label class="check">
            <input type="checkbox" checked={videoMuted} onChange={(event) => setVideoMuted(event.currentTarget.checked)} />
            {t('prejoin.joinCameraOff')}
          </label>
          <button type="submit" class="primary large" disabled={!mediaReady} aria-busy={!mediaReady}>
            {mediaReady ? t('prejoin.join') : t('prejoin.openingDevices')}
          </button>
          <button type="button" onClick={copyLink}>
            {copied ? t('prejoin.linkCopied') : t('prejoin.copyLink')}
          </button>
        </form>
      </div>
    </main>
  );
}

function DeviceSelect(props: {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  if (props.devices.length === 0) return null;
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${props.label} ${index + 1}`}
          </option>
        ))}
      </select>
    </>
  );
}
