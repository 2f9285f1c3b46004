import { type Clock, systemClock } from './clock.js';

/**
 * Background work that repeats: every `intervalMs` on `clock` (default the system clock),
 * unless the previous round is still running. The timer does not keep the process alive;
 * `stop()` ends it.
 */
export function repeatEvery(
  intervalMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
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
