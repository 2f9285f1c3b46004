/** Governance notices' migration: the letters sent per proposal, and each person's calendar feed token. */
import type { Kysely, Migration } from 'kysely';

export const noticesMigrations: Record<string, Migration> = {
  '0503_governance_notices': {
    async up(db: Kysely<unknown>) {
      // One row per letter round sent (or being sent): the key is the claim that makes it once.
      await db.schema
        .createTable('governance_notices')
        .addColumn('proposal_id', 'text', (column) => column.notNull())
        // opened | closing | outcome
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('sent_at_ms', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('governance_notices_pk', ['proposal_id', 'kind'])
        .execute();
      await db.schema
        .createTable('governance_feed_tokens')
        .addColumn('person_id', 'text', (column) => column.primaryKey())
        .addColumn('token', 'text', (column) => column.notNull().unique())
        .execute();
    },
  },
};

/** Table types of governance notices. */
export type NoticeTables = {
  governance_notices: { proposal_id: string; kind: string; sent_at_ms: number | string };
  governance_feed_tokens: { person_id: string; token: string };
};
