/** One tile: a participant's video (or initials when the camera is off), name and state. */
import { useEffect, useRef } from 'preact/hooks';
import type { Reaction, Role } from '../../../shared/protocol.js';
import { t } from './messages.js';

export interface TileProps {
  tileId: string;
  name: string;
  stream: MediaStream | undefined;
  audioMuted: boolean;
  videoMuted: boolean;
  role?: Role | undefined;
  speaking?: boolean;
  handRaised?: boolean;
  reconnecting?: boolean;
  reaction?: Reaction | undefined;
  /** The local preview: mirrored and silent. */
  local?: boolean;
  /** A shared screen: never mirrored, shown whole. */
  screen?: boolean;
  /** Called with the tile's width in pixels whenever it changes (for the simulcast layer). */
  onWidth?: (width: number) => void;
}

export function Tile(props: TileProps) {
  const video = useRef<HTMLVideoElement>(null);
  const tile = useRef<HTMLLIElement>(null);
  const { stream, onWidth } = props;
  useEffect(() => {
    if (video.current && video.current.srcObject !== (stream ?? null)) video.current.srcObject = stream ?? null;
  }, [stream]);
  useEffect(() => {
    const element = tile.current;
    if (!element || !onWidth) return;
    const observer = new ResizeObserver((entries) => onWidth(entries[0]?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, [onWidth]);
  const showVideo = stream !== undefined && (props.screen || !props.videoMuted);
  const initials = props.name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const classes = ['tile', props.speaking ? 'speaking' : '', props.screen ? 'screen' : '', props.reconnecting ? 'reconnecting' : ''].join(
    ' ',
  );
  return (
    <li ref={tile} class={classes} data-tile-id={props.tileId} data-local={props.local ? 'true' : undefined} aria-label={props.name}>
      <video
        ref={video}
        autoPlay
        playsInline
        muted={props.local}
        class={props.local && !props.screen ? 'mirrored' : undefined}
        hidden={!showVideo}
      />
      {!showVideo && (
        <div class="avatar" aria-hidden="true">
          {initials}
        </div>
      )}
      {props.reaction && (
        <div class="reaction" role="img" aria-label={props.reaction}>
          {props.reaction}
        </div>
      )}
      <div class="tile-label">
        {props.handRaised && (
          <span role="img" aria-label={t('meeting.handRaised')} title={t('meeting.handRaised')}>
            ✋
          </span>
        )}
        <span class="tile-name">{props.name}</span>
        {props.role === 'moderator' && <span class="badge">{t('role.moderator')}</span>}
        {props.audioMuted && !props.screen && (
          <span class="muted-badge" role="img" aria-label={t('meeting.muted')} title={t('meeting.muted')}>
            🔇
          </span>
        )}
        {props.reconnecting && <span class="badge warn">{t('meeting.reconnectingBadge')}</span>}
      </div>
    </li>
  );
}
