// Percentiles of one round, medians across rounds, and the Figure every measurement ends up as.
import type { Section } from "./options";

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The median of the finite values (a round that completed nothing records NaN). */
export function median(values: readonly number[]): number {
  return percentile(values.filter(Number.isFinite), 50);
}

export interface Target {
  op: "<=" | ">=";
  value: number;
}

export type Unit = "ms" | "µs" | "checks/s" | "×" | "rows/s" | "req/s" | "MB" | "round trips" | "rows";

export interface Figure {
  /** Stable key: the report's "before" column and its notes for misses are looked up by it. */
  id: string;
  section: Section;
  label: string;
  unit: Unit;
  /** One value per round. */
  rounds: number[];
  median: number;
  target?: Target;
  /** What the row-count check saw, or other context. */
  detail?: string;
  /** The id of the floor figure (same unit) this one is compared with in the report. */
  floor?: string;
}

export function figure(fields: Omit<Figure, "median" | "rounds"> & { rounds: readonly number[] }): Figure {
  return { ...fields, rounds: [...fields.rounds], median: median(fields.rounds) };
}

/**
 * How many times the floor's cost a figure is: its time over the floor's, or for a rate the
 * floor's rate over its own (so above 1 is always slower than the floor).
 */
export function floorRatio(value: number, floor: number, unit: Unit): number {
  const isRate = unit === "req/s" || unit === "rows/s" || unit === "checks/s";
  return isRate ? floor / value : value / floor;
}

export function meets(value: number, target: Target): boolean {
  return target.op === "<=" ? value <= target.value : value >= target.value;
}

/** Milliseconds per call of `fn`, after `warmup` untimed calls. */
export async function sampleLatencies(
  fn: (i: number) => Promise<unknown>,
  iterations: number,
  warmup = Math.ceil(iterations / 10),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export interface SamplingBudget {
  /** Stop after this many timed calls… */
  maxIterations: number;
  /** …or once this much time has passed, but not before this many calls… */
  budgetMs: number;
  minIterations: number;
  /** …unless the calls are so slow that even those take longer than this (then at least 3). */
  hardCapMs: number;
}

export const QUERY_BUDGET: SamplingBudget = {
  maxIterations: 200,
  budgetMs: 2_000,
  minIterations: 10,
  hardCapMs: 8_000,
};

/** Milliseconds per call of `fn`, as many calls as the budget allows, after up to three untimed ones. */
export async function sampleWithin(
  fn: (i: number) => Promise<unknown>,
  budget: SamplingBudget = QUERY_BUDGET,
): Promise<number[]> {
  const warmupStarted = performance.now();
  for (let i = 0; i < 3 && performance.now() - warmupStarted < 500; i++) await fn(i);
  const samples: number[] = [];
  const started = performance.now();
  const enough = () => {
    const elapsed = performance.now() - started;
    if (samples.length >= budget.maxIterations) return true;
    if (samples.length >= budget.minIterations) return elapsed >= budget.budgetMs;
    return samples.length >= 3 && elapsed >= budget.hardCapMs;
  };
  while (!enough()) {
    const callStarted = performance.now();
    await fn(samples.length);
    samples.push(performance.now() - callStarted);
  }
  return samples;
}

/** Runs `round` once per round and collects its named values: name → one value per round. */
export async function inRounds(
  rounds: number,
  round: (index: number) => Promise<Record<string, number>>,
): Promise<Record<string, number[]>> {
  const collected: Record<string, number[]> = {};
  for (let i = 0; i < rounds; i++) {
    for (const [name, value] of Object.entries(await round(i))) (collected[name] ??= []).push(value);
  }
  return collected;
}

/** A failed row-count check stops the run: a figure over the wrong rows means nothing. */
export function expectRows(what: string, actual: number, expected: number): string {
  if (actual !== expected) throw new Error(`${what}: got ${actual} rows, expected ${expected}`);
  return `${expected.toLocaleString("en")} rows ✓`;
}
