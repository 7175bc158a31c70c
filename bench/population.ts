// Who is in the bench database, and which of them the measurements look through. Shared by the seed
// (which makes them) and the measurements (which find them again by username).

export const POPULATION = {
  users: 2_000,
  teams: 40,
  customRoles: 40,
  grants: 10_000,
  expiredGrantShare: 0.3,
  sales: 1_000_000,
  /** 36 whole months of deals. */
  firstDay: "2023-11-01",
  lastDay: "2026-10-31",
  /** Owner rank r holds a share proportional to r^-s: with 2,000 owners the busiest gets about 5%. */
  zipfExponent: 0.78,
} as const;

/** Users by number (1-based): who plays which part. Rank in the Zipf draw is the user number. */
export const PARTS = {
  reps: { from: 1, to: 1_900 },
  /** One per team: manager n leads team (n - 1) mod 40. */
  managers: { from: 1_901, to: 1_940 },
  analysts: { from: 1_941, to: 1_980 },
  developers: { from: 1_981, to: 1_998 },
  admin: 1_999,
  /** A viewer with a custom role that reads and exports every sale. */
  exporter: 2_000,
} as const;

export function benchUsername(n: number): string {
  return `bench.u${String(n).padStart(4, "0")}`;
}

export function teamOf(n: number): string {
  return `team-${String((n - 1) % POPULATION.teams).padStart(2, "0")}`;
}

/** The manager of user n's team. */
export function managerOf(n: number): number {
  const { from } = PARTS.managers;
  return (
    from + ((((n - 1) % POPULATION.teams) - ((from - 1) % POPULATION.teams) + POPULATION.teams) % POPULATION.teams)
  );
}

/** The viewers each scope is measured through: the busiest rep, their team's manager (the busiest team), an analyst. */
export const SCOPE_VIEWERS = {
  own: benchUsername(1),
  team: benchUsername(managerOf(1)),
  all: benchUsername(PARTS.analysts.from),
} as const;
export type ScopeName = keyof typeof SCOPE_VIEWERS;
export const SCOPE_NAMES = Object.keys(SCOPE_VIEWERS) as ScopeName[];

export const EXPORTERS = {
  team: benchUsername(managerOf(1)),
  all: benchUsername(PARTS.exporter),
} as const;

export const BENCH_PASSWORD = "bench-password-not-secret";
