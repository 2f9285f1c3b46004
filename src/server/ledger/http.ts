/**
 * The ledger's HTTP API under `/api/ledger/`, for administrators and trusted services. Every
 * request needs `Authorization: Bearer <LEDGER_API_TOKEN>`; without a configured token the API
 * refuses everything. Transfers answer 200 with one named result per transfer (TigerBeetle's
 * style); other refusals are `{ error: { code, message } }` with a stable code.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { limits } from '../../shared/limits.js';
import { bearerTokenGuard } from '../http/bearer.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Leases } from '../platform/leases.js';
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
  /** The clock the sweep runs on (the services' clock, so tests move time). Default the system clock. */
  clock?: Clock | undefined;
  /** With several instances on one database: the sweep runs on one at a time (`ledger-expiry`). */
  leases?: Leases | undefined;
}

/** The ledger's routes. Register it inside the app; it adds its own authentication hook. */
export const ledgerHttp: FastifyPluginAsyncZod<LedgerHttpOptions> = async (app, options) => {
  const { ledger } = options;
  app.addHook(
    'onRequest',
    bearerTokenGuard({ token: options.apiToken, disabledCode: 'ledger_api_disabled', name: 'ledger API', setting: 'LEDGER_API_TOKEN' }),
  );
  const intervalMs = options.expirySweepIntervalMs ?? limits.ledgerExpirySweepIntervalMs;
  if (intervalMs > 0) {
    const sweep = repeatEvery(
      intervalMs,
      () => ledger.expirePendingTransfers(),
      (error) => app.log.error({ err: error }, 'pending transfer expiry failed'),
      options.clock ?? systemClock,
      options.leases && { leases: options.leases, name: 'ledger-expiry' },
    );
    app.addHook('onClose', async () => sweep.stop());
  }

  await app.register(ledgerAccountRoutes, { ledger });
  await app.register(ledgerTransferRoutes, { ledger });
};
