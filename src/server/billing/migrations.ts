/**
 * The billing domain's migrations: plans, their prices over time, subscriptions and the
 * adjustments (prorated upgrades) waiting for the next invoice. Money is bigint minor units.
 */
import type { Kysely, Migration } from 'kysely';

export const billingMigrations: Record<string, Migration> = {
  '0400_billing_plans_and_subscriptions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('billing_plans')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('participants_max', 'integer', (column) => column.notNull())
        // Null: no limit.
        .addColumn('meetings_max', 'integer')
        .addColumn('meeting_minutes_max', 'integer')
        .addColumn('storage_mb', 'integer', (column) => column.notNull())
        .addColumn('period', 'text', (column) => column.notNull())
        .addColumn('tax_rate_basis_points', 'integer', (column) => column.notNull())
        // 1: the price is quoted by the operators; members ask, they do not subscribe themselves.
        .addColumn('quoted', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      // A plan's prices over time: a change applies to periods that start on or after `from_ms`.
      await db.schema
        .createTable('billing_plan_prices')
        .addColumn('plan_id', 'text', (column) => column.notNull().references('billing_plans.id').onDelete('cascade'))
        .addColumn('from_ms', 'bigint', (column) => column.notNull())
        .addColumn('money_minor', 'bigint', (column) => column.notNull())
        .addColumn('credit_minor', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('billing_plan_prices_pk', ['plan_id', 'from_ms'])
        .execute();
      await db.schema
        .createTable('billing_subscriptions')
        .addColumn('organisation_id', 'text', (column) => column.primaryKey().references('organisations.id').onDelete('cascade'))
        .addColumn('plan_id', 'text', (column) => column.notNull().references('billing_plans.id'))
        .addColumn('period_start_ms', 'bigint', (column) => column.notNull())
        .addColumn('period_end_ms', 'bigint', (column) => column.notNull())
        // A downgrade waiting for the period's end; null when none.
        .addColumn('next_plan_id', 'text', (column) => column.references('billing_plans.id'))
        .addColumn('cancel_at_period_end', 'integer', (column) => column.notNull())
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('billing_subscriptions_plan').on('billing_subscriptions').column('plan_id').execute();
      await db.schema
        .createTable('billing_adjustments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('organisation_id', 'text', (column) => column.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('from_plan_id', 'text', (column) => column.notNull())
        .addColumn('to_plan_id', 'text', (column) => column.notNull())
        .addColumn('days', 'integer', (column) => column.notNull())
        .addColumn('period_days', 'integer', (column) => column.notNull())
        .addColumn('money_minor', 'bigint', (column) => column.notNull())
        .addColumn('credit_minor', 'bigint', (column) => column.notNull())
        .addColumn('at_ms', 'bigint', (column) => column.notNull())
        // Set when an invoice carries it.
        .addColumn('invoice_id', 'text')
        .execute();
      await db.schema
        .createIndex('billing_adjustments_open')
        .on('billing_adjustments')
        .columns(['organisation_id', 'invoice_id'])
        .execute();
    },
  },
};

/** Table types of the billing domain. Millisecond and money columns are bigint (a string from PostgreSQL). */
export type BillingTables = {
  billing_plans: {
    id: string;
    name: string;
    position: number;
    participants_max: number;
    meetings_max: number | null;
    meeting_minutes_max: number | null;
    storage_mb: number;
    period: string;
    tax_rate_basis_points: number;
    quoted: number;
    created_at_ms: number | string;
    updated_at_ms: number | string;
  };
  billing_plan_prices: {
    plan_id: string;
    from_ms: number | string;
    money_minor: bigint | number | string;
    credit_minor: bigint | number | string;
  };
  billing_subscriptions: {
    organisation_id: string;
    plan_id: string;
    period_start_ms: number | string;
    period_end_ms: number | string;
    next_plan_id: string | null;
    cancel_at_period_end: number;
    created_at_ms: number | string;
    updated_at_ms: number | string;
  };
  billing_adjustments: {
    id: string;
    organisation_id: string;
    kind: string;
    from_plan_id: string;
    to_plan_id: string;
    days: number;
    period_days: number;
    money_minor: bigint | number | string;
    credit_minor: bigint | number | string;
    at_ms: number | string;
    invoice_id: string | null;
  };
};
