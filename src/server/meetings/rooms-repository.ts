/** Persistent rooms and the record of meetings held in them. */
import { customAlphabet, nanoid } from 'nanoid';
import { z } from 'zod';
import { type RoomId, RoomIdSchema, roomIdAlphabet } from '../../shared/ids.js';
import type { Clock } from '../platform/clock.js';
import type { Storage } from '../storage/index.js';

const roomIdPart = customAlphabet(roomIdAlphabet, 12);

/** Makes a new unguessable room id, e.g. `k3dx-9mpa-tq2w`. */
export function newRoomId(): RoomId {
  const raw = roomIdPart();
  return RoomIdSchema.parse(`${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`);
}

const RoomRowSchema = z.object({
  id: RoomIdSchema,
  name: z.string(),
  created_at_ms: z.coerce.number().int(),
  participants_max: z.coerce.number().int().positive(),
});

/** A persistent room: its link never changes. */
export interface Room {
  id: RoomId;
  name: string;
  createdAtMs: number;
  participantsMax: number;
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

/** Reads and writes rooms and meeting records. */
export class RoomsRepository {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /** Creates a room with a fresh unguessable id. */
  async create(input: { name: string; participantsMax: number }): Promise<Room> {
    const room: Room = { id: newRoomId(), name: input.name, createdAtMs: this.clock.nowMs(), participantsMax: input.participantsMax };
    await this.storage.db
      .insertInto('rooms')
      .values({ id: room.id, name: room.name, created_at_ms: room.createdAtMs, participants_max: room.participantsMax })
      .execute();
    return room;
  }

  /** The room with this id, or `undefined`. */
  async find(roomId: RoomId): Promise<Room | undefined> {
    const row = await this.storage.db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
    if (!row) return undefined;
    const parsed = RoomRowSchema.parse(row);
    return { id: parsed.id, name: parsed.name, createdAtMs: parsed.created_at_ms, participantsMax: parsed.participants_max };
  }

  /** Opens a meeting record for a room that has just become live. */
  async startMeeting(roomId: RoomId): Promise<MeetingRecord> {
    const meeting: MeetingRecord = { id: nanoid(16), roomId, startedAtMs: this.clock.nowMs(), endedAtMs: null, participantsPeak: 0 };
    await this.storage.db
      .insertInto('meetings')
      .values({ id: meeting.id, room_id: roomId, started_at_ms: meeting.startedAtMs, ended_at_ms: null })
      .execute();
    return meeting;
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

  /** Closes a meeting record. Closing twice keeps the first end time. */
  async endMeeting(meetingId: string): Promise<void> {
    await this.storage.db
      .updateTable('meetings')
      .set({ ended_at_ms: this.clock.nowMs() })
      .where('id', '=', meetingId)
      .where('ended_at_ms', 'is', null)
      .execute();
  }

  /** Closes every meeting left open, e.g. by a crash; called at start-up. Returns how many. */
  async endAbandonedMeetings(): Promise<number> {
    const result = await this.storage.db
      .updateTable('meetings')
      .set({ ended_at_ms: this.clock.nowMs() })
      .where('ended_at_ms', 'is', null)
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
