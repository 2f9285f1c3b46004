/** The network domain's migrations: trading members, listings, payment requests, auto-accept rules. */
import type { Generated, Kysely, Migration } from 'kysely';
import { foldForSearch, searchTextOf } from '../platform/search-text.js';

export const networkMigrations: Record<string, Migration> = {
  '0300_network_members_listings_requests': {
    async up(db: Kysely<unknown>) {
      // A trading member is an organisation (a business that only trades gets one too); its
      // balances live in the ledger, in the account named by `account_id`.
      await db.schema
        .createTable('network_members')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('organisation_id', 'text', (column) => column.notNull().unique().references('organisations.id'))
        .addColumn('slug', 'text', (column) => column.notNull().unique())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('co_op', 'integer', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('location', 'text', (column) => column.notNull())
        .addColumn('website', 'text', (column) => column.notNull())
        .addColumn('contact', 'text', (column) => column.notNull())
        .addColumn('show_balance', 'integer', (column) => column.notNull())
        .addColumn('applied_by', 'text', (column) => column.notNull())
        .addColumn('applied_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at_ms', 'bigint')
        .addColumn('reason', 'text')
        .addColumn('account_id', 'text', (column) => column.unique())
        .execute();
      await db.schema
        .createTable('network_listings')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('member_id', 'text', (column) => column.notNull().references('network_members.id'))
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('category', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('network_listings_member').on('network_listings').column('member_id').execute();
      // Payment requests (invoices in credits). `status` moves open → accepting → accepted, or
      // open → rejected / cancelled; `accepting` is held while the ledger transfer is made.
      await db.schema
        .createTable('network_requests')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('requester_id', 'text', (column) => column.notNull().references('network_members.id'))
        .addColumn('payer_id', 'text', (column) => column.notNull().references('network_members.id'))
        .addColumn('amount_minor', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('reference', 'text', (column) => column.notNull())
        .addColumn('due_date', 'text')
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('handled_by', 'text')
        .addColumn('handled_at_ms', 'bigint')
        .addColumn('accepted_automatically', 'integer', (column) => column.notNull())
        .addColumn('transfer_id', 'text')
        .addColumn('idempotency_key', 'text', (column) => column.notNull().unique())
        .execute();
      await db.schema.createIndex('network_requests_payer').on('network_requests').columns(['payer_id', 'created_at_ms']).execute();
      await db.schema.createIndex('network_requests_requester').on('network_requests').columns(['requester_id', 'created_at_ms']).execute();
      await db.schema
        .createTable('network_auto_accept')
        .addColumn('payer_id', 'text', (column) => column.notNull().references('network_members.id'))
        .addColumn('payee_id', 'text', (column) => column.notNull().references('network_members.id'))
        .addColumn('max_amount_minor', 'text')
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('network_auto_accept_pk', ['payer_id', 'payee_id'])
        .execute();
    },
  },
  '0301_network_folded_search_text': {
    // Search and sort on text folded in JavaScript (see platform/search-text.ts), so that
    // "École" matches "ecole" and sorts the same on SQLite and PostgreSQL.
    async up(untyped: Kysely<unknown>) {
      const db = untyped as Kysely<NetworkTables>;
      await db.schema
        .alterTable('network_members')
        .addColumn('search_text', 'text', (column) => column.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('network_members')
        .addColumn('sort_key', 'text', (column) => column.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('network_listings')
        .addColumn('search_text', 'text', (column) => column.notNull().defaultTo(''))
        .execute();
      for (const member of await db.selectFrom('network_members').select(['id', 'name', 'description', 'location']).execute()) {
        await db
          .updateTable('network_members')
          .set({ search_text: searchTextOf(member.name, member.description, member.location), sort_key: foldForSearch(member.name) })
          .where('id', '=', member.id)
          .execute();
      }
      for (const listing of await db.selectFrom('network_listings').select(['id', 'title', 'description']).execute()) {
        await db
          .updateTable('network_listings')
          .set({ search_text: searchTextOf(listing.title, listing.description) })
          .where('id', '=', listing.id)
          .execute();
      }
      await db.schema.createIndex('network_members_directory').on('network_members').columns(['status', 'sort_key', 'slug']).execute();
    },
  },
  '0302_network_request_expiry_notices': {
    // 1 once the requester has been told that the request expired unpaid.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('network_requests')
        .addColumn('expiry_notified', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('network_requests_open_expiry').on('network_requests').columns(['status', 'expires_at_ms']).execute();
    },
  },
  '0304_network_request_claims': {
    // Which instance is accepting a request, and since when: at start-up an instance recovers only
    // the requests it left `accepting` itself and those whose claim is older than the lease.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('network_requests').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('network_requests').addColumn('claimed_at_ms', 'bigint').execute();
    },
  },
};

type Millis = number | string;

/** Table types of the network domain. */
export type NetworkTables = {
  network_members: {
    id: string;
    organisation_id: string;
    slug: string;
    name: string;
    status: string;
    co_op: number;
    description: string;
    location: string;
    website: string;
    contact: string;
    show_balance: number;
    applied_by: string;
    applied_at_ms: Millis;
    reviewed_by: string | null;
    reviewed_at_ms: Millis | null;
    reason: string | null;
    account_id: string | null;
    /** Name, description and location folded for search (`searchTextOf`). */
    search_text: string;
    /** The name folded for sorting. */
    sort_key: string;
  };
  network_listings: {
    id: string;
    member_id: string;
    kind: string;
    title: string;
    description: string;
    category: string;
    created_at_ms: Millis;
    /** Title and description folded for search. */
    search_text: string;
  };
  network_requests: {
    id: string;
    requester_id: string;
    payer_id: string;
    amount_minor: string;
    description: string;
    reference: string;
    due_date: string | null;
    expires_at_ms: Millis;
    status: string;
    reason: string | null;
    created_by: string;
    created_at_ms: Millis;
    handled_by: string | null;
    handled_at_ms: Millis | null;
    accepted_automatically: number;
    transfer_id: string | null;
    idempotency_key: string;
    /** 1 once the requester was told the request expired unpaid. */
    expiry_notified: Generated<number>;
    /** The instance that claimed the request to accept it (null: never claimed, or claimed before claims were recorded). */
    claimed_by: string | null;
    /** When it claimed it, in milliseconds since the epoch. */
    claimed_at_ms: Millis | null;
  };
  network_auto_accept: { payer_id: string; payee_id: string; max_amount_minor: string | null; created_at_ms: Millis };
};
