/** HTTP routes of currencies and accounts: create, read, change limits and state, statements. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendError } from '../http/errors.js';
import { type AccountFailureCode, LimitsChangeSchema, NewAccountSchema, NewCurrencySchema, StateChangeSchema } from './accounts.js';
import {
  AccountChangeJsonSchema,
  AccountJsonSchema,
  accountChangeView,
  accountView,
  CurrencyJsonSchema,
  currencyView,
  StatementJsonSchema,
  StatementQuerySchema,
  statementView,
} from './http-schemas.js';
import type { Ledger } from './ledger.js';
import { ledgerOpenApi } from './openapi.js';
import { AccountIdSchema } from './types.js';
import { ledgerWords } from './words.js';

const accountFailureStatus: Record<AccountFailureCode, number> = {
  exists_with_different_fields: 409,
  currency_not_found: 404,
  account_not_found: 404,
  account_closed: 409,
  lower_limit_must_not_be_positive: 422,
  upper_limit_must_not_be_negative: 422,
  balance_outside_new_limits: 409,
  account_must_be_settled_to_close: 409,
};

/** Sends a refused currency or account operation with its stable code and its sentence (`words.ts`) in the request's language. */
export function sendAccountFailure(reply: FastifyReply, code: AccountFailureCode): FastifyReply {
  return sendError(reply, accountFailureStatus[code], code, ledgerWords.phrase(code));
}

const AccountParamsSchema = z.object({ accountId: AccountIdSchema });

/** Currencies, accounts, statements and the OpenAPI description. */
export const ledgerAccountRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  app.get('/api/ledger/openapi.json', async () => ledgerOpenApi());

  app.post(
    '/api/ledger/currencies',
    { schema: { body: NewCurrencySchema, response: { 200: CurrencyJsonSchema, 201: CurrencyJsonSchema } } },
    async (request, reply) => {
      const outcome = await ledger.createCurrency(request.body);
      if (outcome.result !== 'ok') return sendAccountFailure(reply, outcome.result);
      return reply.code(outcome.replayed ? 200 : 201).send(currencyView(outcome.value));
    },
  );

  app.get('/api/ledger/currencies', { schema: { response: { 200: z.object({ currencies: z.array(CurrencyJsonSchema) }) } } }, async () => ({
    currencies: (await ledger.listCurrencies()).map(currencyView),
  }));

  app.post(
    '/api/ledger/accounts',
    { schema: { body: NewAccountSchema, response: { 200: AccountJsonSchema, 201: AccountJsonSchema } } },
    async (request, reply) => {
      const outcome = await ledger.createAccount(request.body);
      if (outcome.result !== 'ok') return sendAccountFailure(reply, outcome.result);
      return reply.code(outcome.replayed ? 200 : 201).send(accountView(outcome.value));
    },
  );

  app.get(
    '/api/ledger/accounts/:accountId',
    { schema: { params: AccountParamsSchema, response: { 200: AccountJsonSchema } } },
    async (request, reply) => {
      const account = await ledger.findAccount(request.params.accountId);
      return account ? accountView(account) : sendAccountFailure(reply, 'account_not_found');
    },
  );

  app.put(
    '/api/ledger/accounts/:accountId/limits',
    { schema: { params: AccountParamsSchema, body: LimitsChangeSchema, response: { 200: AccountJsonSchema } } },
    async (request, reply) => {
      const outcome = await ledger.changeAccountLimits(request.params.accountId, request.body);
      return outcome.result === 'ok' ? accountView(outcome.value) : sendAccountFailure(reply, outcome.result);
    },
  );

  app.put(
    '/api/ledger/accounts/:accountId/state',
    { schema: { params: AccountParamsSchema, body: StateChangeSchema, response: { 200: AccountJsonSchema } } },
    async (request, reply) => {
      const outcome = await ledger.changeAccountState(request.params.accountId, request.body);
      return outcome.result === 'ok' ? accountView(outcome.value) : sendAccountFailure(reply, outcome.result);
    },
  );

  app.get(
    '/api/ledger/accounts/:accountId/changes',
    { schema: { params: AccountParamsSchema, response: { 200: z.object({ changes: z.array(AccountChangeJsonSchema) }) } } },
    async (request) => ({ changes: (await ledger.listAccountChanges(request.params.accountId)).map(accountChangeView) }),
  );

  app.get(
    '/api/ledger/accounts/:accountId/statement',
    { schema: { params: AccountParamsSchema, querystring: StatementQuerySchema, response: { 200: StatementJsonSchema } } },
    async (request, reply) => {
      const found = await ledger.statement(request.params.accountId, request.query);
      return found ? statementView(found) : sendAccountFailure(reply, 'account_not_found');
    },
  );

  app.get(
    '/api/ledger/accounts/:accountId/statement.csv',
    { schema: { params: AccountParamsSchema, querystring: StatementQuerySchema.pick({ fromMs: true, toMs: true }) } },
    async (request, reply) => {
      const csv = await ledger.statementCsv(request.params.accountId, request.query);
      if (csv === undefined) return sendAccountFailure(reply, 'account_not_found');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="statement-${request.params.accountId}.csv"`)
        .send(csv);
    },
  );
};
