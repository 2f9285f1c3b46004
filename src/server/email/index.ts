/** The email domain: the outbox and SMTP sending. */
export { type EmailMessage, Mailer, type MailerOptions, type OutboxEntry } from './mailer.js';
export { type EmailTables, emailMigrations } from './migrations.js';
