// Samples a process's memory while something runs: "memory flat" is measured, not assumed.
import { readFileSync } from "node:fs";

export interface MemoryTrace {
  /** MB at the start, the highest seen, and the growth between them. */
  startMb: number;
  peakMb: number;
  growthMb: number;
  samples: number;
}

const MB = 1024 * 1024;

/** Resident set size of another process, from /proc (Linux). */
export function rssOfProcess(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? (Number(match[1]) * 1024) / MB : Number.NaN;
}

export async function traceMemory<T>(
  read: () => number,
  fn: () => Promise<T>,
  everyMs = 20,
): Promise<[T, MemoryTrace]> {
  const startMb = read();
  let peakMb = startMb;
  let samples = 1;
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, read());
    samples++;
  }, everyMs);
  try {
    const result = await fn();
    peakMb = Math.max(peakMb, read());
    return [result, { startMb, peakMb, growthMb: peakMb - startMb, samples: samples + 1 }];
  } finally {
    clearInterval(timer);
  }
}

export const ownRssMb = () => process.memoryUsage().rss / MB;
export const ownHeapMb = () => process.memoryUsage().heapUsed / MB;

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident set size of a process and all its descendants (a server may fork workers). */
export function rssOfTree(pid: number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    try {
      total += rssOfProcess(next);
    } catch {
      continue;
    }
    pending.push(...childrenOf(next));
  }
  return total;
}
