/** The scheduling domain's migrations: scheduled meetings and their invitees. */
import type { Kysely, Migration } from 'kysely';

export const schedulingMigrations: Record<string, Migration> = {
  '0203_accounts_scheduled_meetings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scheduled_meetings')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('room_id', 'text', (column) => column.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('agenda', 'text', (column) => column.notNull())
        .addColumn('starts_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('duration_minutes', 'integer', (column) => column.notNull())
        .addColumn('time_zone', 'text', (column) => column.notNull())
        .addColumn('sequence', 'integer', (column) => column.notNull())
        .addColumn('cancelled_at_ms', 'bigint')
        .addColumn('created_by', 'text', (column) => column.notNull().references('people.id'))
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('scheduled_meetings_room').on('scheduled_meetings').columns(['room_id', 'starts_at_ms']).execute();
      await db.schema
        .createTable('scheduled_meeting_invitees')
        .addColumn('scheduled_meeting_id', 'text', (column) => column.notNull().references('scheduled_meetings.id').onDelete('cascade'))
        .addColumn('email', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('scheduled_meeting_invitees_pk', ['scheduled_meeting_id', 'email'])
        .execute();
    },
  },
};

/** Table types of the scheduling domain. */
export type SchedulingTables = {
  scheduled_meetings: {
    id: string;
    room_id: string;
    title: string;
    agenda: string;
    starts_at_ms: number | string;
    duration_minutes: number;
    time_zone: string;
    /** iCalendar SEQUENCE: 0 when scheduled, +1 at every update and at cancellation. */
    sequence: number;
    cancelled_at_ms: number | string | null;
    created_by: string;
    created_at_ms: number | string;
  };
  scheduled_meeting_invitees: { scheduled_meeting_id: string; email: string };
};
