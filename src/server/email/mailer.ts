/**
 * Sends email. Every message is first written to the outbox table (so operators can see what
 * was sent and a development server without SMTP still shows it); with `SMTP_URL` set it is
 * then sent over SMTP by nodemailer (pooled connections) in the background and marked sent, so a
 * slow or unreachable mail server never holds up the request that caused the message.
 */
import { nanoid } from 'nanoid';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../shared/languages.js';
import { accountLimits } from '../../shared/limits.js';
import type { Clock } from '../platform/clock.js';
import type { Leases } from '../platform/leases.js';
import { repeatEvery } from '../platform/sweep.js';
import type { Storage } from '../storage/index.js';
import type { EmailTables } from './migrations.js';

/**
 * A message written for whoever reads it: `write` gives its subject and text in a language, and
 * the mailer calls it with the recipient's (their saved choice, else `language`, else English).
 */
export interface Letter {
  to: string;
  write(language: Language): { subject: string; text: string };
  /** The language to write in when the recipient has not chosen one (e.g. the sender's). */
  language?: Language | undefined;
  calendar?: EmailMessage['calendar'];
  attachments?: EmailMessage['attachments'];
}

/** One message. `calendar` is an iCalendar body sent as a `text/calendar` alternative and attachment. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
  /** Files sent with it (an invoice's PDF). */
  attachments?: EmailAttachment[];
}

/** A file sent with a message. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

const AttachmentsSchema = z.array(z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }));

const OutboxRowSchema = z.object({
  id: z.string(),
  recipient: z.string(),
  subject: z.string(),
  body_text: z.string(),
  created_at_ms: z.coerce.number(),
  sent_at_ms: z.coerce.number().nullable(),
});

/** A message in the outbox, as operators see it. */
export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAtMs: number;
  sentAtMs: number | null;
}

export interface MailerOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** `smtp://user:pass@host:port` or `smtps://…`; without it mail stays in the outbox. */
  smtpUrl?: string | undefined;
  /** The From address. Default `Plenary <no-reply@localhost>`. */
  from?: string | undefined;
  /** The language the person with this email address chose, if any (the accounts domain knows). */
  recipientLanguage?: ((email: string) => Promise<Language | undefined>) | undefined;
  /** How often unsent messages are retried, on `clock`; 0 turns retrying off. Default `accountLimits.mailRetryIntervalMs`. */
  retryIntervalMs?: number | undefined;
  /** With several instances on one database: the retries run on one at a time (`mail-retries`). */
  leases?: Leases | undefined;
}

/** Messages older than this are not retried: their links would be stale. */
const retryWindowMs = 24 * 3_600_000;

/** The SMTP URL with `pool=true`: connections are kept and reused instead of one per message. */
function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  url.searchParams.set('pool', 'true');
  return url.toString();
}

/** Sends mail over SMTP, or keeps it in the outbox when SMTP is not configured. */
export class Mailer {
  private readonly transporter: Transporter | undefined;
  private readonly from: string;
  /** Deliveries under way; `close()` waits for them. */
  private readonly delivering = new Set<Promise<void>>();
  private readonly retrying: { stop(): void } | undefined;

  constructor(private readonly options: MailerOptions) {
    this.transporter = options.smtpUrl ? nodemailer.createTransport(pooled(options.smtpUrl)) : undefined;
    this.from = options.from ?? 'Plenary <no-reply@localhost>';
    const retryIntervalMs = options.retryIntervalMs ?? accountLimits.mailRetryIntervalMs;
    if (this.transporter && retryIntervalMs > 0) {
      this.retrying = repeatEvery(
        retryIntervalMs,
        () => this.retryUnsent(),
        (error) => options.logger.error({ err: error }, 'retrying unsent email failed'),
        options.clock,
        options.leases && { leases: options.leases, name: 'mail-retries' },
      );
    }
  }

  private get db() {
    return this.options.storage.db.withTables<EmailTables>();
  }

  /** Sends `letter` written in its recipient's language (see `Letter`); returns that language. */
  async sendLetter(letter: Letter): Promise<Language> {
    const language = (await this.options.recipientLanguage?.(letter.to)) ?? letter.language ?? 'en';
    const { subject, text } = letter.write(language);
    await this.send({
      to: letter.to,
      subject,
      text,
      ...(letter.calendar ? { calendar: letter.calendar } : {}),
      ...(letter.attachments ? { attachments: letter.attachments } : {}),
    });
    return language;
  }

