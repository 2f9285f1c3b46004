/**
 * One tile: a participant's video (or initials when the camera is off), name and state; buttons
 * to show it full screen and, where the browser can, in a floating picture-in-picture window.
 */
import { Hand, Maximize, MicOff, Minimize, PictureInPicture2 } from 'lucide-preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Reaction, Role } from '../../../shared/protocol.js';
import { routeSound } from '../../ui/DeviceSelect.js';
import type { LinkQuality } from './connection-quality.js';
import { t } from './messages.js';
import { QualityIndicator } from './QualityIndicator.js';

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
  /** Where its sound goes; undefined for the default output. */
  speakerId?: string | undefined;
  /** How this participant's connection fares (ours on our own tile); undefined while unmeasured. */
  quality?: LinkQuality | undefined;
}

/** Whether `element` is the one shown full screen, kept up to date. */
function useFullScreen(element: { current: HTMLElement | null }): boolean {
  const [fullScreen, setFullScreen] = useState(false);
  useEffect(() => {
    const update = () => setFullScreen(document.fullscreenElement !== null && document.fullscreenElement === element.current);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  return fullScreen;
}

function toggleFullScreen(element: HTMLElement | null, fullScreen: boolean): void {
  if (fullScreen) void document.exitFullscreen().catch(() => undefined);
  else void element?.requestFullscreen().catch(() => undefined);
}

function togglePictureInPicture(video: HTMLVideoElement | null): void {
  if (!video) return;
  if (document.pictureInPictureElement === video) void document.exitPictureInPicture().catch(() => undefined);
  else void video.requestPictureInPicture().catch(() => undefined);
}

/** Full screen (where the page may use it) and picture-in-picture (where the browser has it, while there is video). */
function TileActions(props: {
  name: string;
  tile: { current: HTMLLIElement | null };
  video: { current: HTMLVideoElement | null };
  showsVideo: boolean;
}) {
  const fullScreen = useFullScreen(props.tile);
  const canFloat = props.showsVideo && document.pictureInPictureEnabled;
  return (
    <div class="tile-actions">
      {document.fullscreenEnabled && (
        <button
          type="button"
          aria-label={fullScreen ? t('tile.exitFullScreen') : t('tile.fullScreen', { name: props.name })}
          onClick={() => toggleFullScreen(props.tile.current, fullScreen)}
        >
          {fullScreen ? <Minimize aria-hidden="true" size={18} /> : <Maximize aria-hidden="true" size={18} />}
        </button>
      )}
      {canFloat && (
        <button
          type="button"
          aria-label={t('tile.pictureInPicture', { name: props.name })}
          onClick={() => togglePictureInPicture(props.video.current)}
        >
          <PictureInPicture2 aria-hidden="true" size={18} />
        </button>
      )}
    </div>
  );
}

export function Tile(props: TileProps) {
  const video = useRef<HTMLVideoElement>(null);
  const tile = useRef<HTMLLIElement>(null);
  const { stream, onWidth } = props;
  // Before the first paint, not after it: a remote video starts loading a frame earlier.
  useLayoutEffect(() => {
    if (video.current && video.current.srcObject !== (stream ?? null)) video.current.srcObject = stream ?? null;
  }, [stream]);
  useEffect(() => {
    if (video.current && !props.local) routeSound(video.current, props.speakerId);
  }, [props.speakerId, stream]);
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
      <TileActions name={props.name} tile={tile} video={video} showsVideo={showVideo} />
      {props.reaction && (
        <div class="reaction" role="img" aria-label={props.reaction}>
          {props.reaction}
        </div>
      )}
      <div class="tile-label">
        {props.handRaised && (
          <span class="tile-icon" role="img" aria-label={t('meeting.handRaised')} title={t('meeting.handRaised')}>
            <Hand size={16} aria-hidden="true" />
          </span>
        )}
        <span class="tile-name">{props.name}</span>
        {props.role === 'moderator' && <span class="badge">{t('role.moderator')}</span>}
        {props.audioMuted && !props.screen && (
          <span class="tile-icon muted-badge" role="img" aria-label={t('meeting.muted')} title={t('meeting.muted')}>
            <MicOff size={16} aria-hidden="true" />
          </span>
        )}
        {props.reconnecting && <span class="badge warn">{t('meeting.reconnectingBadge')}</span>}
        {props.quality && !props.screen && <QualityIndicator quality={props.quality} />}
      </div>
    </li>
  );
}
