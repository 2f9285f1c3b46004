/** Persistent rooms and the record of meetings held in them. */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { customAlphabet, nanoid } from 'nanoid';
import { z } from 'zod';
import { type RoomId, RoomIdSchema, roomIdAlphabet } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import {
  DisabledFeaturesSchema,
  type LockedSettings,
  LockedSettingsSchema,
  type MeetingFeature,
  nothingLocked,
} from '../../shared/protocol.js';
import type { Clock } from '../platform/clock.js';
import { type InstanceId, localInstanceId } from '../platform/instance.js';
import type { Storage } from '../storage/index.js';
import type { MeetingClaimTables, MeetingUsageTables, RoomNotesTables } from './migrations.js';

const roomIdPart = customAlphabet(roomIdAlphabet, 12);

/** Makes a new unguessable room id, e.g. `k3dx-9mpa-tq2w`. */
export function newRoomId(): RoomId {
  const raw = roomIdPart();
  return RoomIdSchema.parse(`${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`);
}

const moderatorCodePart = customAlphabet(roomIdAlphabet, 12);

/** Makes a moderator code: 12 characters (60 bits) from the room-id alphabet. */
export function newModeratorCode(): string {
  return moderatorCodePart();
}

const RoomRowSchema = z.object({
  id: RoomIdSchema,
  name: z.string(),
  created_at_ms: z.coerce.number().int(),
  participants_max: z.coerce.number().int().positive(),
  moderator_code: z.string(),
  viewer_code: z.string().nullable(),
  mute_on_join: z.coerce.number().int(),
  waiting_room: z.coerce.number().int(),
  viewer_locks_json: z.string().transform((text) => LockedSettingsSchema.partial().parse(JSON.parse(text))),
  disabled_features_json: z.string().transform((text) => DisabledFeaturesSchema.parse(JSON.parse(text))),
  end_to_end_encryption: z.coerce.number().int(),
});

/** A room's settings, changed by its moderators. */
export interface RoomSettings {
  name: string;
  participantsMax: number;
  /** Knowing it makes you moderator. */
  moderatorCode: string;
  /** When set, joining needs this code (or the moderator code). */
  viewerCode: string | null;
  /** Participants join with their microphone off. */
  muteOnJoin: boolean;
  /** Guests wait in a lobby until a moderator admits them. */
  waitingRoom: boolean;
  /** What each meeting starts with locked for viewers and guests. */
  viewerLocks: LockedSettings;
  /** What is off for everyone, moderators included. */
  disabledFeatures: MeetingFeature[];
  /** Each meeting is end-to-end encrypted: media and chat are encrypted in the browsers, with keys the server never holds. */
  endToEndEncryption: boolean;
}

/** A persistent room: its link never changes. */
export interface Room extends RoomSettings {
  id: RoomId;
  createdAtMs: number;
}

function roomFromRow(row: unknown): Room {
  const parsed = RoomRowSchema.parse(row);
  return {
    id: parsed.id,
    name: parsed.name,
    createdAtMs: parsed.created_at_ms,
    participantsMax: parsed.participants_max,
    moderatorCode: parsed.moderator_code,
    viewerCode: parsed.viewer_code,
    muteOnJoin: parsed.mute_on_join !== 0,
    waitingRoom: parsed.waiting_room !== 0,
    viewerLocks: { ...nothingLocked, ...parsed.viewer_locks_json },
    disabledFeatures: parsed.disabled_features_json,
    endToEndEncryption: parsed.end_to_end_encryption !== 0,
  };
}

const MeetingRowSchema = z.object({
  id: z.string(),
  room_id: RoomIdSchema,
  started_at_ms: z.coerce.number().int(),
  ended_at_ms: z.coerce.number().int().nullable(),
  participants_peak: z.coerce.number().int().nonnegative(),
});

/** One session held in a room: when it started and ended and how many attended at most. */
export interface MeetingRecord {
  id: string;
  roomId: RoomId;
  startedAtMs: number;
  endedAtMs: number | null;
  participantsPeak: number;
}

/** Options of `RoomsRepository`. */
export interface RoomsRepositoryOptions {
  /** The instance whose meetings this repository opens and claims. Default `localInstanceId`. */
  instanceId?: InstanceId;
  /** How long a claim on an open meeting holds unrenewed. Default `limits.instanceClaimLeaseMs`. */
  claimLeaseMs?: number;
}

/**
 * Reads and writes rooms and meeting records. Each meeting it opens is claimed by its instance;
 * `renewMeetingClaims` keeps the claims fresh, `endAbandonedMeetings` ends the stale ones.
 */
