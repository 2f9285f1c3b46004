/**
 * Where the video goes: a shared screen large with everyone in a strip; otherwise the active
 * speaker large (speaker view) or a paginated grid. Tells the controller which simulcast layer
 * each visible camera needs, and to stop video for cameras not on screen.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ParticipantId } from '../../../shared/ids.js';
import type { VideoLayer } from '../../../shared/protocol.js';
import type { MeetingState, RemoteParticipant } from './meeting-controller.js';
import { t } from './messages.js';
import type { Layout, Quality } from './stage-layout.js';
import { adaptToLink, arrangeTiles, layerFor, layerForNewcomer, orderBySpeech, tilesPerPage } from './stage-layout.js';
import { Tile, type TileProps } from './Tile.js';

export type { Layout, Quality } from './stage-layout.js';

interface StageProps {
  state: MeetingState;
  selfName: string;
  localStream: MediaStream | undefined;
  layout: Layout;
  quality: Quality;
  page: number;
  onPage: (page: number) => void;
  activeSpeakerId: ParticipantId | undefined;
  setVideoLayer: (participantId: ParticipantId, layer: VideoLayer) => void;
  setDefaultVideoLayer: (layer: VideoLayer) => void;
  /** Where the others' sound goes; undefined for the default output. */
  speakerId: string | undefined;
  /** The presentation's page, shown large with every tile (screens too) in the strip; absent when none is shown. */
  presentation?: ComponentChildren;
}

type TileModel = TileProps & { key: string; participantId?: ParticipantId; lastSpokeAtMs?: number | undefined };

function remoteTile(remote: RemoteParticipant, quality: MeetingState['quality']): TileModel {
  const summary = remote.summary;
  return {
    key: `${summary.participantId}/camera`,
    tileId: summary.participantId,
    participantId: summary.participantId,
    name: summary.displayName,
    stream: remote.camera,
    audioMuted: summary.media.audioMuted,
    videoMuted: summary.media.videoMuted,
    role: summary.role,
    speaking: summary.speaking,
    handRaised: summary.handRaisedAtMs !== null,
    reconnecting: summary.reconnecting,
    reaction: remote.reaction,
    quality: quality.remotes.get(summary.participantId),
    lastSpokeAtMs: remote.lastSpokeAtMs,
  };
}

/**
 * With `videoTilesMax`, the remote cameras beyond the most recent speakers' as avatars (they get no
 * video); their ids are returned so that no layer is asked for them.
 */
function capVideo(cameras: TileModel[], videoTilesMax: number | undefined): { cameras: TileModel[]; withoutVideo: Set<ParticipantId> } {
  const withoutVideo = new Set<ParticipantId>();
  if (videoTilesMax === undefined) return { cameras, withoutVideo };
  const remotes = cameras.filter((tile) => !tile.local && tile.participantId !== undefined);
  const bySpeech = [...remotes].sort(
    (a, b) => (b.lastSpokeAtMs ?? Number.NEGATIVE_INFINITY) - (a.lastSpokeAtMs ?? Number.NEGATIVE_INFINITY),
  );
  for (const tile of bySpeech.slice(videoTilesMax)) if (tile.participantId) withoutVideo.add(tile.participantId);
  return {
    cameras: cameras.map((tile) => (tile.participantId && withoutVideo.has(tile.participantId) ? { ...tile, videoMuted: true } : tile)),
    withoutVideo,
  };
}

