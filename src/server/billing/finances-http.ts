/**
 * The co-op's finances over HTTP: members read them (JSON and CSV); the treasurer (operators)
 * adds the entries Plenary cannot see itself. A member of the co-op is, until governance keeps a
 * register: an operator, or a person of the co-op's own organisation or of any organisation that
 * subscribes or ever was invoiced.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FinanceEntrySchema, FinancesViewSchema } from '../../shared/finances-api.js';
import type { Session } from '../accounts/index.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import { billingFailureStatus } from './failures.js';
import type { CoopFinances } from './finances.js';
import { billingWords } from './words.js';

export interface FinancesHttpOptions {
  finances: CoopFinances;
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
  credit: { name: string; scale: number };
}

export const financesHttp: FastifyPluginAsyncZod<FinancesHttpOptions> = async (app, { finances, isOperator, credit }) => {
  /** The session of a member of the co-op, or undefined after replying 401 / 403. */
  const member = async (request: FastifyRequest, reply: FastifyReply): Promise<Session | undefined> => {
    const session = await request.actor.requireSession(reply);
    if (!session) return undefined;
    if (!isOperator(session.person) && !(await finances.isMember(session.person.id))) {
      sendFailure(reply, billingFailureStatus, failure('members_only', billingWords.phrase('finances_members_only')));
      return undefined;
    }
    return session;
  };

  app.get('/api/coop/finances', { schema: { response: { 200: FinancesViewSchema } } }, async (request, reply) => {
    if (!(await member(request, reply))) return reply;
    const report = await finances.report();
    return {
      months: report.months,
      lines: report.lines.map((line) => ({ ...line, moneyMinor: `${line.moneyMinor}`, creditMinor: `${line.creditMinor}` })),
      creditBalanceMinor: report.creditBalanceMinor === null ? null : `${report.creditBalanceMinor}`,
      currency: report.currency,
      credit,
    };
  });

  app.get('/api/coop/finances.csv', async (request, reply) => {
    if (!(await member(request, reply))) return reply;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="coop-finances.csv"')
      .header('cache-control', 'private, no-store')
      .send(await finances.csv(credit.scale));
  });

  app.post('/api/operator/finance-entries', { schema: { body: FinanceEntrySchema } }, async (request, reply) => {
    const session = await request.actor.requireSession(reply);
    if (!session) return reply;
    if (!isOperator(session.person))
      return sendFailure(reply, billingFailureStatus, failure('operator_only', billingWords.phrase('treasurers_only')));
    const entry = request.body;
    await finances.addEntry(session.person.id, { ...entry, moneyMinor: BigInt(entry.moneyMinor), creditMinor: BigInt(entry.creditMinor) });
    return reply.code(201).send({ recorded: true });
  });
};
