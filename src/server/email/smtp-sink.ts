/**
 * Test helper: a real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps every
 * message it receives, parsed by `mailparser`, so tests read the mail Plenary really sent.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One received message. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The iCalendar part, when the message carries one. */
  calendar: string | undefined;
  /** The `method` parameter of the calendar part (REQUEST, CANCEL). */
  calendarMethod: string | undefined;
  raw: ParsedMail;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Waits until a message to `to` (and matching `subject`, when given) arrives; returns the newest such. */
  waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** The first `http…` link in a text that contains `pathPart`. */
export function linkIn(text: string, pathPart: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((candidate) => candidate.includes(pathPart));
  if (!link) throw new Error(`no link with ${pathPart} in:\n${text}`);
  return link;
}

/** Starts an SMTP sink on `port` (default: a free one). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const calendarPart = parsed.attachments.find(
            (attachment) => attachment.contentType === 'text/calendar' || attachment.filename?.endsWith('.ics'),
          );
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((address) =>
            address.value.map((entry) => entry.address ?? ''),
          );
          const calendar = calendarPart?.content.toString('utf8');
          messages.push({
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            calendar,
            calendarMethod: calendar ? /^METHOD:(\w+)/m.exec(calendar)?.[1] : undefined,
            raw: parsed,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address();
  const listening = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${listening}`,
    messages,
    async waitFor(to, subject, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.filter((message) => message.to.includes(to) && (!subject || subject.test(message.subject))).at(-1);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no mail to ${to}${subject ? ` matching ${subject}` : ''}; got: ${messages.map((message) => `${message.to} ${message.subject}`).join('; ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
