/**
 * The treasurer's routes (the co-op's operators): invoices across organisations, money recorded
 * by hand, bank statements imported (the file is the request body: CSV, or camt.053 XML), and the
 * statement lines no invoice matched, assigned or set aside by a person.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BankLineAssignmentSchema,
  BankLineIgnoreSchema,
  BankLineSchema,
  InvoiceNumberSchema,
  ManualPaymentSchema,
  PaymentOutcomeSchema,
  StatementImportSchema,
  TreasuryInvoiceSchema,
} from '../../shared/invoices-api.js';
import { limits } from '../../shared/limits.js';
import type { Session } from '../accounts/index.js';
import { sendFailure } from '../http/errors.js';
import { failure } from '../platform/outcome.js';
import { billingFailureStatus } from './failures.js';
import type { Treasury } from './treasury.js';
import { billingWords } from './words.js';

export interface TreasuryHttpOptions {
  treasury: Treasury;
  isOperator: (person: { email: string; emailVerified: boolean }) => boolean;
}

const statementTypes = ['text/csv', 'application/xml', 'text/xml', 'application/octet-stream'];

export const treasuryHttp: FastifyPluginAsyncZod<TreasuryHttpOptions> = async (app, { treasury, isOperator }) => {
  // A statement arrives as the request's body, read as bytes (the parser tells CSV from XML).
  app.addContentTypeParser(statementTypes, { parseAs: 'buffer', bodyLimit: limits.bankStatementBytesMax }, (_request, body, done) =>
    done(null, body),
  );

  /** The treasurer's session, or undefined after replying 401 / 403. */
  const treasurer = async (request: FastifyRequest, reply: FastifyReply): Promise<Session | undefined> => {
    const session = await request.actor.requireSession(reply);
    if (!session) return undefined;
    if (!isOperator(session.person)) {
      sendFailure(reply, billingFailureStatus, failure('operator_only', billingWords.phrase('treasurers_only')));
      return undefined;
    }
    return session;
  };

  app.get(
    '/api/operator/invoices',
    {
      schema: {
        querystring: z.object({ status: z.enum(['open', 'paid']).default('open') }).strict(),
        response: { 200: z.object({ invoices: z.array(TreasuryInvoiceSchema) }) },
      },
    },
    async (request, reply) => {
      if (!(await treasurer(request, reply))) return reply;
      const invoices = await treasury.invoices(request.query.status, 500);
      return {
        invoices: invoices.map((invoice) => ({
          ...invoice,
          grossMinor: `${invoice.grossMinor}`,
          dueMoneyMinor: `${invoice.dueMoneyMinor}`,
        })),
      };
    },
  );

  app.post(
    '/api/operator/invoices/:number/payments',
    { schema: { params: z.object({ number: InvoiceNumberSchema }), body: ManualPaymentSchema, response: { 200: PaymentOutcomeSchema } } },
    async (request, reply) => {
      const session = await treasurer(request, reply);
      if (!session) return reply;
      const { amountMinor, currency, note } = request.body;
      const result = await treasury.recordByHand(session.person.id, request.params.number, {
        amountMinor: BigInt(amountMinor),
        currency,
        note,
      });
      return result.ok
        ? { paid: result.value.paid, dueMoneyMinor: `${result.value.dueMoneyMinor}` }
        : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.post(
    '/api/operator/bank-statements',
    {
      bodyLimit: limits.bankStatementBytesMax,
      schema: { querystring: z.object({ name: z.string().max(200).optional() }).strict(), response: { 200: StatementImportSchema } },
    },
    async (request, reply) => {
      if (!(await treasurer(request, reply))) return reply;
      if (!Buffer.isBuffer(request.body) || request.body.byteLength === 0) {
        return sendFailure(reply, billingFailureStatus, failure('statement_malformed', billingWords.phrase('statement_missing')));
      }
      const result = await treasury.importStatement(request.body, request.query.name);
      return result.ok ? result.value : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.get(
    '/api/operator/bank-lines',
    { schema: { response: { 200: z.object({ lines: z.array(BankLineSchema) }) } } },
    async (request, reply) => {
      if (!(await treasurer(request, reply))) return reply;
      const lines = await treasury.unmatchedLines();
      return { lines: lines.map((line) => ({ ...line, amountMinor: `${line.amountMinor}` })) };
    },
  );

  app.post(
    '/api/operator/bank-lines/assign',
    { schema: { body: BankLineAssignmentSchema, response: { 200: PaymentOutcomeSchema } } },
    async (request, reply) => {
      const session = await treasurer(request, reply);
      if (!session) return reply;
      const result = await treasury.assignLine(session.person.id, request.body.bankLineId, request.body.invoiceNumber);
      return result.ok
        ? { paid: result.value.paid, dueMoneyMinor: `${result.value.dueMoneyMinor}` }
        : sendFailure(reply, billingFailureStatus, result);
    },
  );

  app.post('/api/operator/bank-lines/ignore', { schema: { body: BankLineIgnoreSchema } }, async (request, reply) => {
    if (!(await treasurer(request, reply))) return reply;
    const result = await treasury.ignoreLine(request.body.bankLineId);
    return result.ok ? reply.code(204).send() : sendFailure(reply, billingFailureStatus, result);
  });
};
