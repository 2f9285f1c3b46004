/**
 * Closing a proposal early: one record per proposal closed before its closing time, saying who
 * closed it and when. The primary key makes it once: a second close finds the record there.
 */
import type { Kysely, Migration } from 'kysely';

export const earlyCloseMigrations: Record<string, Migration> = {
  '0505_governance_early_close': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('governance_early_closes')
        .addColumn('proposal_id', 'text', (column) => column.primaryKey().references('governance_proposals.id'))
        // The person who closed it: its organiser, or an operator.
        .addColumn('closed_by', 'text', (column) => column.notNull())
        .addColumn('closed_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
};

/** Table types of early closes. */
export type EarlyCloseTables = {
  governance_early_closes: { proposal_id: string; closed_by: string; closed_at_ms: number | string };
};
