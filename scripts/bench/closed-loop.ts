import { readFileSync } from 'node:fs';

/** What one closed-loop run measured. */
export interface LoopFigures {
  perSec: number;
  p50: number;
  p99: number;
  max: number;
  /** this process's CPU (user + system) per call, µs */
  cpuUsPerCall: number;
  /** the kernel's share of cpuUsPerCall (syscalls, loopback TCP), µs */
  systemUsPerCall: number;
  /** calls whose `call` resolved false */
  errors: number;
}

/**
 * `concurrency` workers, each with exactly one call in flight, until `total`
 * calls are done: the latency of a call includes its wait for the event loop,
 * so p50 ≈ concurrency × per-call cost once the process is CPU-bound (Little's law).
 */
export async function runClosedLoop(total: number, concurrency: number, call: (i: number) => Promise<boolean>): Promise<LoopFigures> {
  const latencies = new Float64Array(total);
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      const ok = await call(i);
      latencies[i] = performance.now() - start;
      if (!ok) errors++;
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort();
  const pct = (p: number) => latencies[Math.min(total - 1, Math.floor(p * total))]!;
  return {
    perSec: total / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    max: latencies[total - 1]!,
    cpuUsPerCall: (used.user + used.system) / total,
    systemUsPerCall: used.system / total,
    errors,
  };
}

/** USER_HZ on Linux (getconf CLK_TCK), 100 on every mainstream build. */
const CLOCK_TICKS_PER_SEC = 100;

/** user+system CPU of another process in µs, from /proc (NaN where there is no /proc). */
export function processCpuUs(pid: number | undefined): number {
  try {
    // fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC) * 1e6;
  } catch {
    return NaN;
  }
}

/** The round with the median p99, so one noisy neighbour neither makes nor breaks the figure. */
export function medianRound<T extends { p99: number }>(rounds: T[]): T {
  const sorted = [...rounds].sort((a, b) => a.p99 - b.p99);
  return sorted[Math.floor(sorted.length / 2)]!;
}
