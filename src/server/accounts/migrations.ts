/** The accounts domain's migrations: people, sessions, one-time tokens, login throttling and trusted devices. */
import type { Kysely, Migration } from 'kysely';

export const accountsMigrations: Record<string, Migration> = {
  '0201_accounts_people_and_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (column) => column.primaryKey())
        // Null once the account is deleted: the row stays so that records pointing to it stay whole.
        .addColumn('email', 'text', (column) => column.unique())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('email_verified_at_ms', 'bigint')
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('deleted_at_ms', 'bigint')
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('person_id', 'text', (column) => column.notNull().references('people.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('sessions_person').on('sessions').column('person_id').execute();
      await db.schema
        .createTable('account_tokens')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('person_id', 'text', (column) => column.notNull().references('people.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('used_at_ms', 'bigint')
        .execute();
      await db.schema
        .createTable('login_throttle')
        .addColumn('email', 'text', (column) => column.primaryKey())
        .addColumn('failures', 'integer', (column) => column.notNull())
        .addColumn('locked_until_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  '0205_accounts_single_sign_on': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('oidc_identities')
        .addColumn('issuer', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        .addColumn('person_id', 'text', (column) => column.notNull().references('people.id'))
        .addColumn('linked_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('oidc_identities_pk', ['issuer', 'subject'])
        .execute();
      await db.schema
        .createTable('oidc_pending_logins')
        .addColumn('state_hash', 'text', (column) => column.primaryKey())
        .addColumn('code_verifier', 'text', (column) => column.notNull())
        .addColumn('nonce', 'text', (column) => column.notNull())
        .addColumn('next_path', 'text', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  // Numbered after every other domain's so far: Kysely applies a new migration only if its name sorts after all applied ones.
  '0303_accounts_login_throttle_by_address_and_device': {
    async up(db: Kysely<unknown>) {
      // The lock-out per email alone let anyone lock anyone out; its counts are dropped with it.
      await db.schema.dropTable('login_throttle').execute();
      await db.schema
        .createTable('login_failures')
        .addColumn('email', 'text', (column) => column.notNull())
        // `address:<client address>` (IPv6: its /64) or `untrusted` (every browser without a device token, together).
        .addColumn('scope', 'text', (column) => column.notNull())
        .addColumn('failures', 'integer', (column) => column.notNull())
        .addColumn('locked_until_ms', 'bigint', (column) => column.notNull())
        .addColumn('last_failure_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('login_failures_pk', ['email', 'scope'])
        .execute();
      await db.schema.createIndex('login_failures_last_failure').on('login_failures').column('last_failure_at_ms').execute();
      await db.schema
        .createTable('trusted_devices')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('person_id', 'text', (column) => column.notNull().references('people.id').onDelete('cascade'))
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('failures', 'integer', (column) => column.notNull())
        .addColumn('locked_until_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('trusted_devices_person').on('trusted_devices').column('person_id').execute();
      await db.schema.createIndex('trusted_devices_expiry').on('trusted_devices').column('expires_at_ms').execute();
    },
  },
  '0307_accounts_people_language': {
    // The language a person chose for the pages, so their emails are written in it too (null: not chosen yet).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('people').addColumn('language', 'text').execute();
    },
  },
  '0306_accounts_trusted_device_last_failure': {
    // A trusted device's failures are forgotten a day after its last one, like an address's.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('trusted_devices')
        .addColumn('last_failure_at_ms', 'bigint', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  },
  '0620_accounts_expiry_indexes': {
    // The privacy sweep deletes expired sessions and finished one-time links every hour.
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at_ms').execute();
      await db.schema.createIndex('account_tokens_expiry').on('account_tokens').column('expires_at_ms').execute();
    },
  },
};

/** Table types of the accounts domain. Millisecond columns are bigint (a string from PostgreSQL). */
export type AccountsTables = {
  people: {
    id: string;
    email: string | null;
    name: string;
    password_hash: string | null;
    email_verified_at_ms: number | string | null;
    created_at_ms: number | string;
    deleted_at_ms: number | string | null;
    language: string | null;
  };
  sessions: { token_hash: string; person_id: string; csrf_token: string; created_at_ms: number | string; expires_at_ms: number | string };
  account_tokens: {
    token_hash: string;
    person_id: string;
    purpose: string;
    created_at_ms: number | string;
    expires_at_ms: number | string;
    used_at_ms: number | string | null;
  };
  login_failures: {
    email: string;
    scope: string;
    failures: number;
    locked_until_ms: number | string;
    last_failure_at_ms: number | string;
  };
  trusted_devices: {
    token_hash: string;
    person_id: string;
    created_at_ms: number | string;
    expires_at_ms: number | string;
    failures: number;
    locked_until_ms: number | string;
    last_failure_at_ms: number | string;
  };
  oidc_identities: { issuer: string; subject: string; person_id: string; linked_at_ms: number | string };
  oidc_pending_logins: { state_hash: string; code_verifier: string; nonce: string; next_path: string; expires_at_ms: number | string };
};
