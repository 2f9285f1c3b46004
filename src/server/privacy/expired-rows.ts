/**
 * Data is kept only as long as it is needed (issue 18): rows that stopped working — expired
 * sessions, used or expired one-time links, finished invitations, sent letters — are deleted by the
 * privacy sweep, which asks each owning domain, through its index, to forget its own as of now on
 * the services' clock. Each domain knows its keeping times (`retentionLimits`, or a setting such as
 * `PRIVACY_SENT_MAIL_RETENTION_DAYS`).
 */
import type { Logger } from 'pino';
import { limits } from '../../shared/limits.js';
import type { Clock } from '../platform/clock.js';
import type { Leases } from '../platform/leases.js';
import { repeatEvery } from '../platform/sweep.js';

/** One domain's rows the sweep deletes. */
export interface ExpiredRowsForgetter {
  /** What it deletes, for the log (`sessions and one-time links`). */
  rows: string;
  /** Deletes the rows past their keeping time at `nowMs`; resolves to how many went. */
  forget(nowMs: number): Promise<number>;
}

/** What the sweep needs: the clock and each domain's forgetter. */
export interface ExpiredRowsOptions {
  clock: Clock;
  forgetters: readonly ExpiredRowsForgetter[];
  /** With several instances on one database: the sweep runs on one at a time (`privacy-sweep`). */
  leases?: Leases | undefined;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * `forgetBefore` as a forgetter of rows kept `days`: called with the cut-off `days` before now
 * (rows at or before it go).
 */
export function keptForDays(days: number, forgetBefore: (beforeMs: number) => Promise<number>): (nowMs: number) => Promise<number> {
  return (nowMs) => forgetBefore(nowMs - days * dayMs);
}

/**
 * Runs every forgetter once at the clock's now; resolves to the rows each deleted, by `rows`. One
 * that fails does not stop the others: they all run, then the failures are thrown together.
 */
export async function forgetExpiredRows(options: ExpiredRowsOptions): Promise<Record<string, number>> {
  const nowMs = options.clock.nowMs();
  const deleted: Record<string, number> = {};
  const failures: unknown[] = [];
  for (const forgetter of options.forgetters) {
    try {
      deleted[forgetter.rows] = await forgetter.forget(nowMs);
    } catch (error) {
      failures.push(new Error(`forgetting ${forgetter.rows} failed`, { cause: error }));
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'deleting rows past their keeping time failed');
  return deleted;
}

/**
 * The sweep: `forgetExpiredRows` every `limits.privacySweepIntervalMs` (an hour) on the clock,
 * logging what went. `stop()` ends it once a round under way has finished.
 */
export function startExpiredRowsSweep(options: ExpiredRowsOptions & { logger: Logger }): { stop(): Promise<void> } {
  return repeatEvery(
    limits.privacySweepIntervalMs,
    async () => {
      const deleted = await forgetExpiredRows(options);
      const went = Object.fromEntries(Object.entries(deleted).filter(([, count]) => count > 0));
      if (Object.keys(went).length > 0) options.logger.info({ deleted: went }, 'rows past their keeping time deleted');
    },
    (error) => options.logger.error({ err: error }, 'deleting rows past their keeping time failed'),
    options.clock,
    options.leases && { leases: options.leases, name: 'privacy-sweep' },
  );
}