  /**
   * Records the message in the outbox and, when SMTP is configured, starts sending it without
   * waiting for the mail server. SMTP failures are logged; the message stays in the outbox.
   */
  async send(message: EmailMessage): Promise<void> {
    const id = nanoid(16);
    await this.db
      .insertInto('email_outbox')
      .values({
        id,
        recipient: message.to,
        subject: message.subject,
        body_text: message.text,
        calendar: message.calendar?.content ?? null,
        attachments_json: message.attachments
          ? JSON.stringify(
              message.attachments.map(({ filename, contentType, content }) => ({
                filename,
                contentType,
                base64: content.toString('base64'),
              })),
            )
          : null,
        created_at_ms: this.options.clock.nowMs(),
        sent_at_ms: null,
        // The lease of the delivery starting now: if it never finishes (a crash), a retry takes over.
        next_attempt_at_ms: this.options.clock.nowMs() + accountLimits.mailDeliveryLeaseMs,
      })
      .execute();
    const transporter = this.transporter;
    if (!transporter) {
      this.options.logger.info({ to: message.to, subject: message.subject, text: message.text }, 'email kept in the outbox (no SMTP_URL)');
      return;
    }
    this.startDelivery(transporter, id, message, 0);
  }

  private startDelivery(transporter: Transporter, id: string, message: EmailMessage, failedAttempts: number): void {
    const delivery = this.deliver(transporter, id, message, failedAttempts).finally(() => this.delivering.delete(delivery));
    this.delivering.add(delivery);
  }

  /**
   * Sends again the messages SMTP did not take whose next attempt is due (and those a crash left
   * half-sent), at most `accountLimits.mailRetryBatchMax`, each claimed first so that two rounds
   * never send one twice. Returns how many were started.
   */
  async retryUnsent(): Promise<number> {
    const transporter = this.transporter;
    if (!transporter) return 0;
    const now = this.options.clock.nowMs();
    const due = await this.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('sent_at_ms', 'is', null)
      .where('next_attempt_at_ms', '<=', now)
      .where('created_at_ms', '>', now - retryWindowMs)
      .orderBy('next_attempt_at_ms')
      .limit(accountLimits.mailRetryBatchMax)
      .execute();
    let started = 0;
    for (const row of due) {
      const claimed = await this.db
        .updateTable('email_outbox')
        .set({ next_attempt_at_ms: now + accountLimits.mailDeliveryLeaseMs })
        .where('id', '=', row.id)
        .where('sent_at_ms', 'is', null)
        .where('next_attempt_at_ms', '=', row.next_attempt_at_ms)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      const method = row.calendar ? /^METHOD:(REQUEST|CANCEL|PUBLISH)\r?$/m.exec(row.calendar)?.[1] : undefined;
      const message: EmailMessage = {
        to: row.recipient,
        subject: row.subject,
        text: row.body_text,
        ...(row.calendar && method ? { calendar: { method: method as 'REQUEST' | 'CANCEL' | 'PUBLISH', content: row.calendar } } : {}),
        ...(row.attachments_json
          ? {
              attachments: AttachmentsSchema.parse(JSON.parse(row.attachments_json)).map(({ filename, contentType, base64 }) => ({
                filename,
                contentType,
                content: Buffer.from(base64, 'base64'),
              })),
            }
          : {}),
      };
      this.startDelivery(transporter, row.id, message, Number(row.attempts));
      started += 1;
    }
    return started;
  }

