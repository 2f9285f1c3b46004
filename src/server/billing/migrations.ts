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
  '0401_billing_invoices_and_payments': {
    async up(db: Kysely<unknown>) {
      // What an organisation's invoices name and how it pays; none: its name, English, money only.
      await db.schema
        .createTable('billing_profiles')
        .addColumn('organisation_id', 'text', (column) => column.primaryKey().references('organisations.id').onDelete('cascade'))
        .addColumn('legal_name', 'text', (column) => column.notNull())
        // One line each, separated by a newline.
        .addColumn('address', 'text', (column) => column.notNull())
        .addColumn('tax_id', 'text')
        .addColumn('email', 'text')
        .addColumn('language', 'text', (column) => column.notNull())
        // off | automatic | by_request: whether invoices reserve credits from the organisation's network account.
        .addColumn('credit_payment', 'text', (column) => column.notNull())
        .addColumn('updated_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      // The last invoice number of each year: taken in the transaction that writes the invoice, so no gap.
      await db.schema
        .createTable('billing_invoice_numbers')
        .addColumn('year', 'integer', (column) => column.primaryKey())
        .addColumn('last_sequence', 'integer', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('billing_invoices')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('organisation_id', 'text', (column) => column.notNull().references('organisations.id').onDelete('cascade'))
        .addColumn('number', 'text', (column) => column.notNull().unique())
        .addColumn('year', 'integer', (column) => column.notNull())
        .addColumn('sequence', 'integer', (column) => column.notNull())
        .addColumn('plan_id', 'text', (column) => column.notNull())
        .addColumn('period_start_ms', 'bigint', (column) => column.notNull())
        .addColumn('period_end_ms', 'bigint', (column) => column.notNull())
        .addColumn('issued_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('due_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('language', 'text', (column) => column.notNull())
        .addColumn('currency', 'text', (column) => column.notNull())
        .addColumn('net_minor', 'bigint', (column) => column.notNull())
        .addColumn('tax_minor', 'bigint', (column) => column.notNull())
        .addColumn('gross_minor', 'bigint', (column) => column.notNull())
        .addColumn('credit_gross_minor', 'bigint', (column) => column.notNull())
        .addColumn('reference', 'text', (column) => column.notNull().unique())
        // The parties as they were when it was issued (JSON of an InvoiceParty, the seller with its bank account).
        .addColumn('seller_json', 'text', (column) => column.notNull())
        .addColumn('buyer_json', 'text', (column) => column.notNull())
        // open | paid
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('paid_money_minor', 'bigint', (column) => column.notNull())
        .addColumn('paid_credit_minor', 'bigint', (column) => column.notNull())
        .addColumn('paid_at_ms', 'bigint')
        // none | reserving | reserved | insufficient | unavailable | posted | released: the credit reservation's state.
        .addColumn('credit_state', 'text', (column) => column.notNull())
        .addColumn('credit_reserved_minor', 'bigint', (column) => column.notNull())
        // The ledger's pending transfer holding the reservation, while there is one.
        .addColumn('credit_pending_id', 'text')
        // Reservations tried so far (each pending transfer's id ends with it).
        .addColumn('credit_attempts', 'integer', (column) => column.notNull())
        // The credits available when a reservation found too few (shown to the member).
        .addColumn('credit_available_minor', 'bigint')
        .addColumn('emailed_at_ms', 'bigint')
        // Reminders sent (0, 1 at 7 days overdue, 2 at 14).
        .addColumn('reminders_sent', 'integer', (column) => column.notNull())
        .addUniqueConstraint('billing_invoices_one_per_period', ['organisation_id', 'period_start_ms'])
        .addUniqueConstraint('billing_invoices_sequence', ['year', 'sequence'])
        .execute();
      await db.schema.createIndex('billing_invoices_status').on('billing_invoices').columns(['status', 'due_at_ms']).execute();
      await db.schema
        .createTable('billing_invoice_lines')
        .addColumn('invoice_id', 'text', (column) => column.notNull().references('billing_invoices.id').onDelete('cascade'))
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('net_minor', 'bigint', (column) => column.notNull())
        .addColumn('tax_rate_basis_points', 'integer', (column) => column.notNull())
        .addColumn('tax_minor', 'bigint', (column) => column.notNull())
        .addColumn('gross_minor', 'bigint', (column) => column.notNull())
        .addColumn('credit_gross_minor', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('billing_invoice_lines_pk', ['invoice_id', 'position'])
        .execute();
      await db.schema
        .createTable('billing_payments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('invoice_id', 'text', (column) => column.notNull().references('billing_invoices.id').onDelete('cascade'))
        // money | credits
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('amount_minor', 'bigint', (column) => column.notNull())
        // manual | bank_statement | ledger
        .addColumn('method', 'text', (column) => column.notNull())
        // The bank's id of the statement line, or the ledger transfer: each pays once.
        .addColumn('source_id', 'text', (column) => column.unique())
        .addColumn('recorded_by', 'text')
        .addColumn('note', 'text', (column) => column.notNull())
        .addColumn('at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('billing_payments_invoice').on('billing_payments').column('invoice_id').execute();
      // Lines of imported bank statements that no invoice's reference matched, waiting for a person.
      await db.schema
        .createTable('billing_bank_lines')
        .addColumn('bank_line_id', 'text', (column) => column.primaryKey())
        .addColumn('booked_on', 'text', (column) => column.notNull())
        .addColumn('amount_minor', 'bigint', (column) => column.notNull())
        .addColumn('currency', 'text', (column) => column.notNull())
        .addColumn('reference', 'text')
        .addColumn('remittance', 'text', (column) => column.notNull())
        .addColumn('counterparty_name', 'text')
        // unmatched | assigned | ignored
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('invoice_id', 'text')
        .addColumn('imported_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  '0403_billing_finance_entries': {
    // What the treasurer enters by hand in the co-op's finances (costs paid by bank, grants…).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('billing_finance_entries')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('booked_on', 'text', (column) => column.notNull())
        // income | expense
        .addColumn('direction', 'text', (column) => column.notNull())
        .addColumn('category', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('money_minor', 'bigint', (column) => column.notNull())
        .addColumn('credit_minor', 'bigint', (column) => column.notNull())
        .addColumn('recorded_by', 'text', (column) => column.notNull())
        .addColumn('recorded_at_ms', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('billing_finance_entries_booked').on('billing_finance_entries').column('booked_on').execute();
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
  billing_profiles: {
    organisation_id: string;
    legal_name: string;
    address: string;
    tax_id: string | null;
    email: string | null;
    language: string;
    credit_payment: string;
    updated_at_ms: number | string;
  };
  billing_invoice_numbers: { year: number; last_sequence: number };
  billing_invoices: {
    id: string;
    organisation_id: string;
    number: string;
    year: number;
    sequence: number;
    plan_id: string;
    period_start_ms: number | string;
    period_end_ms: number | string;
    issued_at_ms: number | string;
    due_at_ms: number | string;
    language: string;
    currency: string;
    net_minor: Money;
    tax_minor: Money;
    gross_minor: Money;
    credit_gross_minor: Money;
    reference: string;
    seller_json: string;
    buyer_json: string;
    status: string;
    paid_money_minor: Money;
    paid_credit_minor: Money;
    paid_at_ms: number | string | null;
    credit_state: string;
    credit_reserved_minor: Money;
    credit_pending_id: string | null;
    credit_attempts: number;
    credit_available_minor: Money | null;
    emailed_at_ms: number | string | null;
    reminders_sent: number;
  };
  billing_invoice_lines: {
    invoice_id: string;
    position: number;
    description: string;
    net_minor: Money;
    tax_rate_basis_points: number;
    tax_minor: Money;
    gross_minor: Money;
    credit_gross_minor: Money;
  };
  billing_payments: {
    id: string;
    invoice_id: string;
    kind: string;
    amount_minor: Money;
    method: string;
    source_id: string | null;
    recorded_by: string | null;
    note: string;
    at_ms: number | string;
  };
  billing_finance_entries: {
    id: string;
    booked_on: string;
    direction: string;
    category: string;
    description: string;
    money_minor: Money;
    credit_minor: Money;
    recorded_by: string;
    recorded_at_ms: number | string;
  };
  billing_bank_lines: {
    bank_line_id: string;
    booked_on: string;
    amount_minor: Money;
    currency: string;
    reference: string | null;
    remittance: string;
    counterparty_name: string | null;
    status: string;
    invoice_id: string | null;
    imported_at_ms: number | string;
  };
};

/** A money column: bigint written, a number or string read back depending on the engine. */
type Money = bigint | number | string;
