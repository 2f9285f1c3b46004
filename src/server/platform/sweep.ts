import type { Clock } from './clock.js';

/**
 * Background work that repeats: every `intervalMs` on `clock` (the services' clock, so that tests
 * move time instead of sleeping), unless the previous round is still running. On the system clock
 * the timer does not keep the process alive. `stop()` ends it and resolves once a round under way
 * has finished, so its owner can close what the round uses (the database) safely.
 */
export function repeatEvery(
  intervalMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
  clock: Clock,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const scheduled = clock.setInterval(() => {
    if (running) return;
    running = work()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  return {
    async stop() {
      scheduled.cancel();
      await running;
    },
  };
}
