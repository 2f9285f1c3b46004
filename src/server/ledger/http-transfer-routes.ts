/** HTTP routes of transfers, expiry, trial balance and verification. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LedgerLookupFailureCode } from '../../shared/failure-codes.js';
import { limits } from '../../shared/limits.js';
import { sendError } from '../http/errors.js';
import {
  TransferLookupJsonSchema,
  TransferResultsJsonSchema,
  TrialBalanceJsonSchema,
  transferLookupView,
  transferResultView,
  trialBalanceView,
  VerificationJsonSchema,
} from './http-schemas.js';
import type { Ledger } from './ledger.js';
import { CurrencyCodeSchema, TransferBatchSchema, TransferIdSchema } from './types.js';
import { ledgerWords } from './words.js';

/** The HTTP status of each lookup that finds nothing. */
const lookupFailureStatus: Readonly<Record<LedgerLookupFailureCode, number>> = { currency_not_found: 404, transfer_not_found: 404 };

/** Transfers (batches, lookups), the expiry sweep, the trial balance and the verifier. */
export const ledgerTransferRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
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
      return found
        ? transferLookupView(found)
        : sendError(reply, lookupFailureStatus.transfer_not_found, 'transfer_not_found', ledgerWords.phrase('transfer_not_found'));
    },
  );

  app.post('/api/ledger/pending-transfers/expire', { schema: { response: { 200: z.object({ expired: z.number() }) } } }, async () => ({
    expired: await ledger.expirePendingTransfers(),
  }));

  app.get(
    '/api/ledger/currencies/:currency/trial-balance',
    { schema: { params: z.object({ currency: CurrencyCodeSchema }), response: { 200: TrialBalanceJsonSchema } } },
    async (request, reply) => {
      const known = (await ledger.listCurrencies()).some((currency) => currency.code === request.params.currency);
      if (!known)
        return sendError(reply, lookupFailureStatus.currency_not_found, 'currency_not_found', ledgerWords.phrase('currency_not_found'));
      return trialBalanceView(await ledger.trialBalance(request.params.currency));
    },
  );

  app.get('/api/ledger/verification', { schema: { response: { 200: VerificationJsonSchema } } }, async () => ledger.verify());
};
