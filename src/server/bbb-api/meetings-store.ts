/**
 * BigBlueButton meetings and join tickets in the database. Rows read back are checked with zod;
 * meetingIDs belong to an owner (an organisation, or null for the operator secret), and the one
 * open meeting per owner and `meetingID` is guarded by a unique index, so two `create` calls at
 * once make one meeting.
 */
import { z } from 'zod';
import { type RoomId, RoomIdSchema } from '../../shared/ids.js';
import { bbbApiLimits } from '../../shared/limits.js';
import { LockedSettingsSchema, nothingLocked } from '../../shared/protocol.js';
import type { Storage } from '../storage/index.js';
import type { BbbApiTables } from './migrations.js';

/** BigBlueButton's guest policies. */
export const guestPolicies = ['ALWAYS_ACCEPT', 'ALWAYS_DENY', 'ASK_MODERATOR', 'ALWAYS_ACCEPT_AUTH'] as const;
/** One of `guestPolicies`. */
export type GuestPolicy = (typeof guestPolicies)[number];

/** What `create` set besides name and passwords. */
export const BbbMeetingSettingsSchema = z.object({
  welcome: z.string().nullable(),
  moderatorOnlyMessage: z.string().nullable(),
  /** 0: no limit of the meeting's own. */
  maxParticipants: z.number().int().nonnegative(),
  /** Minutes; 0: no limit of the meeting's own. */
  durationMinutes: z.number().int().nonnegative(),
  record: z.boolean(),
  guestPolicy: z.enum(guestPolicies),
  muteOnStart: z.boolean(),
  logoutUrl: z.string().nullable(),
  endWhenNoModerator: z.boolean(),
  meetingEndedUrl: z.string().nullable(),
  voiceBridge: z.string(),
  /** What viewers start with locked (`lockSettings*`); meetings created before locks were read: screen sharing only. */
  viewerLocks: LockedSettingsSchema.default({ ...nothingLocked, screenShare: true }),
  /** `disabledFeatures` as given, less `disabledFeaturesExclude` (BigBlueButton's names). */
  disabledFeatures: z.array(z.string()).default([]),
});
/** A meeting's settings as `BbbMeetingSettingsSchema` reads them. */
export type BbbMeetingSettings = z.infer<typeof BbbMeetingSettingsSchema>;

/** A BigBlueButton meeting held in a Plenary room. */
export interface BbbMeeting {
  /** BigBlueButton's internal id: SHA-1 of `meetingId`, `-`, `createTimeMs`. */
  internalId: string;
  meetingId: string;
  roomId: RoomId;
  /** The organisation whose secret created it; null: the operator-wide secret. */
  organisationId: string | null;
  name: string;
  attendeePassword: string;
  moderatorPassword: string;
  settings: BbbMeetingSettings;
  /** `meta_*` parameters, names lower-cased. */
  metadata: Record<string, string>;
  createTimeMs: number;
  endedAtMs: number | null;
}

const MeetingRowSchema = z.object({
  internal_id: z.string(),
  meeting_id: z.string(),
  room_id: RoomIdSchema,
  organisation_id: z.string().nullable(),
  name: z.string(),
  attendee_password: z.string(),
  moderator_password: z.string(),
  settings_json: z.string().transform((text) => BbbMeetingSettingsSchema.parse(JSON.parse(text))),
  metadata_json: z.string().transform((text) => z.record(z.string(), z.string()).parse(JSON.parse(text))),
  create_time_ms: z.coerce.number().int(),
  ended_at_ms: z.coerce.number().int().nullable(),
});

function meetingFromRow(row: unknown): BbbMeeting {
  const parsed = MeetingRowSchema.parse(row);
  return {
    internalId: parsed.internal_id,
    meetingId: parsed.meeting_id,
    roomId: parsed.room_id,
    organisationId: parsed.organisation_id,
    name: parsed.name,
    attendeePassword: parsed.attendee_password,
    moderatorPassword: parsed.moderator_password,
    settings: parsed.settings_json,
    metadata: parsed.metadata_json,
    createTimeMs: parsed.create_time_ms,
    endedAtMs: parsed.ended_at_ms,
  };
}

