/** CPU and memory of a process from /proc, for benchmarks. */
import { readFileSync } from 'node:fs';

const clockTicksPerSecond = 100;

/** CPU seconds used so far (user + system) by `pid`. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** Resident memory of `pid`, in bytes. */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Average CPU (percent of one core) of each pid over `durationMs`, and memory at the end. */
export async function measureUsage(
  pids: Record<string, number>,
  durationMs: number,
): Promise<Record<string, { cpuPercent: number; residentMegabytes: number }>> {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [
      name,
      {
        cpuPercent: ((cpuSeconds(pid) - (start[name] ?? 0)) / (durationMs / 1000)) * 100,
        residentMegabytes: residentBytes(pid) / 1024 / 1024,
      },
    ]),
  );
}

/** The `fraction` quantile of `values` (nearest rank). */
export function quantile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}
