/**
 * The ledger's HTTP API under `/api/ledger/`, for administrators and trusted services. Every
 * request needs `Authorization: Bearer <LEDGER_API_TOKEN>`; without a configured token the API
 * refuses everything. Transfers answer 200 with one named result per transfer (TigerBeetle's
 * style); other refusals are `{ error: { code, message } }` with a stable code.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { limits } from '../../shared/limits.js';
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
  TransferLookupJsonSchema,
  TransferResultsJsonSchema,
  TrialBalanceJsonSchema,
  transferLookupView,
  transferResultView,
  trialBalanceView,
  VerificationJsonSchema,
} from './http-schemas.js';
import type { Ledger } from './ledger.js';
import { ledgerOpenApi } from './openapi.js';
import { AccountIdSchema, CurrencyCodeSchema, TransferBatchSchema, TransferIdSchema } from './types.js';

/** Options of `ledgerHttp`. */
export interface LedgerHttpOptions {
  ledger: Ledger;
  /** The bearer token (config `LEDGER_API_TOKEN`); undefined disables the API (every request gets 403). */
  apiToken: string | undefined;
  /** Interval of the pending-transfer expiry sweep; 0 turns it off. Default `limits.ledgerExpirySweepIntervalMs`. */
  expirySweepIntervalMs?: number;
}

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

const accountFailureMessage: Record<AccountFailureCode, string> = {
  exists_with_different_fields: 'Something with this id already exists with different fields.',
  currency_not_found: 'There is no currency with this code.',
  account_not_found: 'There is no account with this id.',
  account_closed: 'This account is closed; it cannot change any more.',
  lower_limit_must_not_be_positive: 'The lower limit must be zero or negative: accounts start at zero.',
  upper_limit_must_not_be_negative: 'The upper limit must be zero or positive: accounts start at zero.',
  balance_outside_new_limits: 'The account balance, counting pending transfers, would fall outside the new limits.',
  account_must_be_settled_to_close: 'Only an account with a zero balance and no pending transfer can be closed.',
};

function sendAccountFailure(reply: FastifyReply, code: AccountFailureCode): FastifyReply {
  return sendError(reply, accountFailureStatus[code], code, accountFailureMessage[code]);
}

const digest = (token: string) => createHash('sha256').update(token).digest();
const AccountParamsSchema = z.object({ accountId: AccountIdSchema });

/** The ledger's routes. Register it inside the app; it adds its own authentication hook. */
export const ledgerHttp: FastifyPluginAsyncZod<LedgerHttpOptions> = async (app, options) => {
  const { ledger } = options;
  const expected = options.apiToken === undefined ? undefined : digest(options.apiToken);
  app.addHook('onRequest', async (request, reply) => {
    if (!expected) return sendError(reply, 403, 'ledger_api_disabled', 'The ledger API is turned off: no API token is configured.');
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      return sendError(reply, 401, 'authentication_required', 'Send the ledger API token as "Authorization: Bearer <token>".');
    }
    if (!timingSafeEqual(digest(match[1]), expected)) return sendError(reply, 403, 'invalid_api_token', 'This API token is not valid.');
  });
  const intervalMs = options.expirySweepIntervalMs ?? limits.ledgerExpirySweepIntervalMs;
  if (intervalMs > 0) {
    const timer = setInterval(() => {
      ledger.expirePendingTransfers().catch((error: unknown) => app.log.error({ err: error }, 'pending transfer expiry failed'));
    }, intervalMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

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

  app.post(
    '/api/ledger/transfers',
    { bodyLimit: limits.ledgerRequestBytesMax, schema: { body: TransferBatchSchema, response: { 200: TransferResultsJsonSchema } } },
    async (request) => {
      const results = await ledger.createTransfers(request.body.transfers, { linked: request.body.linked });
      return { results: results.map(transferResultView) };
    },
  );

  app.get(
    '/api/ledger/transfers/:transferId',
    { schema: { params: z.object({ transferId: TransferIdSchema }), response: { 200: TransferLookupJsonSchema } } },
    async (request, reply) => {
      const found = await ledger.findTransfer(request.params.transferId);
      return found ? transferLookupView(found) : sendError(reply, 404, 'transfer_not_found', 'There is no transfer with this id.');
    },
  );

  app.post('/api/ledger/pending-transfers/expire', { schema: { response: { 200: z.object({ expired: z.number() }) } } }, async () => ({
    expired: await ledger.expirePendingTransfers(),
  }));

  app.get(
    '/api/ledger/currencies/:currency/trial-balance',
    { schema: { params: z.object({ currency: CurrencyCodeSchema }), response: { 200: TrialBalanceJsonSchema } } },
    async (request) => trialBalanceView(await ledger.trialBalance(request.params.currency)),
  );

  app.get('/api/ledger/verification', { schema: { response: { 200: VerificationJsonSchema } } }, async () => ledger.verify());
};
