/** One participant's tile: their video (or initials when the camera is off) and name. */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../app/i18n.js';

export interface TileProps {
  participantId: string;
  name: string;
  stream: MediaStream | undefined;
  audioMuted: boolean;
  videoMuted: boolean;
  /** The local preview: mirrored and silent. */
  local?: boolean;
}

export function Tile({ participantId, name, stream, audioMuted, videoMuted, local = false }: TileProps) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== (stream ?? null)) video.current.srcObject = stream ?? null;
  }, [stream]);
  const showVideo = stream !== undefined && !videoMuted;
  const initials = name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <li class="tile" data-participant-id={participantId} data-local={local ? 'true' : undefined} aria-label={name}>
      <video ref={video} autoPlay playsInline muted={local} class={local ? 'mirrored' : undefined} hidden={!showVideo} />
      {!showVideo && (
        <div class="avatar" aria-hidden="true">
          {initials}
        </div>
      )}
      <div class="tile-label">
        <span class="tile-name">{name}</span>
        {audioMuted && (
          <span class="muted-badge" role="img" aria-label={t('meeting.muted')} title={t('meeting.muted')}>
            🔇
          </span>
        )}
      </div>
    </li>
  );
}
