/** The organisations domain's migrations: organisations, members, invitations, owned rooms. */
import type { Kysely, Migration } from 'kysely';

export const organisationsMigrations: Record<string, Migration> = {
  '0202_accounts_organisations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('slug', 'text', (column) => column.notNull().unique())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('organisation_members')
        .addColumn('organisation_id', 'text', (column) => column.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (column) => column.notNull().references('people.id'))
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('joined_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('organisation_members_pk', ['organisation_id', 'person_id'])
        .execute();
      await db.schema.createIndex('organisation_members_person').on('organisation_members').column('person_id').execute();
      await db.schema
        .createTable('organisation_invitations')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('organisation_id', 'text', (column) => column.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('invited_by', 'text', (column) => column.notNull().references('people.id'))
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('accepted_at_ms', 'bigint')
        .execute();
      // A room (owned by the meetings domain) belongs to an organisation or to one person.
      await db.schema
        .createTable('owned_rooms')
        .addColumn('room_id', 'text', (column) => column.primaryKey().references('rooms.id').onDelete('cascade'))
        .addColumn('owner_key', 'text', (column) => column.notNull())
        .addColumn('organisation_id', 'text', (column) => column.references('organisations.id'))
        .addColumn('person_id', 'text', (column) => column.notNull().references('people.id'))
        .addColumn('slug', 'text', (column) => column.notNull())
        .addColumn('feed_token', 'text', (column) => column.notNull().unique())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addUniqueConstraint('owned_rooms_owner_slug', ['owner_key', 'slug'])
        .execute();
    },
  },
  '0206_accounts_person_handles': {
    async up(db: Kysely<unknown>) {
      // A person's handle names their personal rooms' readable links: /r/~<handle>/<room>.
      await db.schema
        .createTable('person_handles')
        .addColumn('person_id', 'text', (column) => column.primaryKey().references('people.id').onDelete('cascade'))
        .addColumn('handle', 'text', (column) => column.notNull().unique())
        .execute();
    },
  },
  '0621_organisations_invitations_expiry': {
    // The privacy sweep deletes finished invitations every hour.
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('organisation_invitations_expiry').on('organisation_invitations').column('expires_at_ms').execute();
    },
  },
};

/** Table types of the organisations domain. */
export type OrganisationsTables = {
  organisations: { id: string; slug: string; name: string; created_at_ms: number | string };
  person_handles: { person_id: string; handle: string };
  organisation_members: { organisation_id: string; person_id: string; role: string; joined_at_ms: number | string };
  organisation_invitations: {
    token_hash: string;
    organisation_id: string;
    email: string;
    role: string;
    invited_by: string;
    created_at_ms: number | string;
    expires_at_ms: number | string;
    accepted_at_ms: number | string | null;
  };
  owned_rooms: {
    room_id: string;
    /** `org:<organisation id>` or `person:<person id>`: slugs are unique per owner. */
    owner_key: string;
    organisation_id: string | null;
    /** The owner of a personal room; the creator of an organisation's room. */
    person_id: string;
    slug: string;
    feed_token: string;
    created_at_ms: number | string;
  };
};