/** What a join ticket lets a browser do once: enter `roomId` with this name and role. */
export interface JoinTicket {
  internalMeetingId: string;
  roomId: RoomId;
  fullName: string;
  role: 'moderator' | 'viewer';
  userId: string;
  guest: boolean;
  /** `allow`: straight in; `wait`: to the waiting room. */
  guestStatus: 'allow' | 'wait';
  logoutUrl: string | null;
  avatarUrl: string | null;
  /** The join's `userdata-*` parameters, by name without the prefix. */
  userData: Record<string, string>;
  createdAtMs: number;
  expiresAtMs: number;
}

const TicketRowSchema = z.object({
  internal_meeting_id: z.string(),
  room_id: RoomIdSchema,
  full_name: z.string(),
  role: z.enum(['moderator', 'viewer']),
  user_id: z.string(),
  guest: z.coerce.number().int(),
  guest_status: z.enum(['allow', 'wait']),
  logout_url: z.string().nullable(),
  avatar_url: z.string().nullable(),
  user_data_json: z.string().transform((text) => z.record(z.string(), z.string()).parse(JSON.parse(text))),
  created_at_ms: z.coerce.number().int(),
  expires_at_ms: z.coerce.number().int(),
});

/** A ticket row read back, checked with its schema. */
function ticketFromRow(row: unknown): JoinTicket {
  const parsed = TicketRowSchema.parse(row);
  return {
    internalMeetingId: parsed.internal_meeting_id,
    roomId: parsed.room_id,
    fullName: parsed.full_name,
    role: parsed.role,
    userId: parsed.user_id,
    guest: parsed.guest !== 0,
    guestStatus: parsed.guest_status,
    logoutUrl: parsed.logout_url,
    avatarUrl: parsed.avatar_url,
    userData: parsed.user_data_json,
    createdAtMs: parsed.created_at_ms,
    expiresAtMs: parsed.expires_at_ms,
  };
}

/** Reads and writes the BigBlueButton API's tables. */
export class BbbMeetingsStore {
  constructor(private readonly storage: Storage) {}

  private get db() {
    return this.storage.db.withTables<BbbApiTables>();
  }

  /** Meetings of one owner: an organisation's, or (null) the operator secret's. */
  private owned(organisationId: string | null) {
    const query = this.db.selectFrom('bbb_api_meetings').selectAll();
    return organisationId === null ? query.where('organisation_id', 'is', null) : query.where('organisation_id', '=', organisationId);
  }

  /** The owner's meeting with this meetingID that has not ended, if any (owner: an organisation; null: the operator secret). */
  async findOpen(meetingId: string, organisationId: string | null = null): Promise<BbbMeeting | undefined> {
    const row = await this.owned(organisationId).where('meeting_id', '=', meetingId).where('ended_at_ms', 'is', null).executeTakeFirst();
    return row ? meetingFromRow(row) : undefined;
  }

  /** The meeting held in this room now (not ended), whoever owns it. */
  async findOpenInRoom(roomId: string): Promise<BbbMeeting | undefined> {
    const row = await this.db
      .selectFrom('bbb_api_meetings')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('ended_at_ms', 'is', null)
      .executeTakeFirst();
    return row ? meetingFromRow(row) : undefined;
  }

