/**
 * "Your data": every person can export all data held about them (JSON or CSV) and delete their
 * account. Other domains contribute through `collectors` (export) and `erasers` (deletion), so
 * that this domain needs none of their internals.
 */

import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeleteAccountRequestSchema } from '../../shared/accounts-api.js';
import { sendFailure } from '../http/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Failure } from '../platform/outcome.js';
import type { AccountsService, Person } from './accounts-service.js';
import type { Authenticator } from './authenticator.js';
import { accountsFailureStatus } from './failures.js';
import { accountsPersonalTables } from './personal-data.js';

/** One section of the export: the tables whose rows about the person it carries, and how it gathers them. */
export interface YourDataSection {
  /** The tables it reads rows of (the data inventory's tables about a person must all be in some section). */
  tables: readonly string[];
  collect(person: Person): Promise<unknown>;
}

/** Every table an export with these sections carries rows of: the accounts domain's own `account` section's and theirs. */
export function exportedTables(sections: Readonly<Record<string, YourDataSection>>): string[] {
  return [...accountsPersonalTables, ...Object.values(sections).flatMap((section) => section.tables)];
}

export interface YourDataHttpOptions {
  accounts: AccountsService;
  authenticator: Authenticator;
  /** Sections of the export by name, each gathering what one domain holds about the person. */
  collectors: Record<string, YourDataSection>;
  /** Run in order before the person is anonymised; the first failure stops the deletion. */
  erasers: ((person: Person) => Promise<Failure | undefined>)[];
  /** The HTTP status of each code an eraser may return (the contributing domains' own records). */
  erasureFailureStatus: Readonly<Record<string, number>>;
  /** When the export is made (`exportedAtMs`). */
  clock: Clock;
}

/** Flattens nested data into `section, path, value` rows for CSV. */
export function flattenForCsv(section: string, value: unknown, path = ''): string[][] {
  if (value === null || typeof value !== 'object') return [[section, path, value === null || value === undefined ? '' : String(value)]];
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  if (entries.length === 0) return [[section, path, '']];
  return entries.flatMap(([key, item]) => flattenForCsv(section, item, path ? `${path}.${key}` : key));
}

export const yourDataHttp: FastifyPluginAsyncZod<YourDataHttpOptions> = async (app, options) => {
  app.get(
    '/api/account/export',
    { schema: { querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }) } },
    async (request, reply) => {
      const session = await request.actor.requireSession(reply);
      if (!session) return reply;
      const data: Record<string, unknown> = { account: await options.accounts.exportData(session.person.id) };
      for (const [name, section] of Object.entries(options.collectors)) data[name] = await section.collect(session.person);
      const date = new Date().toISOString().slice(0, 10);
      if (request.query.format === 'csv') {
        const rows = Object.entries(data).flatMap(([section, value]) => flattenForCsv(section, value));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="plenary-data-${date}.csv"`)
          .send(stringify(rows, { header: true, columns: ['section', 'field', 'value'] }));
      }
      return reply
        .header('content-disposition', `attachment; filename="plenary-data-${date}.json"`)
        .send({ exportedAtMs: options.clock.nowMs(), ...data });
    },
  );

  app.post('/api/account/delete', { schema: { body: DeleteAccountRequestSchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    const refused = await options.accounts.confirmPassword(session.person.id, request.body.password);
    // Signed in already: a wrong password here is forbidden (403), not a failed login (401).
    if (refused) return sendFailure(reply, { ...accountsFailureStatus, invalid_credentials: 403 }, refused);
    for (const erase of options.erasers) {
      const failed = await erase(session.person);
      if (failed) return sendFailure(reply, options.erasureFailureStatus, failed);
    }
    await options.accounts.anonymise(session.person.id);
    options.authenticator.clearCookie(reply);
    options.authenticator.clearDeviceCookie(reply);
    request.log.info({ personId: session.person.id }, 'account deleted');
    return reply.code(204).send();
  });
};
