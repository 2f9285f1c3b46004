import type { Clock } from './clock.js';

/**
 * Background work that repeats: every `intervalMs` on `clock` (the services' clock, so that tests
 * move time instead of sleeping), unless the previous round is still running. On the system clock
 * the timer does not keep the process alive; `stop()` ends it.
 */
export function repeatEvery(
  intervalMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
  clock: Clock,
): { stop(): void } {
  let running = false;
  const scheduled = clock.setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  return { stop: () => scheduled.cancel() };
}
