// The figures of the latest run (bench/results.json) and of the "before" run (bench/baseline.json).
// A run limited with --only keeps the other sections' figures from the previous run.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Machine } from "./machine";
import type { Section } from "./options";
import type { Figure } from "./stats";

export interface Results {
  machine: Machine;
  /** The command of the run that wrote these figures. */
  command?: string;
  /** When each section was last measured. */
  measuredAt: Partial<Record<Section, string>>;
  figures: Figure[];
}

export const RESULTS_FILE = path.join(process.cwd(), "bench", "results.json");
export const BASELINE_FILE = path.join(process.cwd(), "bench", "baseline.json");

export function readResults(file: string): Results | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Results) : null;
}

export function writeResults(file: string, results: Results): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function mergeResults(
  previous: Results | null,
  machine: Machine,
  sections: Section[],
  figures: Figure[],
  command: string,
): Results {
  const kept = (previous?.figures ?? []).filter((f) => !sections.includes(f.section));
  const measuredAt = { ...(previous?.measuredAt ?? {}) };
  for (const section of sections) measuredAt[section] = machine.date;
  return { machine, command, measuredAt, figures: [...kept, ...figures] };
}