  /** The owner's latest meeting with this meetingID, open or ended. */
  async findLatest(meetingId: string, organisationId: string | null = null): Promise<BbbMeeting | undefined> {
    const row = await this.owned(organisationId)
      .where('meeting_id', '=', meetingId)
      .orderBy('create_time_ms', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? meetingFromRow(row) : undefined;
  }

  /** Meetings not ended, oldest first, at most `bbbApiLimits.meetingsListedMax`: the owner's, or every owner's when none is given. */
  async listOpen(owner?: { organisationId: string | null }): Promise<BbbMeeting[]> {
    const query = owner ? this.owned(owner.organisationId) : this.db.selectFrom('bbb_api_meetings').selectAll();
    const rows = await query
      .where('ended_at_ms', 'is', null)
      .orderBy('create_time_ms', 'asc')
      .limit(bbbApiLimits.meetingsListedMax)
      .execute();
    return rows.map(meetingFromRow);
  }

  /** How many meetingIDs the organisation's integration has used (each has its room). */
  async meetingIdsUsedBy(organisationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('bbb_api_meetings')
      .select((select) => select.fn.count<number | string>('meeting_id').distinct().as('count'))
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Stores a new meeting; false when another open one with its meetingID got there first. */
  async insert(meeting: BbbMeeting): Promise<boolean> {
    try {
      await this.db
        .insertInto('bbb_api_meetings')
        .values({
          internal_id: meeting.internalId,
          meeting_id: meeting.meetingId,
          room_id: meeting.roomId,
          organisation_id: meeting.organisationId,
          name: meeting.name,
          attendee_password: meeting.attendeePassword,
          moderator_password: meeting.moderatorPassword,
          settings_json: JSON.stringify(meeting.settings),
          metadata_json: JSON.stringify(meeting.metadata),
          create_time_ms: meeting.createTimeMs,
          ended_at_ms: null,
        })
        .execute();
      return true;
    } catch (error) {
      // The unique index on the owner's open meetingIDs (or the primary key): someone else's create won.
      if (await this.findOpen(meeting.meetingId, meeting.organisationId)) return false;
      throw error;
    }
  }

  /** Marks an open meeting ended; false when it had already ended. */
  async end(internalId: string, atMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('bbb_api_meetings')
      .set({ ended_at_ms: atMs })
      .where('internal_id', '=', internalId)
      .where('ended_at_ms', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Stores a ticket under the SHA-256 of its secret part. */
  async insertTicket(ticketHash: string, ticket: JoinTicket): Promise<void> {
    await this.db
      .insertInto('bbb_api_join_tickets')
      .values({
        ticket_hash: ticketHash,
        internal_meeting_id: ticket.internalMeetingId,
        room_id: ticket.roomId,
        full_name: ticket.fullName,
        role: ticket.role,
        user_id: ticket.userId,
        guest: ticket.guest ? 1 : 0,
        guest_status: ticket.guestStatus,
        logout_url: ticket.logoutUrl,
        avatar_url: ticket.avatarUrl,
        user_data_json: JSON.stringify(ticket.userData),
        created_at_ms: ticket.createdAtMs,
        expires_at_ms: ticket.expiresAtMs,
        used_at_ms: null,
      })
      .execute();
  }

  /**
   * Uses the ticket with this hash once: marks it used if it is unused and unexpired at `nowMs`
   * (one conditional update, so two redemptions at once cannot both succeed) and returns it.
   */
  async redeemTicket(ticketHash: string, nowMs: number): Promise<JoinTicket | undefined> {
    const result = await this.db
      .updateTable('bbb_api_join_tickets')
      .set({ used_at_ms: nowMs })
      .where('ticket_hash', '=', ticketHash)
      .where('used_at_ms', 'is', null)
      .where('expires_at_ms', '>', nowMs)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    const row = await this.db.selectFrom('bbb_api_join_tickets').selectAll().where('ticket_hash', '=', ticketHash).executeTakeFirst();
    return row ? ticketFromRow(row) : undefined;
  }

  /** Deletes tickets that expired before `beforeMs`, and whose grant (if any) did too; returns how many. */
  async deleteExpiredTickets(beforeMs: number): Promise<number> {
    const result = await this.db
      .deleteFrom('bbb_api_join_tickets')
      .where('expires_at_ms', '<', beforeMs)
      .where((where) => where.or([where('grant_expires_at_ms', 'is', null), where('grant_expires_at_ms', '<', beforeMs)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Keeps the grant made when a ticket was used: its hash, until `expiresAtMs`. */
  async setGrant(ticketHash: string, grantHash: string, expiresAtMs: number): Promise<void> {
    await this.db
      .updateTable('bbb_api_join_tickets')
      .set({ grant_hash: grantHash, grant_expires_at_ms: expiresAtMs })
      .where('ticket_hash', '=', ticketHash)
      .execute();
  }

  /** The used ticket whose grant has this hash, while the grant lasts at `nowMs`. */
  async findGrant(grantHash: string, nowMs: number): Promise<JoinTicket | undefined> {
    const row = await this.db
      .selectFrom('bbb_api_join_tickets')
      .selectAll()
      .where('grant_hash', '=', grantHash)
      .where('grant_expires_at_ms', '>', nowMs)
      .executeTakeFirst();
    return row ? ticketFromRow(row) : undefined;
  }

  /** The meeting with this internal id, open or ended. */
  async findByInternalId(internalId: string): Promise<BbbMeeting | undefined> {
    const row = await this.db.selectFrom('bbb_api_meetings').selectAll().where('internal_id', '=', internalId).executeTakeFirst();
    return row ? meetingFromRow(row) : undefined;
  }
}