export class RoomsRepository {
  /** The instance that holds the meetings this repository opens. */
  readonly instanceId: InstanceId;
  private readonly claimLeaseMs: number;

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    options: RoomsRepositoryOptions = {},
  ) {
    this.instanceId = options.instanceId ?? localInstanceId;
    this.claimLeaseMs = options.claimLeaseMs ?? limits.instanceClaimLeaseMs;
  }

  private get claims() {
    return this.storage.db.withTables<MeetingClaimTables>();
  }

  /** Creates a room with a fresh unguessable id and moderator code; other settings default to off. */
  async create(input: { name: string; participantsMax: number } & Partial<RoomSettings>): Promise<Room> {
    const room: Room = {
      id: newRoomId(),
      createdAtMs: this.clock.nowMs(),
      moderatorCode: newModeratorCode(),
      viewerCode: null,
      muteOnJoin: false,
      waitingRoom: false,
      viewerLocks: nothingLocked,
      disabledFeatures: [],
      endToEndEncryption: false,
      ...input,
    };
    await this.storage.db
      .insertInto('rooms')
      .values({
        id: room.id,
        name: room.name,
        created_at_ms: room.createdAtMs,
        participants_max: room.participantsMax,
        moderator_code: room.moderatorCode,
        viewer_code: room.viewerCode,
        mute_on_join: room.muteOnJoin ? 1 : 0,
        waiting_room: room.waitingRoom ? 1 : 0,
        viewer_locks_json: JSON.stringify(room.viewerLocks),
        disabled_features_json: JSON.stringify(room.disabledFeatures),
        end_to_end_encryption: room.endToEndEncryption ? 1 : 0,
      })
      .execute();
    return room;
  }

  /** The room with this id, or `undefined`. */
  async find(roomId: RoomId): Promise<Room | undefined> {
    const row = await this.storage.db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
    return row ? roomFromRow(row) : undefined;
  }

  /** Changes some of a room's settings; returns the room as it is now, or `undefined` if it does not exist. */
  async updateSettings(roomId: RoomId, changes: Partial<RoomSettings>): Promise<Room | undefined> {
    const values: Record<string, string | number | null> = {};
    if (changes.name !== undefined) values.name = changes.name;
    if (changes.participantsMax !== undefined) values.participants_max = changes.participantsMax;
    if (changes.moderatorCode !== undefined) values.moderator_code = changes.moderatorCode;
    if (changes.viewerCode !== undefined) values.viewer_code = changes.viewerCode;
    if (changes.muteOnJoin !== undefined) values.mute_on_join = changes.muteOnJoin ? 1 : 0;
    if (changes.waitingRoom !== undefined) values.waiting_room = changes.waitingRoom ? 1 : 0;
    if (changes.viewerLocks !== undefined) values.viewer_locks_json = JSON.stringify(changes.viewerLocks);
    if (changes.disabledFeatures !== undefined) values.disabled_features_json = JSON.stringify(changes.disabledFeatures);
    if (changes.endToEndEncryption !== undefined) values.end_to_end_encryption = changes.endToEndEncryption ? 1 : 0;
    if (Object.keys(values).length > 0) await this.storage.db.updateTable('rooms').set(values).where('id', '=', roomId).execute();
    return this.find(roomId);
  }

  /** Opens a meeting record for a room that has just become live here, claimed by this instance. */
  async startMeeting(roomId: RoomId): Promise<MeetingRecord> {
    const meeting: MeetingRecord = { id: nanoid(16), roomId, startedAtMs: this.clock.nowMs(), endedAtMs: null, participantsPeak: 0 };
    await this.claims
      .insertInto('meetings')
      .values({
        id: meeting.id,
        room_id: roomId,
        started_at_ms: meeting.startedAtMs,
        ended_at_ms: null,
        instance_id: this.instanceId,
        claimed_at_ms: meeting.startedAtMs,
      })
      .execute();
    return meeting;
  }

  /** Renews this instance's claim on its open meetings (run well inside the lease); returns how many. */
  async renewMeetingClaims(): Promise<number> {
    const result = await this.claims
      .updateTable('meetings')
      .set({ claimed_at_ms: this.clock.nowMs() })
      .where('ended_at_ms', 'is', null)
      .where('instance_id', '=', this.instanceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Raises a meeting's recorded peak attendance to `participants` if that is higher. */
  async recordAttendance(meetingId: string, participants: number): Promise<void> {
    await this.storage.db
      .updateTable('meetings')
      .set({ participants_peak: participants })
      .where('id', '=', meetingId)
      .where('participants_peak', '<', participants)
      .execute();
  }

  /**
   * Adds the time one participant spent in a meeting to its total (`participant_ms`), in one
   * `SET participant_ms = participant_ms + ?`, so that participants leaving at once all count.
   */
  async addParticipantTime(meetingId: string, durationMs: number): Promise<void> {
    assert(
      Number.isSafeInteger(durationMs) && durationMs >= 0,
      `a participant's time must be whole milliseconds, 0 or more: ${durationMs}`,
    );
    if (durationMs === 0) return;
    await this.storage.db
      .withTables<MeetingUsageTables>()
      .updateTable('meetings')
      .set({ participant_ms: sql`participant_ms + ${durationMs}` })
      .where('id', '=', meetingId)
      .execute();
  }

  /** The participants' time in a meeting so far, added up, in milliseconds (0 for an unknown meeting). */
  async participantTimeMs(meetingId: string): Promise<number> {
    const row = await this.storage.db
      .withTables<MeetingUsageTables>()
      .selectFrom('meetings')
      .select('participant_ms')
      .where('id', '=', meetingId)
      .executeTakeFirst();
    return row ? z.coerce.number().int().nonnegative().parse(row.participant_ms) : 0;
  }

  /** A room's kept notes (a Yjs update, base64url), if a moderator chose to keep them. */
  async keptNotes(roomId: RoomId): Promise<string | undefined> {
    const row = await this.storage.db
      .withTables<RoomNotesTables>()
      .selectFrom('room_notes')
      .select('state')
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : z
          .string()
          .regex(/^[A-Za-z0-9_-]*$/)
          .parse(row.state);
  }

  /** Keeps (or updates) a room's notes for its next meetings. */
  async keepNotes(roomId: RoomId, state: string): Promise<void> {
    const nowMs = this.clock.nowMs();
    await this.storage.db
      .withTables<RoomNotesTables>()
      .insertInto('room_notes')
      .values({ room_id: roomId, state, kept_at_ms: nowMs, updated_at_ms: nowMs })
      .onConflict((conflict) => conflict.column('room_id').doUpdateSet({ state, updated_at_ms: nowMs }))
      .execute();
  }

  /** Deletes a room's kept notes (none kept is fine). */
  async forgetNotes(roomId: RoomId): Promise<void> {
    await this.storage.db.withTables<RoomNotesTables>().deleteFrom('room_notes').where('room_id', '=', roomId).execute();
  }

  /** Closes a meeting record. Closing twice keeps the first end time. */
  async endMeeting(meetingId: string): Promise<void> {
    await this.storage.db
      .updateTable('meetings')
      .set({ ended_at_ms: this.clock.nowMs() })
      .where('id', '=', meetingId)
      .where('ended_at_ms', 'is', null)
      .execute();
  }

  /**
   * Closes the meetings left open by a crash, at start-up, before this instance opens any: its own
   * (from its previous run), those whose claim lapsed (unrenewed for the lease: their instance is
   * presumed dead), and unclaimed ones (from before claims). Another live instance's meetings stay
   * open. Returns how many were closed.
   */
  async endAbandonedMeetings(options: { startingUp?: boolean } = {}): Promise<number> {
    const now = this.clock.nowMs();
    const startingUp = options.startingUp ?? true;
    const result = await this.claims
      .updateTable('meetings')
      .set({ ended_at_ms: now })
      .where('ended_at_ms', 'is', null)
      .where((row) =>
        // A running instance (the periodic sweep) holds live meetings of its own: only lapsed claims then.
        startingUp
          ? row.or([
              row('instance_id', '=', this.instanceId),
              row('instance_id', 'is', null),
              row('claimed_at_ms', 'is', null),
              row('claimed_at_ms', '<', now - this.claimLeaseMs),
            ])
          : row('claimed_at_ms', '<', now - this.claimLeaseMs),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Meetings held in a room, newest first. */
  async listMeetings(roomId: RoomId, count = 20): Promise<MeetingRecord[]> {
    const rows = await this.storage.db
      .selectFrom('meetings')
      .selectAll()
      .where('room_id', '=', roomId)
      .orderBy('started_at_ms', 'desc')
      .limit(count)
      .execute();
    return rows.map((row) => {
      const parsed = MeetingRowSchema.parse(row);
      return {
        id: parsed.id,
        roomId: parsed.room_id,
        startedAtMs: parsed.started_at_ms,
        endedAtMs: parsed.ended_at_ms,
        participantsPeak: parsed.participants_peak,
      };
    });
  }
}