  private async deliver(transporter: Transporter, id: string, message: EmailMessage, failedAttempts: number): Promise<void> {
    try {
      await transporter.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.calendar
          ? {
              icalEvent: { method: message.calendar.method, content: message.calendar.content, filename: 'invitation.ics' },
            }
          : {}),
        ...(message.attachments ? { attachments: message.attachments } : {}),
      });
      await this.db
        .updateTable('email_outbox')
        .set({ sent_at_ms: this.options.clock.nowMs(), next_attempt_at_ms: null })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      const delay = accountLimits.mailRetryDelaysMs[failedAttempts];
      // After the last retry the message stays in the outbox, unsent, for operators to see.
      await this.db
        .updateTable('email_outbox')
        .set({ attempts: failedAttempts + 1, next_attempt_at_ms: delay === undefined ? null : this.options.clock.nowMs() + delay })
        .where('id', '=', id)
        .execute()
        .catch((failure: unknown) => this.options.logger.error({ err: failure }, 'recording a failed email delivery failed'));
      this.options.logger.warn(
        { err: error, to: message.to, attempts: failedAttempts + 1, retry: delay !== undefined },
        'email could not be sent; it stays in the outbox',
      );
    }
  }

  /** The newest outbox messages, newest first. */
  async listOutbox(count: number): Promise<OutboxEntry[]> {
    const rows = await this.db.selectFrom('email_outbox').selectAll().orderBy('created_at_ms', 'desc').limit(count).execute();
    return rows.map((row) => {
      const parsed = OutboxRowSchema.parse(row);
      return {
        id: parsed.id,
        to: parsed.recipient,
        subject: parsed.subject,
        text: parsed.body_text,
        createdAtMs: parsed.created_at_ms,
        sentAtMs: parsed.sent_at_ms,
      };
    });
  }

  /**
   * Every letter to `email`, oldest first, for its owner's data export: subject, text (one-time
   * links shown as `token=(hidden)`, as operators see them), calendar part, attachments' names, when
   * written and sent.
   */
  async lettersTo(email: string): Promise<Record<string, unknown>[]> {
    const rows = await this.db.selectFrom('email_outbox').selectAll().where('recipient', '=', email).orderBy('created_at_ms').execute();
    return rows.map((row) => {
      const parsed = OutboxRowSchema.parse(row);
      return {
        subject: parsed.subject,
        text: hideOneTimeLinks(parsed.body_text),
        calendar: row.calendar === null ? null : hideOneTimeLinks(row.calendar),
        attachments: attachmentNames(row.attachments_json),
        createdAtMs: parsed.created_at_ms,
        sentAtMs: parsed.sent_at_ms,
      };
    });
  }

  /** Replaces a recipient's address in the outbox (account deletion). */
  async forgetRecipient(email: string, replacement: string): Promise<void> {
    await this.db
      .updateTable('email_outbox')
      .set({ recipient: replacement, body_text: '(removed)', calendar: null })
      .where('recipient', '=', email)
      .execute();
  }

  /**
   * Deletes the letters done with at or before `beforeMs` — their stored bodies carry live one-time
   * links: those the SMTP server took then, and those written then that will never be sent (refused
   * after every retry, or older than the retry window, as is every letter when there is no SMTP).
   * A letter that may still go — a retry due, a delivery under way, or written within the last
   * `retryWindowMs` (24 hours) — is never deleted. Resolves to how many went. The privacy sweep calls
   * it with `PRIVACY_SENT_MAIL_RETENTION_DAYS` before now.
   */
  async forgetLettersBefore(beforeMs: number): Promise<number> {
    const nowMs = this.options.clock.nowMs();
    const result = await this.db
      .deleteFrom('email_outbox')
      .where((row) =>
        row.or([
          row('sent_at_ms', '<=', beforeMs),
          row.and([
            row('sent_at_ms', 'is', null),
            row('created_at_ms', '<=', Math.min(beforeMs, nowMs - retryWindowMs)),
            row.or([row('next_attempt_at_ms', 'is', null), row('next_attempt_at_ms', '<=', nowMs)]),
          ]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Logs the unsent outbox at start-up, for development without SMTP. */
  async logUnsent(): Promise<void> {
    if (this.transporter) return;
    const unsent = (await this.listOutbox(20)).filter((entry) => entry.sentAtMs === null);
    for (const entry of unsent.reverse()) this.options.logger.info({ to: entry.to, subject: entry.subject, text: entry.text }, 'outbox');
  }

  /** Waits for the deliveries under way, then closes the SMTP connection pool. */
  async close(): Promise<void> {
    await this.retrying?.stop();
    await Promise.all([...this.delivering]);
    this.transporter?.close();
  }
}

/** `text` with the tokens of one-time links hidden: a copy of a letter must not work as its link. */
function hideOneTimeLinks(text: string): string {
  return text.replace(/token=[A-Za-z0-9_-]+/g, 'token=(hidden)');
}

/** The file names of a letter's attachments (their content is the invoice, exported by billing's own pages). */
function attachmentNames(attachmentsJson: string | null): string[] {
  if (attachmentsJson === null) return [];
  const parsed = z.array(z.object({ filename: z.string() }).passthrough()).safeParse(JSON.parse(attachmentsJson));
  return parsed.success ? parsed.data.map((attachment) => attachment.filename) : [];
}
