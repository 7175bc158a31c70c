// Writes bench/RESULTS.md from the latest results and, when present, the "before" baseline.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { DataFacts } from "./facts";
import { formatRounds, formatTarget, formatValue } from "./format";
import { CHANGES, MISS_NOTES, SECTION_NOTES } from "./notes";
import type { Section } from "./options";
import type { Results } from "./results";
import { floorRatio, meets, type Figure } from "./stats";

export const REPORT_FILE = path.join(process.cwd(), "bench", "RESULTS.md");

const SECTION_TITLES: Record<Section, string> = {
  resolve: "Effective permission resolution",
  can: "can() after resolution, against node-casbin",
  sql: "Scoped sales list and overview (SQL, one client)",
  keyset: "Deep pages: by number against by keyset cursor (SQL, one client)",
  pooler: "Through a transaction pooler (PgBouncer) against direct connections",
  replica: "From a streaming read replica against the primary",
  rls: "The cost of row level security (SQL)",
  export: "CSV export",
  http: "Full HTTP: 16 concurrent clients against `next start`",
  pages: "Where a page's time goes: CPU per request, layer by layer",
  whatif: "What-if preview of a role change",
};

function verdict(figure: Figure): string {
  if (!figure.target) return "";
  return meets(figure.median, figure.target) ? "✅" : "❌";
}

/** "3.2× of 1.10 ms": the figure over its floor, and the floor itself. */
function floorCell(figure: Figure, all: Map<string, Figure>): string {
  const floor = figure.floor ? all.get(figure.floor) : undefined;
  if (!floor) return "";
  const ratio = floorRatio(figure.median, floor.median, figure.unit);
  return `${formatValue(ratio, "×")} of ${formatValue(floor.median, floor.unit)}`;
}

function table(figures: Figure[], baseline: Map<string, Figure>, all: Map<string, Figure>): string {
  const withBefore = figures.some((f) => baseline.has(f.id));
  const withFloor = figures.some((f) => f.floor);
  const head = [
    "figure",
    "median",
    ...(withFloor ? ["÷ floor"] : []),
    "target",
    "",
    ...(withBefore ? ["before"] : []),
    "rounds",
    "checked",
  ];
  const align = [
    "---",
    "---:",
    ...(withFloor ? ["---:"] : []),
    "---:",
    ":-:",
    ...(withBefore ? ["---:"] : []),
    "---",
    "---",
  ];
  const rows = figures.map((f) => {
    const before = baseline.get(f.id);
    const cells = [
      f.label,
      `**${formatValue(f.median, f.unit)}**`,
      ...(withFloor ? [floorCell(f, all)] : []),
      formatTarget(f),
      verdict(f),
      ...(withBefore ? [before ? formatValue(before.median, before.unit) : ""] : []),
      formatRounds(f),
      f.detail ?? "",
    ];
    return `| ${cells.join(" | ")} |`;
  });
  return [`| ${head.join(" | ")} |`, `| ${align.join(" | ")} |`, ...rows].join("\n");
}

function dataLine(facts: DataFacts): string {
  const n = (value: number) => value.toLocaleString("en");
  return (
    `${n(facts.users)} users in ${n(facts.teams)} teams, ${n(facts.customRoles)} custom roles ` +
    `(${n(facts.roleAssignments)} assignments), ${n(facts.grants)} direct grants (${n(facts.expiredGrants)} expired), ` +
    `${n(facts.sales)} sales over ${facts.months} months (${n(facts.salesTableMb)} MB with indexes). Owners are Zipf-skewed: ` +
    `the busiest rep holds ${n(facts.busiestOwnerRows)} rows (${((facts.busiestOwnerRows / facts.sales) * 100).toFixed(1)}%), ` +
    `the busiest team ${n(facts.busiestTeamRows)}. Sales are inserted in closing-date order, as deals arrive in production ` +
    '(the "before" run loaded them owner by owner, which scattered every date-ordered read across the table).'
  );
}

export function renderReport(results: Results, facts: DataFacts, baseline: Results | null, command: string): string {
  const before = new Map((baseline?.figures ?? []).map((f) => [f.id, f]));
  const all = new Map(results.figures.map((f) => [f.id, f]));
  const { machine } = results;
  const misses = results.figures.filter((f) => f.target && !meets(f.median, f.target));
  const sections = (Object.keys(SECTION_TITLES) as Section[]).filter((s) =>
    results.figures.some((f) => f.section === s),
  );
  const lines = [
    "# Benchmarks",
    "",
    `Last written by \`${command}\`; a section that run left out keeps its figures from the run it names ` +
      `("Measured …"). Every figure is the **median over ${Math.min(...results.figures.map((f) => f.rounds.length))}+ rounds** ` +
      "(each round's value is listed), next to its target: ✅ met, ❌ missed (every miss is explained under " +
      "[Missed targets](#missed-targets)). Every measured call is first checked against a row count computed " +
      "independently (a plain count, as the database owner, over an explicit owner list), so nothing here is " +
      "fast because it dropped or leaked rows; a wrong count stops the run." +
      (baseline
        ? ` The **before** column is the run of ${baseline.machine.date.slice(0, 10)} on the code before the changes below.`
        : ""),
    "",
    "## Machine",
    "",
    "| cores | CPU | memory | Node | PostgreSQL | load average at start | date |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    `| ${machine.cores} | ${machine.cpu} | ${machine.memoryGb} GB | ${machine.node} | ${machine.postgres} | ${machine.loadAverage} | ${machine.date} |`,
    "",
    "PostgreSQL and the app share the machine, as do other jobs at times: the load average above says how busy it was.",
    "",
    "## Data",
    "",
    dataLine(facts),
    "",
  ];
  for (const section of sections) {
    lines.push(`## ${SECTION_TITLES[section]}`, "");
    const note = SECTION_NOTES[section];
    if (note) lines.push(note, "");
    const measuredAt = results.measuredAt[section];
    if (measuredAt && measuredAt !== machine.date) lines.push(`_Measured ${measuredAt}._`, "");
    lines.push(
      table(
        results.figures.filter((f) => f.section === section),
        before,
        all,
      ),
      "",
    );
  }
  lines.push("## Missed targets", "");
  if (misses.length === 0) lines.push("None.", "");
  for (const miss of misses) {
    lines.push(
      `- **${miss.label}** (${formatValue(miss.median, miss.unit)}, target ${formatTarget(miss)}): ${MISS_NOTES[miss.id] ?? "not explained yet."}`,
    );
  }
  lines.push("", "## What was changed to make it fast", "", ...CHANGES, "");
  return lines.join("\n");
}

export function writeReport(results: Results, facts: DataFacts, baseline: Results | null, command: string): void {
  writeFileSync(REPORT_FILE, renderReport(results, facts, baseline, command));
}
