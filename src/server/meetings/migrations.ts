/**
 * The meetings domain's migrations. Names sort globally across domains (see storage's
 * `openStorage`); never edit one that has shipped — add the next.
 */
import type { Kysely, Migration } from 'kysely';

/** Columns added after `storage/schema.ts`'s `MeetingsTable`; use with `db.withTables<MeetingClaimTables>()`. */
export type MeetingClaimTables = {
  meetings: {
    /** The instance holding the meeting (null: opened before claims existed). */
    instance_id: string | null;
    /** When that instance last renewed its claim, in milliseconds since the epoch. */
    claimed_at_ms: number | string | null;
  };
};

/** Columns added by `0410_meetings_participant_time`; use with `db.withTables<MeetingUsageTables>()`. */
export type MeetingUsageTables = {
  meetings: {
    /**
     * The time every admitted participant spent in the meeting, added up, in milliseconds (a
     * number only: who was there is never stored). Grows as each one leaves.
     */
    participant_ms: number | string;
  };
};

/** Table `room_notes` (0612); use with `db.withTables<RoomNotesTables>()`. */
export type RoomNotesTables = {
  room_notes: {
    room_id: string;
    /** The shared notes as one Yjs update (base64url), kept because a moderator chose to. */
    state: string;
    kept_at_ms: number | string;
    updated_at_ms: number | string;
  };
};

/** Table `media_servers` (0630); use with `db.withTables<MediaServersTables>()`. */
export type MediaServersTables = {
  media_servers: {
    id: string;
    name: string;
    url: string;
    /** Janus's `api_secret`, needed to connect (null: it requires none). */
    api_secret: string | null;
    /** Its admin API's address, through which its own load is read (null: not read; 0670). */
    admin_url: string | null;
    /** The admin API's `admin_secret` (null: it requires none; 0670). */
    admin_secret: string | null;
    weight: number;
    region: string;
    /** 1 when it runs on renewable power. */
    renewable: number;
    /** 1 when drained: no new meetings go there. */
    drained: number;
    created_at_ms: number | string;
  };
};

/** Table `room_placements` (0650); use with `db.withTables<RoomPlacementTables>()`. */
export type RoomPlacementTables = {
  room_placements: {
    room_id: string;
    /** The instance holding the room's live meeting. */
    instance_id: string;
    /** The media server carrying it. */
    media_server_id: string;
    placed_at_ms: number | string;
    /** When the instance last renewed its claim; older than the lease, the instance is presumed dead. */
    claimed_at_ms: number | string;
  };
};

/** Tables `rooms` and `meetings`. */
export const meetingsMigrations: Record<string, Migration> = {
  '0001_meetings_rooms_and_meetings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rooms')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('participants_max', 'integer', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('room_id', 'text', (column) => column.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('started_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('ended_at_ms', 'bigint')
        .addColumn('participants_peak', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('meetings_room_started').on('meetings').columns(['room_id', 'started_at_ms']).execute();
    },
  },
  '0002_meetings_room_settings': {
    async up(db: Kysely<unknown>) {
      // Booleans are 0/1 integers: the same on SQLite and PostgreSQL.
      await db.schema
        .alterTable('rooms')
        .addColumn('moderator_code', 'text', (column) => column.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('rooms').addColumn('viewer_code', 'text').execute();
      await db.schema
        .alterTable('rooms')
        .addColumn('mute_on_join', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('rooms')
        .addColumn('waiting_room', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  },
  // Numbered after every domain's earlier migrations: an existing database runs only names that sort last.
  '0305_meetings_instance_claims': {
    // Which instance holds an open meeting, renewed while it runs: at start-up an instance ends only
    // its own open meetings and those whose claim lapsed. Meetings opened before this have no claim.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('meetings').addColumn('instance_id', 'text').execute();
      await db.schema.alterTable('meetings').addColumn('claimed_at_ms', 'bigint').execute();
      await db.schema.createIndex('meetings_open_by_instance').on('meetings').columns(['ended_at_ms', 'instance_id']).execute();
    },
  },
  // After billing's 0400 and 0401.
  '0410_meetings_participant_time': {
    // Participant-minutes per meeting, for each organisation's usage report; meetings before it count 0.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('meetings')
        .addColumn('participant_ms', 'bigint', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  },
  // After the BigBlueButton API's 0603. What a room's meetings start with locked for viewers, and
  // the features off for everyone in them (JSON, zod-checked on read); rooms before it: none.
  '0610_meetings_room_locks_and_features': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('rooms')
        .addColumn('viewer_locks_json', 'text', (column) => column.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .alterTable('rooms')
        .addColumn('disabled_features_json', 'text', (column) => column.notNull().defaultTo('[]'))
        .execute();
    },
  },
  '0611_meetings_room_end_to_end_encryption': {
    async up(db: Kysely<unknown>) {
      // 1: the room's meetings are end-to-end encrypted (media and chat; keys agreed between browsers).
      await db.schema
        .alterTable('rooms')
        .addColumn('end_to_end_encryption', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  },
  // A room's shared notes, kept between its meetings only when a moderator chooses (and deleted
  // when one stops keeping them): one row per room, the Yjs document as a single update.
  '0612_meetings_room_notes': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('room_notes')
        .addColumn('room_id', 'text', (column) => column.primaryKey().references('rooms.id').onDelete('cascade'))
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('kept_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  '0630_meetings_media_servers': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('media_servers')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull().unique())
        .addColumn('url', 'text', (column) => column.notNull())
        .addColumn('api_secret', 'text')
        .addColumn('weight', 'integer', (column) => column.notNull())
        .addColumn('region', 'text', (column) => column.notNull())
        .addColumn('renewable', 'integer', (column) => column.notNull())
        .addColumn('drained', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  '0650_meetings_room_placements': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('room_placements')
        .addColumn('room_id', 'text', (column) => column.primaryKey().references('rooms.id').onDelete('cascade'))
        .addColumn('instance_id', 'text', (column) => column.notNull())
        .addColumn('media_server_id', 'text', (column) => column.notNull())
        .addColumn('placed_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('claimed_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('room_placements_instance').on('room_placements').column('instance_id').execute();
    },
  },
  '0670_meetings_media_servers_admin': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('media_servers').addColumn('admin_url', 'text').execute();
      await db.schema.alterTable('media_servers').addColumn('admin_secret', 'text').execute();
    },
  },
};
