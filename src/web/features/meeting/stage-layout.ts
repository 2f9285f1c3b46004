/** Pure rules of the stage: which tiles go large, which on the current page, which layer a tile needs. */
import type { VideoLayer } from '../../../shared/protocol.js';
import type { QualityLevel } from './connection-quality.js';

export type Layout = 'grid' | 'speaker';
export type Quality = 'normal' | 'data-saver' | 'audio-only';

/** Tiles on one grid page. */
export const tilesPerPage = 9;

/** The simulcast layer a camera tile of `width` CSS pixels needs. */
export function layerFor(width: number, quality: Quality): VideoLayer {
  if (quality === 'audio-only') return null;
  if (quality === 'data-saver') return 0;
  if (width >= 560) return 2;
  if (width >= 280) return 1;
  return 0;
}

/**
 * Shared screens go large with every camera in a strip; in speaker view the active speaker
 * (or else the first other person) goes large; otherwise cameras fill a grid, `tilesPerPage` at a time.
 * The first camera is always our own.
 */
export function arrangeTiles<Tile extends { participantId?: string | undefined }>(input: {
  cameras: Tile[];
  screens: Tile[];
  layout: Layout;
  page: number;
  activeSpeakerId: string | undefined;
}): { large: Tile[]; small: Tile[]; pages: number; page: number } {
  const { cameras, screens } = input;
  if (screens.length > 0) return { large: screens, small: cameras, pages: 1, page: 0 };
  if (input.layout === 'speaker' && cameras.length > 1) {
    const speaker = cameras.find((tile) => tile.participantId !== undefined && tile.participantId === input.activeSpeakerId) ?? cameras[1];
    if (speaker) return { large: [speaker], small: cameras.filter((tile) => tile !== speaker), pages: 1, page: 0 };
  }
  const pages = Math.max(1, Math.ceil(cameras.length / tilesPerPage));
  const page = Math.max(0, Math.min(input.page, pages - 1));
  return { large: [], small: cameras.slice(page * tilesPerPage, (page + 1) * tilesPerPage), pages, page };
}

/**
 * Last-N by tile space: when there are more cameras than `slots` (one grid page), the first
 * `slots` are our own and the most recent speakers — those who spoke latest — kept in join order
 * among themselves, so tiles move only when someone off the page starts to speak; the rest follow
 * in join order (and, off screen, receive no video). With fewer cameras, join order as is. The
 * first camera is always our own.
 */
export function orderBySpeech<Tile extends { lastSpokeAtMs?: number | undefined }>(cameras: readonly Tile[], slots: number): Tile[] {
  const [self, ...others] = cameras;
  if (!self || others.length < slots) return [...cameras];
  const recency = (tile: Tile) => tile.lastSpokeAtMs ?? Number.NEGATIVE_INFINITY;
  const shown = new Set([...others].sort((a, b) => recency(b) - recency(a)).slice(0, slots - 1));
  return [self, ...others.filter((tile) => shown.has(tile)), ...others.filter((tile) => !shown.has(tile))];
}

/**
 * The layer a newcomer's camera should start on, before its tile exists: a strip tile when
 * something is shown large, else one cell of the grid the newcomer will make.
 */
export function layerForNewcomer(input: {
  stageWidth: number;
  cameraCount: number;
  somethingLarge: boolean;
  quality: Quality;
}): VideoLayer {
  if (input.somethingLarge) return layerFor(0, input.quality);
  const cells = Math.min(input.cameraCount + 1, tilesPerPage);
  return layerFor(input.stageWidth / Math.ceil(Math.sqrt(cells)), input.quality);
}

/** Remote cameras that still get video while our own downlink is poor: the most recent speakers'. */
export const videoTilesOnPoorLink = 4;

/**
 * What our downlink can carry, judged from how the remote cameras arrive (`connection-quality.ts`
 * levels, one per remote camera measured): when at least half of them arrive poor, the trouble
 * is ours, not theirs — every camera drops to its lowest layer and only the
 * `videoTilesOnPoorLink` most recent speakers keep video; when at least half arrive fair or
 * worse, every camera drops to its lowest layer. A quality the person chose (data saver, audio
 * only) is kept as it is. `videoTilesMax` is `undefined` when there is no cap.
 */
export function adaptToLink(
  chosen: Quality,
  remoteLevels: readonly (QualityLevel | undefined)[],
): { quality: Quality; videoTilesMax: number | undefined; reduced: boolean } {
  const measured = remoteLevels.filter((level): level is QualityLevel => level !== undefined);
  const unchanged = { quality: chosen, videoTilesMax: undefined, reduced: false };
  if (chosen !== 'normal' || measured.length === 0) return unchanged;
  const share = (levels: QualityLevel[]) => measured.filter((level) => levels.includes(level)).length / measured.length;
  if (share(['poor']) >= 0.5) return { quality: 'data-saver', videoTilesMax: videoTilesOnPoorLink, reduced: true };
  if (share(['fair', 'poor']) >= 0.5) return { quality: 'data-saver', videoTilesMax: undefined, reduced: true };
  return unchanged;
}