export function Stage(props: StageProps) {
  const { state, setVideoLayer } = props;
  // N by bandwidth: when the others' cameras arrive poorly, our downlink is the trouble — lower layers, fewer videos.
  const link = adaptToLink(
    props.quality,
    state.remotes.map((remote) => state.quality.remotes.get(remote.summary.participantId)?.level),
  );
  const quality = link.quality;
  const self = state.self;
  const selfTile: TileModel = {
    key: 'self/camera',
    tileId: self?.participantId ?? 'self',
    name: t('meeting.you', { name: props.selfName }),
    stream: props.localStream,
    audioMuted: state.media.audioMuted,
    videoMuted: state.media.videoMuted,
    role: self?.role,
    speaking: self?.speaking ?? false,
    handRaised: (self?.handRaisedAtMs ?? null) !== null,
    reaction: state.reaction,
    local: true,
    quality: state.quality.self,
  };
  // Last-N: with more cameras than a page holds, the first page shows the most recent speakers.
  const capped = capVideo(
    orderBySpeech([selfTile, ...state.remotes.map((remote) => remoteTile(remote, state.quality))], tilesPerPage),
    link.videoTilesMax,
  );
  const cameras = capped.cameras;
  const screens: TileModel[] = [
    ...(state.screen
      ? [
          {
            key: 'self/screen',
            tileId: 'self-screen',
            name: t('meeting.yourScreen'),
            stream: state.screen,
            audioMuted: true,
            videoMuted: false,
            screen: true,
            local: true,
          },
        ]
      : []),
    ...state.remotes
      .filter((remote) => remote.screen)
      .map((remote) => ({
        key: `${remote.summary.participantId}/screen`,
        tileId: `${remote.summary.participantId}-screen`,
        name: t('meeting.screenOf', { name: remote.summary.displayName }),
        stream: remote.screen,
        audioMuted: true,
        videoMuted: false,
        screen: true,
      })),
  ];

  const arranged = arrangeTiles({
    cameras,
    screens,
    layout: props.layout,
    page: props.page,
    activeSpeakerId: props.activeSpeakerId,
  });
  const presenting = Boolean(props.presentation);
  const { pages, page } = arranged;
  const large = presenting ? [] : arranged.large;
  const small = presenting ? [...arranged.large, ...arranged.small] : arranged.small;
  const visible = new Set([...large, ...small].map((tile) => tile.participantId).filter(Boolean));

  const stage = useRef<HTMLDivElement>(null);
  const somethingLarge = large.length > 0 || presenting;
  useEffect(() => {
    // A newcomer's camera starts on the layer of the tile it will most likely get.
    const stageWidth = stage.current?.clientWidth ?? window.innerWidth;
    props.setDefaultVideoLayer(layerForNewcomer({ stageWidth, cameraCount: cameras.length, somethingLarge, quality }));
  });

  useEffect(() => {
    // Cameras that are not on screen get no video at all.
    for (const remote of state.remotes) {
      const participantId = remote.summary.participantId;
      if (!visible.has(participantId) || capped.withoutVideo.has(participantId)) setVideoLayer(participantId, null);
    }
  });

  const render = (tile: TileModel) => {
    const participantId = tile.participantId;
    const onWidth =
      participantId && !tile.screen && !capped.withoutVideo.has(participantId)
        ? (width: number) => setVideoLayer(participantId, layerFor(width, quality))
        : undefined;
    return <Tile {...tile} key={tile.key} onWidth={onWidth} speakerId={props.speakerId} />;
  };
  return (
    <div ref={stage} class={somethingLarge ? 'stage with-large' : 'stage'}>
      <p class="stage-note" role="status">
        {link.reduced &&
          (link.videoTilesMax === undefined
            ? t('meeting.videoLowered')
            : t('meeting.videoReduced', { count: Math.min(link.videoTilesMax, state.remotes.length) }))}
      </p>
      {props.presentation}
      {large.length > 0 && (
        <ul class="tiles large" aria-label={t('meeting.tiles')}>
          {large.map(render)}
        </ul>
      )}
      <ul
        class={somethingLarge ? 'tiles strip' : 'tiles'}
        data-count={Math.min(small.length, 9)}
        aria-label={large.length > 0 ? undefined : t('meeting.tiles')}
      >
        {small.map(render)}
      </ul>
      {pages > 1 && (
        <nav class="pager" aria-label={t('meeting.page', { page: page + 1, pages })}>
          <button type="button" disabled={page === 0} onClick={() => props.onPage(page - 1)}>
            {t('meeting.previousPage')}
          </button>
          <span>{t('meeting.page', { page: page + 1, pages })}</span>
          <button type="button" disabled={page >= pages - 1} onClick={() => props.onPage(page + 1)}>
            {t('meeting.nextPage')}
          </button>
        </nav>
      )}
    </div>
  );
}
