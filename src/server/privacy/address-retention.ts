/**
 * Client addresses in the database live only `PRIVACY_ADDRESS_RETENTION_DAYS`: the privacy sweep
 * asks every domain that keeps one (today accounts' login-failure counts) to forget those older.
 */
import type { Logger } from 'pino';
import { limits } from '../../shared/limits.js';
import type { Clock } from '../platform/clock.js';
import { repeatEvery } from '../platform/sweep.js';

/** Deletes the addresses a domain last touched at or before `beforeMs`; resolves to how many rows went. */
export type AddressForgetter = (beforeMs: number) => Promise<number>;

/** What the sweep needs: the clock, the retention, and each domain's forgetter. */
export interface AddressRetentionOptions {
  clock: Clock;
  /** Days an address may be kept (config `PRIVACY_ADDRESS_RETENTION_DAYS`, default 7). */
  retentionDays: number;
  forgetters: readonly AddressForgetter[];
}

const dayMs = 24 * 60 * 60 * 1000;

/** Runs every forgetter once with the cut-off `retentionDays` before now; resolves to the rows deleted. */
export async function forgetOldAddresses(options: AddressRetentionOptions): Promise<number> {
  const beforeMs = options.clock.nowMs() - options.retentionDays * dayMs;
  let deleted = 0;
  for (const forget of options.forgetters) deleted += await forget(beforeMs);
  return deleted;
}

/**
 * The privacy sweep: `forgetOldAddresses` every `limits.privacySweepIntervalMs` (an hour) on the
 * clock. `stop()` ends it once a round under way has finished.
 */
export function startAddressRetention(options: AddressRetentionOptions & { logger: Logger }): { stop(): Promise<void> } {
  return repeatEvery(
    limits.privacySweepIntervalMs,
    async () => {
      const deleted = await forgetOldAddresses(options);
      if (deleted > 0)
        options.logger.info({ deleted, retentionDays: options.retentionDays }, 'client addresses past their retention deleted');
    },
    (error) => options.logger.error({ err: error }, 'deleting client addresses past their retention failed'),
    options.clock,
  );
}
