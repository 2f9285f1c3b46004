/**
 * The BigBlueButton API's tables. A BigBlueButton meeting (`meetingID` + `createTime`) is held in
 * a Plenary room (persistent, in the meetings domain); these tables keep what the API needs on
 * top: which room, the passwords it compares at `join` and returns as documented, the settings
 * and metadata given to `create`, and the one-time join tickets `join` hands to browsers.
 */
import { type Kysely, type Migration, sql } from 'kysely';

/** The domain's migrations, merged into `allMigrations` (names after every other domain's). */
export const bbbApiMigrations: Record<string, Migration> = {
  // Sorts after every other domain's migration names (0503_governance_… was the last).
  '0600_bbb_api_meetings_and_join_tickets': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('bbb_api_meetings')
        // BigBlueButton's internal meeting id: SHA-1 of meetingID, a dash, and createTime.
        .addColumn('internal_id', 'text', (column) => column.primaryKey())
        // The integration's meetingID, as given (2–256 characters, no comma).
        .addColumn('meeting_id', 'text', (column) => column.notNull())
        .addColumn('room_id', 'text', (column) => column.notNull().references('rooms.id'))
        // The organisation whose secret created it; null: the operator-wide secret (BBB_API_SECRET).
        .addColumn('organisation_id', 'text')
        .addColumn('name', 'text', (column) => column.notNull())
        // Kept as given: `create` and `getMeetingInfo` return them, `join` compares them (in constant time).
        .addColumn('attendee_password', 'text', (column) => column.notNull())
        .addColumn('moderator_password', 'text', (column) => column.notNull())
        // The remaining create parameters (welcome, limits, policies, URLs), zod-checked on read.
        .addColumn('settings_json', 'text', (column) => column.notNull())
        // meta_* parameters: names lower-cased, as BigBlueButton does.
        .addColumn('metadata_json', 'text', (column) => column.notNull())
        .addColumn('create_time_ms', 'bigint', (column) => column.notNull())
        .addColumn('ended_at_ms', 'bigint')
        .execute();
      // One meeting per meetingID that has not ended: a second create of it finds this one.
      await sql`create unique index bbb_api_meetings_open on bbb_api_meetings (meeting_id) where ended_at_ms is null`.execute(db);
      await db.schema
        .createIndex('bbb_api_meetings_by_meeting_id')
        .on('bbb_api_meetings')
        .columns(['meeting_id', 'create_time_ms'])
        .execute();
      await db.schema
        .createTable('bbb_api_join_tickets')
        // SHA-256 of the 32-byte ticket; the ticket itself is only in the URL given to the browser.
        .addColumn('ticket_hash', 'text', (column) => column.primaryKey())
        .addColumn('internal_meeting_id', 'text', (column) => column.notNull().references('bbb_api_meetings.internal_id'))
        .addColumn('room_id', 'text', (column) => column.notNull())
        .addColumn('full_name', 'text', (column) => column.notNull())
        // moderator | viewer
        .addColumn('role', 'text', (column) => column.notNull())
        // The integration's userID, or the one generated for this join.
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('guest', 'integer', (column) => column.notNull())
        // allow | wait: whether the person goes to the waiting room (guestPolicy ASK_MODERATOR, or ALWAYS_ACCEPT_AUTH for a guest).
        .addColumn('guest_status', 'text', (column) => column.notNull())
        .addColumn('logout_url', 'text')
        .addColumn('avatar_url', 'text')
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        // Set once, when the browser landing consumes it (a later slice); a used ticket never works again.
        .addColumn('used_at_ms', 'bigint')
        .execute();
      await db.schema.createIndex('bbb_api_join_tickets_expiry').on('bbb_api_join_tickets').column('expires_at_ms').execute();
    },
  },
  // A ticket used once by a browser becomes a grant that browser keeps (its hash here), good for
  // joining the meeting again — after a reload or a lost connection — until it expires.
  '0601_bbb_api_join_grants': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('bbb_api_join_tickets').addColumn('grant_hash', 'text').execute();
      await db.schema.alterTable('bbb_api_join_tickets').addColumn('grant_expires_at_ms', 'bigint').execute();
      await db.schema.createIndex('bbb_api_join_tickets_grant').unique().on('bbb_api_join_tickets').column('grant_hash').execute();
    },
  },
  // Each organisation's own shared secret, so it runs its own Moodle or Nextcloud against Plenary,
  // and meetingIDs scoped per organisation (two organisations may both use `maths-101`).
  '0602_bbb_api_organisation_secrets': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('bbb_api_organisation_secrets')
        .addColumn('organisation_id', 'text', (column) => column.primaryKey().references('organisations.id').onDelete('cascade'))
        // Stored as it is, not hashed: a checksum is a digest of the call with the secret, so the
        // server needs the secret itself to compute it. Read by this domain and shown to the
        // organisation's owners and admins only (CONTEXT.md).
        .addColumn('secret', 'text', (column) => column.notNull())
        // When the organisation's first secret was made, and when the one in force was.
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('rotated_at_ms', 'bigint', (column) => column.notNull())
        // The owner or admin who made the secret in force; rooms its integration creates name them as their creator.
        .addColumn('rotated_by', 'text', (column) => column.notNull().references('people.id'))
        .execute();
      // An open meeting is unique per meetingID within its owner (an organisation, or the operator's null).
      await sql`drop index bbb_api_meetings_open`.execute(db);
      await sql`create unique index bbb_api_meetings_open on bbb_api_meetings (coalesce(organisation_id, ''), meeting_id) where ended_at_ms is null`.execute(
        db,
      );
      await db.schema
        .createIndex('bbb_api_meetings_by_owner')
        .on('bbb_api_meetings')
        .columns(['organisation_id', 'meeting_id', 'create_time_ms'])
        .execute();
    },
  },
  // Hooks (BigBlueButton's webhooks API): a callback URL that is POSTed the events of one meeting
  // or of all the owner's meetings. `hook_id` is the number the API answers (unique, increasing).
  '0603_bbb_api_hooks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('bbb_api_hooks')
        .addColumn('hook_id', 'integer', (column) => column.primaryKey())
        // The organisation whose secret registered it, or '' for the operator-wide secret.
        .addColumn('owner', 'text', (column) => column.notNull())
        .addColumn('callback_url', 'text', (column) => column.notNull())
        .addColumn('meeting_id', 'text')
        .addColumn('raw', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addUniqueConstraint('bbb_api_hooks_owner_callback', ['owner', 'callback_url'])
        .execute();
    },
  },
  // The `userdata-*` parameters of a join, carried into the meeting with the integration's userID
  // and shown back to it (getMeetingInfo's `customdata`).
  '0604_bbb_api_join_user_data': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('bbb_api_join_tickets')
        .addColumn('user_data_json', 'text', (column) => column.notNull().defaultTo('{}'))
        .execute();
    },
  },
  // A hook's `eventID` filter: the event ids it is sent (comma-separated, lower-case); null: every event.
  '0605_bbb_api_hook_event_filter': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('bbb_api_hooks').addColumn('event_ids', 'text').execute();
    },
  },
};

