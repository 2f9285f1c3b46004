/** The email domain's table (`email/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** The outbox every letter goes through. */
export const emailCatalogue: DataCatalogue = {
  email_outbox: {
    purpose: 'Every letter Plenary sends, written here first and delivered over SMTP in the background.',
    retention:
      'Deleted by the hourly privacy sweep `PRIVACY_SENT_MAIL_RETENTION_DAYS` (default 7) after it was sent, or — never sent — after it was written once it will not be tried again (refused after its last retry, older than the 24-hour retry window, or no SMTP); a letter still being retried is never deleted. Until then operators read it to help people; when a person deletes their account, letters to them lose the recipient and body.',
    aboutPerson: { column: 'recipient', by: 'email' },
    columns: {
      id: column("The letter's id.", 'Identifies it in retries.', false),
      recipient: column("The recipient's email address (replaced by `deleted:<id>` after deletion).", 'Where the letter goes.', true),
      subject: column('The subject line.', 'Part of the letter; shown to operators.', true),
      body_text: column(
        "The letter's text, with its links (`(removed)` after deletion).",
        'What is sent; operators see it with one-time links hidden.',
        true,
      ),
      calendar: column('An iCalendar part (invitations), if any.', 'Calendar programs recognise the invitation.', true),
      created_at_ms: column('When the letter was written.', "Order of delivery; operators' view.", true),
      sent_at_ms: column(
        'When the SMTP server took it (null: not yet).',
        'Unsent letters are retried; a sent one is deleted `PRIVACY_SENT_MAIL_RETENTION_DAYS` after it.',
        true,
      ),
      attempts: column('Delivery attempts that failed.', 'The retry schedule (1, 5, 30 minutes, 2 and 12 hours).', false),
      next_attempt_at_ms: column(
        'When to try again, also the lease of a delivery under way.',
        'Retries, and recovery after a crash.',
        false,
      ),
      attachments_json: column(
        "Attached files (an invoice's PDF) as JSON with base64 content.",
        'Invoices are mailed with their PDF.',
        true,
      ),
    },
  },
};
