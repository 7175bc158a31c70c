// The command line of `npm run bench`: which sections run, how many rounds, whether to reseed.

export const SECTIONS = [
  "resolve",
  "can",
  "sql",
  "keyset",
  "pooler",
  "replica",
  "rls",
  "export",
  "http",
  "pages",
  "whatif",
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Keep the data already in the bench database (it must have been seeded by the bench). */
  skipSeed: boolean;
  /** Reuse the production build in .next-bench instead of building again. */
  skipBuild: boolean;
  /** Reset a database whose users were not all made by the bench. */
  force: boolean;
  /** Store this run's figures as the "before" column of the report. */
  saveBaseline: boolean;
  /** Measure nothing: rewrite bench/RESULTS.md from bench/results.json (after editing the notes). */
  reportOnly: boolean;
  sections: Section[];
  rounds: number;
}

function isSection(value: string): value is Section {
  return (SECTIONS as readonly string[]).includes(value);
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    skipSeed: false,
    skipBuild: false,
    force: false,
    saveBaseline: false,
    reportOnly: false,
    sections: [...SECTIONS],
    rounds: 3,
  };
  for (const arg of argv) {
    const [flag, value = ""] = arg.split("=", 2) as [string, string | undefined];
    if (flag === "--skip-seed") options.skipSeed = true;
    else if (flag === "--skip-build") options.skipBuild = true;
    else if (flag === "--force") options.force = true;
    else if (flag === "--save-baseline") options.saveBaseline = true;
    else if (flag === "--report-only") options.reportOnly = true;
    else if (flag === "--rounds") {
      const rounds = Number(value);
      if (!Number.isInteger(rounds) || rounds < 3) throw new Error("--rounds takes a whole number, at least 3");
      options.rounds = rounds;
    } else if (flag === "--only") {
      const wanted = value.split(",").filter(Boolean);
      const unknown = wanted.filter((name) => !isSection(name));
      if (wanted.length === 0 || unknown.length > 0)
        throw new Error(`--only takes a comma-separated list of: ${SECTIONS.join(", ")}`);
      options.sections = wanted.filter(isSection);
    } else throw new Error(`unknown option ${arg}`);
  }
  return options;
}
