/** The operator domain's migrations: the audit log of operator actions. */
import type { Kysely, Migration } from 'kysely';

export const operatorMigrations: Record<string, Migration> = {
  '0204_accounts_operator_audit_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('operator_audit_log')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('operator_id', 'text', (column) => column.notNull().references('people.id'))
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('target', 'text', (column) => column.notNull())
        .addColumn('at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('operator_audit_log_at').on('operator_audit_log').column('at_ms').execute();
    },
  },
};

/** Table types of the operator domain. */
export type OperatorTables = {
  operator_audit_log: { id: string; operator_id: string; action: string; target: string; at_ms: number | string };
};