/** Table types of the BigBlueButton API domain (rows read back are checked with zod). */
export type BbbApiTables = {
  bbb_api_meetings: {
    internal_id: string;
    meeting_id: string;
    room_id: string;
    organisation_id: string | null;
    name: string;
    attendee_password: string;
    moderator_password: string;
    settings_json: string;
    metadata_json: string;
    create_time_ms: number | string;
    ended_at_ms: number | string | null;
  };
  bbb_api_organisation_secrets: {
    organisation_id: string;
    secret: string;
    created_at_ms: number | string;
    rotated_at_ms: number | string;
    rotated_by: string;
  };
  bbb_api_join_tickets: {
    ticket_hash: string;
    internal_meeting_id: string;
    room_id: string;
    full_name: string;
    role: string;
    user_id: string;
    guest: number;
    guest_status: string;
    logout_url: string | null;
    avatar_url: string | null;
    created_at_ms: number | string;
    expires_at_ms: number | string;
    used_at_ms: number | string | null;
    grant_hash: string | null;
    grant_expires_at_ms: number | string | null;
    user_data_json: string;
  };
  bbb_api_hooks: {
    hook_id: number;
    owner: string;
    callback_url: string;
    meeting_id: string | null;
    raw: number;
    created_at_ms: number | string;
    event_ids: string | null;
  };
};
