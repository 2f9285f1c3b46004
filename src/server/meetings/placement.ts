/**
 * Placement: which server instance, and which media server, hold a room's meeting. The registry
 * asks the directory when a meeting starts, tells it when the meeting moves to another media
 * server (the one it was on died) and when it ends. `LocalRoomDirectory` places every room on
 * this instance, in memory, and on the media server its chooser names (the least loaded healthy
 * one of the pool, `MediaPool.choose`); a directory shared through Redis or PostgreSQL (e.g. over
 * the open `meetings` row, which already names its instance) can implement the same interface
 * when several instances run, and answer "elsewhere" for rooms another instance holds.
 */
import { sql } from 'kysely';
import type { RoomId } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import type { Clock } from '../platform/clock.js';
import type { InstanceId } from '../platform/instance.js';
import type { Storage } from '../storage/index.js';
import type { RoomPlacementTables } from './migrations.js';

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

/**
 * The directory shared by every instance on one database (`room_placements`): a meeting is held
 * by the instance that placed it first, and the others are told where it is (`place` answers
 * with that placement) instead of starting a second, separate meeting in the same room. A
 * placement is claimed like an open meeting (see ARCHITECTURE.md, "Instances and what each may
 * clean up"): its instance renews the claim (`renew`) while it runs, and a claim older than
 * `leaseMs` — its instance died — is taken over by the next instance that places the room.
 */
export class DatabaseRoomDirectory implements RoomDirectory {
  private readonly db;

  constructor(
    storage: Storage,
    private readonly clock: Clock,
    private readonly chooseMediaServer: () => MediaServerId | undefined,
    private readonly leaseMs: number = limits.instanceClaimLeaseMs,
    /**
     * Whether an instance is known to have stopped (its presence on the bus is gone): its rooms are
     * taken over at once instead of after the lease. Default: never known.
     */
    private readonly isGone: (instanceId: InstanceId) => Promise<boolean> = async () => false,
  ) {
    this.db = storage.db.withTables<RoomPlacementTables>();
  }

  private placementOf(row: RoomPlacementTables['room_placements']): RoomPlacement {
    return {
      roomId: row.room_id as RoomId,
      instanceId: row.instance_id as InstanceId,
      mediaServerId: row.media_server_id as MediaServerId,
      placedAtMs: Number(row.placed_at_ms),
    };
  }

  /** The row of a room whose claim has not lapsed. */
  private async held(roomId: RoomId): Promise<RoomPlacementTables['room_placements'] | undefined> {
    return this.db
      .selectFrom('room_placements')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('claimed_at_ms', '>', this.clock.nowMs() - this.leaseMs)
      .executeTakeFirst();
  }

  /** How many rooms each instance holds whose claim has not lapsed (the operator console). */
  async heldByInstance(): Promise<Map<InstanceId, number>> {
    const rows = await this.db
      .selectFrom('room_placements')
      .select(['instance_id', (eb) => eb.fn.countAll<number | string>().as('rooms')])
      .where('claimed_at_ms', '>', this.clock.nowMs() - this.leaseMs)
      .groupBy('instance_id')
      .execute();
    return new Map(rows.map((row) => [row.instance_id as InstanceId, Number(row.rooms)]));
  }

