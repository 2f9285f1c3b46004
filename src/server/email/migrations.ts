/** The email domain's migrations: the outbox. */
import type { Generated, Kysely, Migration } from 'kysely';

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
  '0201_email_outbox_retries': {
    // Unsent messages are retried: how many attempts failed, and when the next one is due (also
    // the lease of a delivery under way, so a message a crash interrupted is sent later).
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('email_outbox')
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('email_outbox').addColumn('next_attempt_at_ms', 'bigint').execute();
      await db.schema.createIndex('email_outbox_unsent').on('email_outbox').columns(['sent_at_ms', 'next_attempt_at_ms']).execute();
    },
  },
  // Files sent with a message (an invoice's PDF), as JSON: [{ filename, contentType, base64 }].
  // Named to sort after every earlier migration of every domain.
  '0402_email_outbox_attachments': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('email_outbox').addColumn('attachments_json', 'text').execute();
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
    attempts: Generated<number>;
    next_attempt_at_ms: number | string | null;
    attachments_json: string | null;
  };
};
