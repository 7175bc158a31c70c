// Samples a process's memory while something runs: "memory flat" is measured, not assumed.
import { readFile } from "node:fs/promises";

export interface MemoryTrace {
  /** MB at the start, the highest seen, and the growth between them. */
  startMb: number;
  peakMb: number;
  growthMb: number;
  samples: number;
}

const MB = 1024 * 1024;

/** Resident set size of another process, from /proc (Linux). */
export async function rssOfProcess(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? (Number(match[1]) * 1024) / MB : Number.NaN;
}

/**
 * Samples `read` every `everyMs` while `fn` runs, one sample at a time. Reads of another process's
 * /proc files are asynchronous: read synchronously, every 20 ms, while the server streamed a large
 * response, they blocked this process's event loop for tens of milliseconds each and throttled the
 * download being measured to a tenth of its speed.
 */
export async function traceMemory<T>(
  read: () => number | Promise<number>,
  fn: () => Promise<T>,
  everyMs = 20,
): Promise<[T, MemoryTrace]> {
  const startMb = await read();
  let peakMb = startMb;
  let samples = 1;
  let running = true;
  const sampling = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      if (!running) return;
      peakMb = Math.max(peakMb, await read());
      samples++;
    }
  })();
  try {
    const result = await fn();
    running = false;
    await sampling;
    peakMb = Math.max(peakMb, await read());
    return [result, { startMb, peakMb, growthMb: peakMb - startMb, samples: samples + 1 }];
  } finally {
    running = false;
  }
}

export const ownRssMb = () => process.memoryUsage().rss / MB;
export const ownHeapMb = () => process.memoryUsage().heapUsed / MB;

async function childrenOf(pid: number): Promise<number[]> {
  try {
    return (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8")).split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident set size of a process and all its descendants (a server may fork workers). */
export async function rssOfTree(pid: number): Promise<number> {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    try {
      total += await rssOfProcess(next);
    } catch {
      continue;
    }
    pending.push(...(await childrenOf(next)));
  }
  return total;
}
