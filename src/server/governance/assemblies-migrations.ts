/**
 * General assemblies' migration: an assembly convened in a room, who attended it (each stay, from
 * the verified session of each signed-in participant), the proxies members gave for it, the
 * motions put to it and the votes cast on them (open votes: an assembly votes by show of hands),
 * and its minutes, sealed at the close and never edited.
 */
import type { Kysely, Migration } from 'kysely';

export const assembliesMigrations: Record<string, Migration> = {
  '0504_governance_assemblies': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('governance_assemblies')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('room_id', 'text', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('chair_person_id', 'text', (column) => column.notNull())
        .addColumn('convened_by', 'text', (column) => column.notNull())
        .addColumn('quorum_basis_points', 'integer', (column) => column.notNull())
        .addColumn('proxies_per_holder_max', 'integer', (column) => column.notNull())
        // convened | open | closed
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('convened_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('opened_at_ms', 'bigint')
        .addColumn('closed_at_ms', 'bigint')
        // The minutes (JSON), written once, in the transaction that closes the assembly.
        .addColumn('minutes_json', 'text')
        .execute();
      await db.schema.createIndex('governance_assemblies_room').on('governance_assemblies').columns(['room_id', 'status']).execute();
      // One row per stay in the meeting while the assembly is open; guests are kept by name only.
      await db.schema
        .createTable('governance_assembly_attendance')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('assembly_id', 'text', (column) => column.notNull().references('governance_assemblies.id'))
        .addColumn('participant_id', 'text', (column) => column.notNull())
        .addColumn('person_id', 'text')
        .addColumn('name', 'text', (column) => column.notNull())
        // The members whose vote this person casts, as they were when they arrived (JSON list of ids).
        .addColumn('voter_for_json', 'text', (column) => column.notNull())
        .addColumn('arrived_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('left_at_ms', 'bigint')
        .execute();
      await db.schema
        .createIndex('governance_assembly_attendance_assembly')
        .on('governance_assembly_attendance')
        .column('assembly_id')
        .execute();
      await db.schema
        .createTable('governance_assembly_proxies')
        .addColumn('assembly_id', 'text', (column) => column.notNull().references('governance_assemblies.id'))
        .addColumn('grantor_member_id', 'text', (column) => column.notNull())
        .addColumn('holder_member_id', 'text', (column) => column.notNull())
        .addColumn('granted_by', 'text', (column) => column.notNull())
        .addColumn('granted_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('governance_assembly_proxies_pk', ['assembly_id', 'grantor_member_id'])
        .execute();
      await db.schema
        .createTable('governance_assembly_motions')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('assembly_id', 'text', (column) => column.notNull().references('governance_assemblies.id'))
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('text', 'text', (column) => column.notNull())
        // yes_no | consent
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('threshold', 'text', (column) => column.notNull())
        .addColumn('opened_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('closed_at_ms', 'bigint')
        // The count (JSON), written once, in the transaction that closes the motion.
        .addColumn('result_json', 'text')
        .addUniqueConstraint('governance_assembly_motions_position', ['assembly_id', 'position'])
        .execute();
      await db.schema
        .createTable('governance_assembly_votes')
        .addColumn('motion_id', 'text', (column) => column.notNull().references('governance_assembly_motions.id'))
        .addColumn('member_id', 'text', (column) => column.notNull())
        .addColumn('answer', 'text', (column) => column.notNull())
        .addColumn('cast_by_person_id', 'text', (column) => column.notNull())
        .addColumn('by_proxy', 'integer', (column) => column.notNull())
        .addColumn('cast_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('governance_assembly_votes_pk', ['motion_id', 'member_id'])
        .execute();
    },
  },
};

/** Table types of general assemblies. */
export type AssemblyTables = {
  governance_assemblies: {
    id: string;
    room_id: string;
    title: string;
    chair_person_id: string;
    convened_by: string;
    quorum_basis_points: number;
    proxies_per_holder_max: number;
    status: string;
    convened_at_ms: number | string;
    opened_at_ms: number | string | null;
    closed_at_ms: number | string | null;
    minutes_json: string | null;
  };
  governance_assembly_attendance: {
    id: string;
    assembly_id: string;
    participant_id: string;
    person_id: string | null;
    name: string;
    voter_for_json: string;
    arrived_at_ms: number | string;
    left_at_ms: number | string | null;
  };
  governance_assembly_proxies: {
    assembly_id: string;
    grantor_member_id: string;
    holder_member_id: string;
    granted_by: string;
    granted_at_ms: number | string;
  };
  governance_assembly_motions: {
    id: string;
    assembly_id: string;
    position: number;
    title: string;
    text: string;
    kind: string;
    threshold: string;
    opened_at_ms: number | string;
    closed_at_ms: number | string | null;
    result_json: string | null;
  };
  governance_assembly_votes: {
    motion_id: string;
    member_id: string;
    answer: string;
    cast_by_person_id: string;
    by_proxy: number;
    cast_at_ms: number | string;
  };
};
