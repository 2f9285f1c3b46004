import { createServer, type Socket } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { openTestStorage, type TestStorage } from '../storage/testing.js';
import { Mailer } from './mailer.js';
import { type EmailTables, emailMigrations } from './migrations.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

const logger = pino({ level: 'silent' });
const message = { to: 'ada@example.org', subject: 'You were paid', text: 'Hello' };

describe('the mailer', () => {
  let storage: TestStorage | undefined;
  afterEach(async () => {
    await storage?.dispose();
  });

  it('delivers over SMTP after send() returns, and marks the message sent', async () => {
    storage = await openTestStorage('sqlite', emailMigrations);
    const sink = await startSmtpSink();
    const mailer = new Mailer({ storage, clock: new ManualClock(), logger, smtpUrl: sink.url });
    try {
      await mailer.send(message);
      await mailer.send({ ...message, subject: 'And again' });
      expect((await sink.waitFor('ada@example.org', /You were paid/)).text).toContain('Hello');
      await sink.waitFor('ada@example.org', /And again/);
      await expect.poll(async () => (await mailer.listOutbox(10)).map((entry) => entry.sentAtMs !== null)).toEqual([true, true]);
    } finally {
      await mailer.close();
      await sink.close();
    }
  });

  it('does not hold up the caller while the mail server is silent, and keeps the message when it fails', async () => {
    storage = await openTestStorage('sqlite', emailMigrations);
    // A "mail server" that accepts connections and never says a word.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const mailer = new Mailer({ storage, clock: new ManualClock(), logger, smtpUrl: `smtp://127.0.0.1:${port}` });
    try {
      await mailer.send(message);
      // send() has returned, yet the server has not even greeted: the message waits in the outbox.
      expect(await mailer.listOutbox(10)).toEqual([expect.objectContaining({ to: 'ada@example.org', sentAtMs: null })]);
      await expect.poll(() => sockets.length).toBeGreaterThan(0);
    } finally {
      // The server goes away: the delivery fails (no retry can connect), and close() ends.
      silent.close();
      for (const socket of sockets) socket.destroy();
      await mailer.close();
    }
    expect(await mailer.listOutbox(10)).toEqual([expect.objectContaining({ sentAtMs: null })]);
  });

  it('retries a message the mail server refused later, with the calendar part, until it is taken', async () => {
    storage = await openTestStorage('sqlite', emailMigrations);
    // A port nobody listens on yet: the first attempt is refused at once.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const clock = new ManualClock();
    const mailer = new Mailer({ storage, clock, logger, smtpUrl: `smtp://127.0.0.1:${port}`, retryIntervalMs: 0 });
    const calendar = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    let sink: SmtpSink | undefined;
    try {
      await mailer.send({ ...message, subject: 'Invitation', calendar: { method: 'REQUEST', content: calendar } });
      const outbox = () => storage?.db.withTables<EmailTables>().selectFrom('email_outbox').selectAll().executeTakeFirst();
      await expect.poll(async () => (await outbox())?.attempts).toBe(1);
      // Not due yet: nothing is retried before its delay.
      expect(await mailer.retryUnsent()).toBe(0);
      sink = await startSmtpSink(port);
      clock.advance(60_000);
      expect(await mailer.retryUnsent()).toBe(1);
      expect(await mailer.retryUnsent()).toBe(0);
      const received = await sink.waitFor('ada@example.org', /Invitation/);
      expect(received.calendarMethod).toBe('REQUEST');
      await expect.poll(async () => (await mailer.listOutbox(10))[0]?.sentAtMs).not.toBeNull();
    } finally {
      await mailer.close();
      await sink?.close();
    }
  });
  it('retries on its own clock: moving the clock past the delay sends the message, no waiting', async () => {
    storage = await openTestStorage('sqlite', emailMigrations);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const clock = new ManualClock();
    // The default retry interval (a minute), on the manual clock.
    const mailer = new Mailer({ storage, clock, logger, smtpUrl: `smtp://127.0.0.1:${port}` });
    let sink: SmtpSink | undefined;
    try {
      await mailer.send({ ...message, subject: 'Retried by the sweep' });
      const attempts = async () =>
        (await storage?.db.withTables<EmailTables>().selectFrom('email_outbox').selectAll().executeTakeFirst())?.attempts;
      await expect.poll(attempts).toBe(1);
      sink = await startSmtpSink(port);
      clock.advance(60_000);
      expect((await sink.waitFor('ada@example.org', /Retried by the sweep/)).text).toContain('Hello');
      await expect.poll(async () => (await mailer.listOutbox(10))[0]?.sentAtMs).not.toBeNull();
    } finally {
      await mailer.close();
      await sink?.close();
    }
  });
});
