/**
 * Logs carry no client IP address. Fastify's default `req` serializer writes `remoteAddress` and
 * `remotePort`; ours writes the method and path only, and redaction removes any address a log call
 * names (`ip`, `ips`, `remoteAddress`, `remotePort`, forwarding headers) at the top level or one
 * level down. Request logging is off in `app.ts`; this holds even if it is turned on.
 */
import type { FastifyRequest } from 'fastify';
import type { Logger, LoggerOptions } from 'pino';

/** The keys a client's address travels under, removed from every log line. */
const addressKeys = ['ip', 'ips', 'remoteAddress', 'remotePort'];

/** Paths pino removes from every line: each address key at the top level or one level down, and forwarding headers. */
export const clientAddressLogPaths: readonly string[] = [
  ...addressKeys,
  ...addressKeys.map((key) => `*.${key}`),
  ...['x-forwarded-for', 'x-real-ip', 'forwarded', 'cf-connecting-ip', 'true-client-ip'].flatMap((header) => [
    `headers["${header}"]`,
    `*.headers["${header}"]`,
  ]),
];

/** A request as logged: its method and path (no query string, no address, no headers). */
function requestWithoutAddress(request: FastifyRequest): { method: string; path: string } {
  return { method: request.method, path: (request.url ?? '').split('?')[0] ?? '' };
}

/** pino options for a root logger whose lines carry no client address (`main.ts`). */
export const privateLogOptions: Pick<LoggerOptions, 'serializers' | 'redact'> = {
  serializers: { req: requestWithoutAddress },
  redact: { paths: [...clientAddressLogPaths], remove: true },
};

/**
 * A child of `logger` with the same guarantees, for a logger made elsewhere (`app.ts` wraps the one
 * it is given, so every Fastify app logs without addresses whoever built its logger).
 */
export function withoutClientAddresses(logger: Logger): Logger {
  return logger.child({}, privateLogOptions);
}

const ipv4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g;
/** Full IPv6 (three colons or more) or compressed (`::`); times like 15:16:49 have two and are left alone. */
const ipv6 =
  /(?<![\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){3,7}|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?)(?![\w:])/gi;

/**
 * `text` with every IPv4 and IPv6 address replaced by `<address>`: for lines a child process
 * writes (Janus, coturn), which Plenary forwards to its own log and cannot give structure to.
 */
export function withoutAddressesInText(text: string): string {
  return text.replace(ipv4, '<address>').replace(ipv6, '<address>');
}
