/**
 * Placement: which server instance, and which media server, hold a room's meeting. The registry
 * asks the directory when a meeting starts and tells it when the meeting ends. Today one instance
 * runs with one Janus, so `LocalRoomDirectory` places every room here, in memory; a directory
 * shared through Redis or PostgreSQL (e.g. over the open `meetings` row, which already names its
 * instance) can implement the same interface when several instances and a pool of Janus servers
 * run, and answer "elsewhere" for rooms another instance holds.
 */
import type { RoomId } from '../../shared/ids.js';
import type { Clock } from '../platform/clock.js';
import type { InstanceId } from '../platform/instance.js';

/** Names one media server (a Janus); `localMediaServerId` is the one this instance supervises or was given. */
export type MediaServerId = string & { readonly __brand: 'MediaServerId' };

/** The media server of a single-instance installation: the supervised Janus, or the one at `JANUS_WS_URL`. */
export const localMediaServerId = 'janus-local' as MediaServerId;

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
   * if the room is live somewhere, else a new one (this implementation: always `instanceId` and the
   * local media server).
   */
  place(roomId: RoomId, instanceId: InstanceId): Promise<RoomPlacement>;
  /** Where the room's meeting is held now, or `undefined` if it is not live anywhere. */
  locate(roomId: RoomId): Promise<RoomPlacement | undefined>;
  /** The meeting `instanceId` held in `roomId` ended; forgets the placement if it is still that instance's. */
  release(roomId: RoomId, instanceId: InstanceId): Promise<void>;
}

/** The single-instance directory: every room is placed on the asking instance and the local media server, in memory. */
export class LocalRoomDirectory implements RoomDirectory {
  private readonly placements = new Map<RoomId, RoomPlacement>();

  constructor(
    private readonly clock: Clock,
    private readonly mediaServerId: MediaServerId = localMediaServerId,
  ) {}

  async place(roomId: RoomId, instanceId: InstanceId): Promise<RoomPlacement> {
    const existing = this.placements.get(roomId);
    if (existing) return existing;
    const placement: RoomPlacement = { roomId, instanceId, mediaServerId: this.mediaServerId, placedAtMs: this.clock.nowMs() };
    this.placements.set(roomId, placement);
    return placement;
  }

  async locate(roomId: RoomId): Promise<RoomPlacement | undefined> {
    return this.placements.get(roomId);
  }

  async release(roomId: RoomId, instanceId: InstanceId): Promise<void> {
    if (this.placements.get(roomId)?.instanceId === instanceId) this.placements.delete(roomId);
  }
}
