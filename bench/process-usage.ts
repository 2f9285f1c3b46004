/** CPU and memory of a process from /proc, for benchmarks. */
import { cpuSeconds, residentBytes } from '../src/server/platform/process-cpu.js';

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
