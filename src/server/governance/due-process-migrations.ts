/** Due process's migration: the log of suspensions and reinstatements, with their appeals. */
import type { Kysely, Migration } from 'kysely';

export const dueProcessMigrations: Record<string, Migration> = {
  '0502_governance_sanctions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('governance_sanctions')
        .addColumn('id', 'text', (column) => column.primaryKey())
        // network | meetings | membership
        .addColumn('scope', 'text', (column) => column.notNull())
        .addColumn('organisation_id', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        // suspended | reinstated
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('reason', 'text', (column) => column.notNull())
        // The person who decided, or `vote`.
        .addColumn('decided_by', 'text', (column) => column.notNull())
        .addColumn('at_ms', 'bigint', (column) => column.notNull())
        .addColumn('appeal_proposal_id', 'text')
        // 1 once the appeal's sealed outcome was acted on.
        .addColumn('appeal_resolved', 'integer', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('governance_sanctions_at').on('governance_sanctions').column('at_ms').execute();
    },
  },
  // Suspensions from meetings (an organisation) and from membership (a member: an organisation, or
  // a person with no organisation — `organisation_id` is then empty): the member suspended.
  '0506_governance_sanction_members': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('governance_sanctions').addColumn('member_id', 'text').execute();
    },
  },
};

/** Table types of due process. */
export type SanctionTables = {
  governance_sanctions: {
    id: string;
    scope: string;
    organisation_id: string;
    subject: string;
    action: string;
    reason: string;
    decided_by: string;
    at_ms: number | string;
    appeal_proposal_id: string | null;
    appeal_resolved: number;
    member_id: string | null;
  };
};