  async place(roomId: RoomId, instanceId: InstanceId): Promise<RoomPlacement> {
    const existing = await this.held(roomId);
    // A dead holder's room is taken over now; its browsers are reconnecting and start the meeting again here.
    const deadHolder =
      existing && existing.instance_id !== instanceId && (await this.isGone(existing.instance_id as InstanceId))
        ? existing.instance_id
        : undefined;
    if (existing && existing.instance_id !== instanceId && deadHolder === undefined) return this.placementOf(existing);
    const mediaServerId = this.chooseMediaServer();
    if (mediaServerId === undefined) throw new NoMediaServerError();
    const nowMs = this.clock.nowMs();
    const row = { room_id: roomId, instance_id: instanceId, media_server_id: mediaServerId, placed_at_ms: nowMs, claimed_at_ms: nowMs };
    // One statement: of instances placing the room at once, one wins; a lapsed or own claim is taken over.
    await this.db
      .insertInto('room_placements')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .column('room_id')
          .doUpdateSet({ instance_id: instanceId, media_server_id: mediaServerId, placed_at_ms: nowMs, claimed_at_ms: nowMs })
          .where((where) =>
            where.or([
              where('room_placements.instance_id', '=', instanceId),
              where('room_placements.claimed_at_ms', '<=', sql<number>`${nowMs - this.leaseMs}`),
              ...(deadHolder === undefined ? [] : [where('room_placements.instance_id', '=', deadHolder)]),
            ]),
          ),
      )
      .execute();
    const now = await this.held(roomId);
    if (!now) throw new Error(`the placement of ${roomId} vanished as it was made`);
    return this.placementOf(now);
  }

  async locate(roomId: RoomId): Promise<RoomPlacement | undefined> {
    const row = await this.held(roomId);
    return row && this.placementOf(row);
  }

  async move(roomId: RoomId, instanceId: InstanceId, mediaServerId: MediaServerId): Promise<RoomPlacement | undefined> {
    await this.db
      .updateTable('room_placements')
      .set({ media_server_id: mediaServerId, placed_at_ms: this.clock.nowMs() })
      .where('room_id', '=', roomId)
      .where('instance_id', '=', instanceId)
      .execute();
    const row = await this.held(roomId);
    return row?.instance_id === instanceId ? this.placementOf(row) : undefined;
  }

  async release(roomId: RoomId, instanceId: InstanceId): Promise<void> {
    await this.db.deleteFrom('room_placements').where('room_id', '=', roomId).where('instance_id', '=', instanceId).execute();
  }

  /**
   * Renews the claims of `instanceId` on the rooms whose meetings it holds now (`liveRoomIds`), and
   * gives back any other it still claims (left by a previous run, or a release that failed), so
   * that no room stays held without a meeting. Called at start-up (with none) and with the meeting claims.
   *
   * Answers the rooms of `liveRoomIds` that another instance holds now: it took them over while
   * this one was taken for dead (cut off from Redis, or stalled past the lease). Their meetings
   * here must end, so that their people join the one that holds the room now.
   */
  async renew(instanceId: InstanceId, liveRoomIds: readonly RoomId[]): Promise<RoomId[]> {
    const mine = this.db.deleteFrom('room_placements').where('instance_id', '=', instanceId);
    await (liveRoomIds.length > 0 ? mine.where('room_id', 'not in', [...liveRoomIds]) : mine).execute();
    if (liveRoomIds.length === 0) return [];
    await this.db
      .updateTable('room_placements')
      .set({ claimed_at_ms: this.clock.nowMs() })
      .where('instance_id', '=', instanceId)
      .where('room_id', 'in', [...liveRoomIds])
      .execute();
    // A live room with no placement at all (another instance took it over and has since released
    // it) is claimed again: its meeting here is the only one.
    const placed = new Set(
      (
        await this.db
          .selectFrom('room_placements')
          .select('room_id')
          .where('room_id', 'in', [...liveRoomIds])
          .execute()
      ).map((row) => row.room_id),
    );
    const unplaced = liveRoomIds.filter((roomId) => !placed.has(roomId));
    if (unplaced.length > 0) {
      const nowMs = this.clock.nowMs();
      const mediaServerId = this.chooseMediaServer() ?? localMediaServerId;
      await this.db
        .insertInto('room_placements')
        .values(
          unplaced.map((roomId) => ({
            room_id: roomId,
            instance_id: instanceId,
            media_server_id: mediaServerId,
            placed_at_ms: nowMs,
            claimed_at_ms: nowMs,
          })),
        )
        .onConflict((conflict) => conflict.column('room_id').doNothing())
        .execute();
    }
    const taken = await this.db
      .selectFrom('room_placements')
      .select('room_id')
      .where('room_id', 'in', [...liveRoomIds])
      .where('instance_id', '<>', instanceId)
      .execute();
    return taken.map((row) => row.room_id as RoomId);
  }
}
