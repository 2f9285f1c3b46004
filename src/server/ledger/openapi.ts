/**
 * The OpenAPI 3.1 description of the ledger's HTTP API, generated from the same zod schemas the
 * routes validate with, so the two cannot drift apart.
 */
import { z } from 'zod';
import { LimitsChangeSchema, NewAccountSchema, NewCurrencySchema, StateChangeSchema } from './accounts.js';
import {
  AccountChangeJsonSchema,
  AccountJsonSchema,
  CurrencyJsonSchema,
  StatementJsonSchema,
  StatementQuerySchema,
  TransferLookupJsonSchema,
  TransferResultsJsonSchema,
  TrialBalanceJsonSchema,
  VerificationJsonSchema,
} from './http-schemas.js';
import { TransferBatchSchema } from './types.js';

const ErrorJsonSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const json = (schema: z.ZodType, io: 'input' | 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) },
});

interface Operation {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  responseType?: string;
}

function operation(spec: Operation, pathParameters: string[]) {
  const queryShape = spec.query ? Object.keys(spec.query.shape) : [];
  return {
    summary: spec.summary,
    parameters: [
      ...pathParameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...queryShape.map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
    ],
    ...(spec.body ? { requestBody: { required: true, content: json(spec.body, 'input') } } : {}),
    responses: {
      '200': {
        description: 'Success',
        content: spec.responseType
          ? { [spec.responseType]: { schema: { type: 'string' } } }
          : spec.response
            ? json(spec.response, 'output')
            : undefined,
      },
      '4XX': { description: 'Refused, with a stable error code', content: json(ErrorJsonSchema, 'output') },
    },
  };
}

const routes: Record<string, Record<string, Operation>> = {
  '/api/ledger/currencies': {
    post: {
      summary: 'Create a currency (idempotent by code; 201 new, 200 existing)',
      body: NewCurrencySchema,
      response: CurrencyJsonSchema,
    },
    get: { summary: 'List currencies', response: z.object({ currencies: z.array(CurrencyJsonSchema) }) },
  },
  '/api/ledger/currencies/{currency}/trial-balance': {
    get: { summary: 'Trial balance of a currency: every account and the totals', response: TrialBalanceJsonSchema },
  },
  '/api/ledger/accounts': {
    post: {
      summary: 'Open an account at zero (idempotent by id; 201 new, 200 existing)',
      body: NewAccountSchema,
      response: AccountJsonSchema,
    },
  },
  '/api/ledger/accounts/{accountId}': { get: { summary: 'An account and its balances', response: AccountJsonSchema } },
  '/api/ledger/accounts/{accountId}/limits': {
    put: { summary: 'Change the limits of an account (recorded with who and why)', body: LimitsChangeSchema, response: AccountJsonSchema },
  },
  '/api/ledger/accounts/{accountId}/state': {
    put: {
      summary: 'Freeze, unfreeze or close an account (recorded with who and why)',
      body: StateChangeSchema,
      response: AccountJsonSchema,
    },
  },
  '/api/ledger/accounts/{accountId}/changes': {
    get: { summary: 'Recorded limit and state changes of an account', response: z.object({ changes: z.array(AccountChangeJsonSchema) }) },
  },
  '/api/ledger/accounts/{accountId}/statement': {
    get: { summary: 'A page of the statement of an account over a period', query: StatementQuerySchema, response: StatementJsonSchema },
  },
  '/api/ledger/accounts/{accountId}/statement.csv': {
    get: {
      summary: 'The statement of an account over a period, as CSV',
      query: StatementQuerySchema.pick({ fromMs: true, toMs: true }),
      responseType: 'text/csv',
    },
  },
  '/api/ledger/transfers': {
    post: {
      summary: 'Apply a batch of transfers; one named result per transfer, in order',
      body: TransferBatchSchema,
      response: TransferResultsJsonSchema,
    },
  },
  '/api/ledger/transfers/{transferId}': { get: { summary: 'A transfer and, if pending, its state', response: TransferLookupJsonSchema } },
  '/api/ledger/pending-transfers/expire': {
    post: { summary: 'Expire pending transfers past their deadline now', response: z.object({ expired: z.number() }) },
  },
  '/api/ledger/verification': {
    get: { summary: 'Verify the hash chain and every invariant from scratch', response: VerificationJsonSchema },
  },
  '/api/ledger/openapi.json': { get: { summary: 'This description' } },
};

let cached: Record<string, unknown> | undefined;

/** The OpenAPI document (built once). */
export function ledgerOpenApi(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(routes)) {
    const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
    paths[path] = Object.fromEntries(Object.entries(methods).map(([method, spec]) => [method, operation(spec, pathParameters)]));
  }
  cached = {
    openapi: '3.0.3',
    info: {
      title: 'Plenary mutual-credit ledger',
      version: '1',
      description: 'Amounts are strings of digits in minor units. Authenticate with "Authorization: Bearer <LEDGER_API_TOKEN>".',
    },
    components: { securitySchemes: { apiToken: { type: 'http', scheme: 'bearer' } } },
    security: [{ apiToken: [] }],
    paths,
  };
  return cached;
}
