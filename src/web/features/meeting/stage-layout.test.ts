import { describe, expect, it } from 'vitest';
import {
  adaptToLink,
  arrangeTiles,
  layerFor,
  layerForNewcomer,
  orderBySpeech,
  tilesPerPage,
  videoTilesOnPoorLink,
} from './stage-layout.js';

const cameras = (count: number) => Array.from({ length: count }, (_, index) => ({ participantId: index === 0 ? undefined : `p${index}` }));

describe('arrangeTiles', () => {
  it('pages a large grid, keeping the page in range', () => {
    const twenty = cameras(20);
    const first = arrangeTiles({ cameras: twenty, screens: [], layout: 'grid', page: 0, activeSpeakerId: undefined });
    expect(first).toMatchObject({ pages: 3, page: 0, large: [] });
    expect(first.small).toHaveLength(tilesPerPage);
    const last = arrangeTiles({ cameras: twenty, screens: [], layout: 'grid', page: 7, activeSpeakerId: undefined });
    expect(last.page).toBe(2);
    expect(last.small.map((tile) => tile.participantId)).toEqual(['p18', 'p19']);
  });

  it('puts the active speaker large in speaker view, or the first other person', () => {
    const five = cameras(5);
    expect(arrangeTiles({ cameras: five, screens: [], layout: 'speaker', page: 0, activeSpeakerId: 'p3' }).large).toEqual([
      { participantId: 'p3' },
    ]);
    const fallback = arrangeTiles({ cameras: five, screens: [], layout: 'speaker', page: 0, activeSpeakerId: 'gone' });
    expect(fallback.large).toEqual([{ participantId: 'p1' }]);
    expect(fallback.small).toHaveLength(4);
  });

  it('shows shared screens large, above everyone', () => {
    const screen = { participantId: 'p2' };
    const arranged = arrangeTiles({ cameras: cameras(3), screens: [screen], layout: 'grid', page: 2, activeSpeakerId: undefined });
    expect(arranged.large).toEqual([screen]);
    expect(arranged.small).toHaveLength(3);
  });
});

describe('layerFor', () => {
  it('chooses the layer from the tile width, capped by data saver, none in audio-only mode', () => {
    expect([layerFor(900, 'normal'), layerFor(400, 'normal'), layerFor(200, 'normal')]).toEqual([2, 1, 0]);
    expect(layerFor(900, 'data-saver')).toBe(0);
    expect(layerFor(900, 'audio-only')).toBeNull();
  });
});

describe('layerForNewcomer', () => {
  it('guesses the grid cell a newcomer will get, a strip tile when something is large, and honours the quality', () => {
    expect(layerForNewcomer({ stageWidth: 1200, cameraCount: 1, somethingLarge: false, quality: 'normal' })).toBe(2);
    expect(layerForNewcomer({ stageWidth: 1200, cameraCount: 3, somethingLarge: false, quality: 'normal' })).toBe(2);
    expect(layerForNewcomer({ stageWidth: 1200, cameraCount: 5, somethingLarge: false, quality: 'normal' })).toBe(1);
    expect(layerForNewcomer({ stageWidth: 1200, cameraCount: 5, somethingLarge: true, quality: 'normal' })).toBe(0);
    expect(layerForNewcomer({ stageWidth: 1200, cameraCount: 1, somethingLarge: false, quality: 'audio-only' })).toBeNull();
  });
});

describe('orderBySpeech (last-N by tile space)', () => {
  const tile = (id: string, lastSpokeAtMs?: number) => ({ id, lastSpokeAtMs });
  const ids = (tiles: { id: string }[]) => tiles.map((each) => each.id);

  it('keeps join order while everyone fits on one page', () => {
    expect(ids(orderBySpeech([tile('me'), tile('a', 5), tile('b', 9)], 3))).toEqual(['me', 'a', 'b']);
  });

  it('brings the most recent speakers onto the first page, in join order among themselves, our own tile first', () => {
    const cameras = [tile('me'), tile('a'), tile('b', 10), tile('c'), tile('d', 30), tile('e', 20)];
    expect(ids(orderBySpeech(cameras, 3))).toEqual(['me', 'd', 'e', 'a', 'b', 'c']);
    // Someone who speaks later takes the place of the least recent speaker; the others do not move.
    const later = [tile('me'), tile('a', 40), tile('b', 10), tile('c'), tile('d', 30), tile('e', 20)];
    expect(ids(orderBySpeech(later, 3))).toEqual(['me', 'a', 'd', 'b', 'c', 'e']);
    expect(ids(orderBySpeech([], 3))).toEqual([]);
  });
});

describe('adaptToLink (N by bandwidth)', () => {
  it('leaves video alone while most cameras arrive well, or nothing is measured yet', () => {
    expect(adaptToLink('normal', [])).toEqual({ quality: 'normal', videoTilesMax: undefined, reduced: false });
    expect(adaptToLink('normal', [undefined, 'good'])).toMatchObject({ quality: 'normal', reduced: false });
    // One sender's own poor uplink is theirs, not ours.
    expect(adaptToLink('normal', ['poor', 'good', 'good'])).toMatchObject({ quality: 'normal', reduced: false });
  });

  it('lowers every camera when half arrive fair or worse, and keeps video for the recent speakers only when half arrive poor', () => {
    expect(adaptToLink('normal', ['fair', 'good'])).toEqual({ quality: 'data-saver', videoTilesMax: undefined, reduced: true });
    expect(adaptToLink('normal', ['poor', 'fair', 'good', undefined])).toEqual({
      quality: 'data-saver',
      videoTilesMax: undefined,
      reduced: true,
    });
    expect(adaptToLink('normal', ['poor', 'poor', 'good'])).toEqual({
      quality: 'data-saver',
      videoTilesMax: videoTilesOnPoorLink,
      reduced: true,
    });
  });

  it('keeps what the person chose', () => {
    expect(adaptToLink('audio-only', ['poor', 'poor'])).toEqual({ quality: 'audio-only', videoTilesMax: undefined, reduced: false });
    expect(adaptToLink('data-saver', ['poor', 'poor'])).toEqual({ quality: 'data-saver', videoTilesMax: undefined, reduced: false });
  });
});
