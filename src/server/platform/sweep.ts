import type { Clock } from './clock.js';
import type { Leases } from './leases.js';

/** A sweep that runs on one instance at a time: the holder of the lease `name` (see `Leases`). */
export interface SweepLease {
  leases: Leases;
  name: string;
}

/**
 * Background work that repeats: every `intervalMs` on `clock` (the services' clock, so that tests
 * move time instead of sleeping), unless the previous round is still running. On the system clock
 * the timer does not keep the process alive. `stop()` ends it and resolves once a round under way
 * has finished, so its owner can close what the round uses (the database) safely.
 *
 * With a `lease`, each round first takes or keeps it (for three intervals, renewed every interval
 * while a long round runs) and runs only where it is held: of several instances sharing a
 * database, one does the work, and another takes over within three intervals of its death.
 * `stop()` gives the lease back.
 */
export function repeatEvery(
  intervalMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
  clock: Clock,
  lease?: SweepLease,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const ttlMs = 3 * intervalMs;
  const round = lease
    ? async () => {
        if (!(await lease.leases.take(lease.name, ttlMs))) return;
        // A round that outlasts an interval keeps its lease, so no other instance starts the same work meanwhile.
        const renewal = clock.setInterval(() => {
          lease.leases.take(lease.name, ttlMs).catch(onError);
        }, intervalMs);
        try {
          await work();
        } finally {
          renewal.cancel();
        }
      }
    : work;
  const scheduled = clock.setInterval(() => {
    if (running) return;
    running = round()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  return {
    async stop() {
      scheduled.cancel();
      await running;
      await lease?.leases.release(lease.name).catch(onError);
    },
  };
}
