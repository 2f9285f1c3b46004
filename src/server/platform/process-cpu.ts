/** CPU time and memory of a process, from Linux's `/proc` (the supervised Janus's, benchmarks' processes). */
import { readFileSync } from 'node:fs';

/** `/proc/<pid>/stat` counts in clock ticks of 1/100 s on Linux. */
const clockTicksPerSecond = 100;

/** CPU seconds used so far (user + system) by `pid`; throws when there is no such process. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** Resident memory of `pid`, in bytes. */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * The CPU a process used between one reading and the next, as a share of one core (1 = a whole
 * core; more on several). `pid` is asked at each reading, so a restarted process is followed;
 * the first reading of a process (and one that cannot be read) is `undefined`.
 */
export class ProcessCpuMeter {
  private last: { pid: number; seconds: number; atMs: number } | undefined;

  constructor(
    private readonly pid: () => number | undefined,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  read(): number | undefined {
    const pid = this.pid();
    let seconds: number | undefined;
    try {
      seconds = pid === undefined ? undefined : cpuSeconds(pid);
    } catch {
      seconds = undefined;
    }
    if (pid === undefined || seconds === undefined) {
      this.last = undefined;
      return undefined;
    }
    const atMs = this.nowMs();
    const before = this.last;
    this.last = { pid, seconds, atMs };
    if (!before || before.pid !== pid || atMs <= before.atMs) return undefined;
    return Math.max(0, (seconds - before.seconds) / ((atMs - before.atMs) / 1000));
  }
}
