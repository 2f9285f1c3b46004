import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountLimits } from '../../shared/limits.js';
import { ManualClock } from '../platform/clock.js';
import { bothEngines, openTestStorage, type TestStorage } from '../storage/testing.js';
import { Mailer } from './mailer.js';
import { type EmailTables, emailMigrations } from './migrations.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

const logger = pino({ level: 'silent' });
const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;
const retentionDays = 7;

/** A local port nobody listens on: a delivery there is refused at once. */
async function refusingPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.each(bothEngines)('letters are kept only as long as they are needed (%s)', (engine) => {
  let storage: TestStorage;
  let clock: ManualClock;
  let mailer: Mailer | undefined;
  let sink: SmtpSink | undefined;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 2, 1, 9));
  });
  afterEach(async () => {
    await mailer?.close();
    await sink?.close();
    await storage.dispose();
    mailer = undefined;
    sink = undefined;
  });

  /** The outbox as `<subject> <sent or unsent> <failed attempts>`, oldest first. */
  const outbox = async () =>
    (await storage.db.withTables<EmailTables>().selectFrom('email_outbox').selectAll().orderBy('created_at_ms').execute()).map(
      (row) => `${row.subject} ${row.sent_at_ms === null ? 'unsent' : 'sent'} ${row.attempts}`,
    );
  /** The sweep's call: letters done with `retentionDays` before now go. */
  const forgetOld = () => (mailer as Mailer).forgetLettersBefore(clock.nowMs() - retentionDays * dayMs);

  it('deletes a letter the retention after it was sent, and keeps one sent since', async () => {
    storage = await openTestStorage(engine, emailMigrations);
    sink = await startSmtpSink();
    mailer = new Mailer({ storage, clock, logger, smtpUrl: sink.url, retryIntervalMs: 0 });
    const startMs = clock.nowMs();
    await mailer.send({ to: 'ada@example.org', subject: 'Old', text: 'https://plenary.example/verify?token=secret' });
    await expect.poll(outbox).toEqual(['Old sent 0']);
    clock.advance(3 * dayMs);
    await mailer.send({ to: 'ada@example.org', subject: 'New', text: 'Hello' });
    await expect.poll(outbox).toEqual(['Old sent 0', 'New sent 0']);

    // Six days after the first was sent: both stay.
    clock.advance(3 * dayMs);
    expect(await forgetOld()).toBe(0);
    clock.advance(startMs + retentionDays * dayMs + minuteMs - clock.nowMs());
    expect(await forgetOld()).toBe(1);
    expect(await outbox()).toEqual(['New sent 0']);
  });

  it('never deletes a letter still being retried, and deletes one refused after its last retry once the retention has passed', async () => {
    storage = await openTestStorage(engine, emailMigrations);
    mailer = new Mailer({ storage, clock, logger, smtpUrl: `smtp://127.0.0.1:${await refusingPort()}`, retryIntervalMs: 0 });
    const startMs = clock.nowMs();
    await mailer.send({ to: 'ada@example.org', subject: 'Refused', text: 'https://plenary.example/reset-password?token=secret' });
    await expect.poll(outbox).toEqual(['Refused unsent 1']);
    // Even a cut-off after it was written leaves it: a retry is due.
    expect(await mailer.forgetLettersBefore(clock.nowMs() + minuteMs)).toBe(0);
    for (const [index, delayMs] of accountLimits.mailRetryDelaysMs.entries()) {
      clock.advance(delayMs);
      expect(await mailer.forgetLettersBefore(clock.nowMs())).toBe(0);
      expect(await mailer.retryUnsent()).toBe(1);
      await expect.poll(outbox).toEqual([`Refused unsent ${index + 2}`]);
    }
    // Refused after the last retry: it will never go, and is kept out the retention.
    expect(await forgetOld()).toBe(0);
    clock.advance(startMs + retentionDays * dayMs + minuteMs - clock.nowMs());
    expect(await forgetOld()).toBe(1);
    expect(await outbox()).toEqual([]);
  });

  it('deletes a letter never sent for want of SMTP once the retention has passed, as one given up on', async () => {
    storage = await openTestStorage(engine, emailMigrations);
    mailer = new Mailer({ storage, clock, logger });
    await mailer.send({ to: 'ada@example.org', subject: 'Kept for the operator', text: 'Hello' });
    clock.advance(retentionDays * dayMs - minuteMs);
    expect(await forgetOld()).toBe(0);
    expect(await outbox()).toEqual(['Kept for the operator unsent 0']);
    clock.advance(2 * minuteMs);
    expect(await forgetOld()).toBe(1);
    expect(await outbox()).toEqual([]);
  });
});
