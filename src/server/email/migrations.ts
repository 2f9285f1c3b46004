/** The email domain's migrations: the outbox. */
import type { Kysely, Migration } from 'kysely';

export const emailMigrations: Record<string, Migration> = {
  '0200_accounts_email_outbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('email_outbox')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('recipient', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        .addColumn('body_text', 'text', (column) => column.notNull())
        .addColumn('calendar', 'text')
        .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
        .addColumn('sent_at_ms', 'bigint')
        .execute();
    },
  },
};

/** Table types of the email domain. */
export type EmailTables = {
  email_outbox: {
    id: string;
    recipient: string;
    subject: string;
    body_text: string;
    calendar: string | null;
    created_at_ms: number | string;
    sent_at_ms: number | string | null;
  };
};
