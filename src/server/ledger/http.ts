/**
 * The ledger's HTTP API under `/api/ledger/`, for administrators and trusted services. Every
 * request needs `Authorization: Bearer <LEDGER_API_TOKEN>`; without a configured token the API
 * refuses everything. Transfers answer 200 with one named result per transfer (TigerBeetle's
 * style); other refusals are `{ error: { code, message } }` with a stable code.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { limits } from '../../shared/limits.js';
import { sendError } from '../http/errors.js';
import { repeatEvery } from '../platform/sweep.js';
import { ledgerAccountRoutes } from './http-account-routes.js';
import { ledgerTransferRoutes } from './http-transfer-routes.js';
import type { Ledger } from './ledger.js';

/** Options of `ledgerHttp`. */
export interface LedgerHttpOptions {
  ledger: Ledger;
  /** The bearer token (config `LEDGER_API_TOKEN`); undefined disables the API (every request gets 403). */
  apiToken: string | undefined;
  /** Interval of the pending-transfer expiry sweep; 0 turns it off. Default `limits.ledgerExpirySweepIntervalMs`. */
  expirySweepIntervalMs?: number;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

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
    const sweep = repeatEvery(
      intervalMs,
      () => ledger.expirePendingTransfers(),
      (error) => app.log.error({ err: error }, 'pending transfer expiry failed'),
    );
    app.addHook('onClose', async () => sweep.stop());
  }

  await app.register(ledgerAccountRoutes, { ledger });
  await app.register(ledgerTransferRoutes, { ledger });
};
