/**
 * Placement: which server instance, and which media server, hold a room's meeting. The registry
 * asks the directory when a meeting starts, tells it when the meeting moves to another media
 * server (the one it was on died) and when it ends. `LocalRoomDirectory` places every room on
 * this instance, in memory, and on the media server its chooser names (the least loaded healthy
 * one of the pool, `MediaPool.choose`); a directory shared through Redis or PostgreSQL (e.g. over
 * the open `meetings` row, which already names its instance) can implement the same interface
 * when several instances run, and answer "elsewhere" for rooms another instance holds.
 */
import type { RoomId } from '../../shared/ids.js';
import type { Clock } from '../platform/clock.js';
import type { InstanceId } from '../platform/instance.js';

/** Names one media server (a Janus); `localMediaServerId` is the one this instance supervises or was given. */
export type MediaServerId = string & { readonly __brand: 'MediaServerId' };

/** The media server of a single-instance installation: the supervised Janus, or the one at `JANUS_WS_URL`. */
export const localMediaServerId = 'janus-local' as MediaServerId;

/** Raised by `place` when no media server takes new meetings (all drained, or none up). */
export class NoMediaServerError extends Error {
  constructor() {
    super('no media server takes new meetings');
    this.name = 'NoMediaServerError';
  }
}

/** Where a room's meeting is held. */
export interface RoomPlacement {
  roomId: RoomId;
  /** The instance whose registry holds the live room (its participants connect there). */
  instanceId: InstanceId;
  /** The media server carrying the meeting's media. */
  mediaServerId: MediaServerId;
  /** When the meeting was placed, in milliseconds since the epoch. */
  placedAtMs: number;
}

/**
 * Which instance and media server hold each live room. Calls for one room are made in order by
 * the instance holding it; an implementation shared between instances must make `place` atomic
 * (the first instance to place a room wins; the others get its placement).
 */
export interface RoomDirectory {
  /**
   * Where a meeting starting now in `roomId` is held, asked by `instanceId`: the existing placement
   * if the room is live somewhere, else a new one. Rejects with `NoMediaServerError` when no
   * media server takes new meetings.
   */
  place(roomId: RoomId, instanceId: InstanceId): Promise<RoomPlacement>;
  /**
   * The meeting `instanceId` holds in `roomId` now runs on `mediaServerId` (failover); the new
   * placement, or `undefined` if the room is not that instance's.
   */
  move(roomId: RoomId, instanceId: InstanceId, mediaServerId: MediaServerId): Promise<RoomPlacement | undefined>;
  /** Where the room's meeting is held now, or `undefined` if it is not live anywhere. */
  locate(roomId: RoomId): Promise<RoomPlacement | undefined>;
  /** The meeting `instanceId` held in `roomId` ended; forgets the placement if it is still that instance's. */
  release(roomId: RoomId, instanceId: InstanceId): Promise<void>;
}

/**
 * The single-instance directory, in memory: every room is placed on the asking instance and on
 * the media server `chooseMediaServer` names when the meeting starts (default: the local one).
 */
export class LocalRoomDirectory implements RoomDirectory {
  private readonly placements = new Map<RoomId, RoomPlacement>();

  constructor(
    private readonly clock: Clock,
    private readonly chooseMediaServer: () => MediaServerId | undefined = () => localMediaServerId,
  ) {}

  async place(roomId: RoomId, instanceId: InstanceId): Promise<RoomPlacement> {
    const existing = this.placements.get(roomId);
    if (existing) return existing;
    const mediaServerId = this.chooseMediaServer();
    if (mediaServerId === undefined) throw new NoMediaServerError();
    const placement: RoomPlacement = { roomId, instanceId, mediaServerId, placedAtMs: this.clock.nowMs() };
    this.placements.set(roomId, placement);
    return placement;
  }

  async move(roomId: RoomId, instanceId: InstanceId, mediaServerId: MediaServerId): Promise<RoomPlacement | undefined> {
    const existing = this.placements.get(roomId);
    if (existing?.instanceId !== instanceId) return undefined;
    const moved: RoomPlacement = { ...existing, mediaServerId, placedAtMs: this.clock.nowMs() };
    this.placements.set(roomId, moved);
    return moved;
  }

  async locate(roomId: RoomId): Promise<RoomPlacement | undefined> {
    return this.placements.get(roomId);
  }

  async release(roomId: RoomId, instanceId: InstanceId): Promise<void> {
    if (this.placements.get(roomId)?.instanceId === instanceId) this.placements.delete(roomId);
  }
}
