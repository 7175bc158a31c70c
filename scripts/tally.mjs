#!/usr/bin/env node
// Prints the run's tally from the test runners' own JSON reports in test-results/ (vitest unit and
// integration, Playwright e2e) and the step log that scripts/test.sh and .ci/run keep there.
// The last line is `N passed, N failed[, N skipped]`, alone. Type check, lint, build and setup are
// not tests: they add nothing when they pass, but a failed step counts as one failure and is
// named, as does a runner that exits non-zero without a failure in its report; so the line never
// reads as success when something broke. Exits 1 when anything failed.
import fs from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const dir = process.env.TEST_RESULTS_DIR || "test-results";

const REPORTS = [
  { step: "unit", file: "unit.json", read: readVitest },
  { step: "integration", file: "integration.json", read: readVitest },
  { step: "e2e", file: "e2e.json", read: readPlaywright },
];

/**
 * A test file that fails before its tests run (an import error, a failing hook) fails no test in
 * the runner's counts; it is counted here as one failure.
 * @returns {{ passed: number, failed: number, skipped: number, flaky: number, broken: boolean, failures: string[] }}
 */
function readVitest(report) {
  const failures = [];
  let fileErrors = 0;
  for (const file of report.testResults ?? []) {
    const name = path.relative(process.cwd(), file.name ?? "");
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failedTests) failures.push(`${name} › ${t.fullName ?? t.title}`);
    if (file.status === "failed" && failedTests.length === 0) {
      fileErrors += 1;
      failures.push(`${name}: ${firstLine(file.message) || "failed outside its tests"}`);
    }
  }
  const failed = (report.numFailedTests ?? 0) + fileErrors;
  return {
    passed: report.numPassedTests ?? 0,
    failed,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    flaky: 0,
    broken: failed === 0 && report.success === false,
    failures,
  };
}

/** Errors outside tests (a spec that does not load, a global setup that throws) count one each. */
function readPlaywright(report) {
  const failures = [];
  const visit = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === "unexpected") failures.push([...trail, spec.title].filter(Boolean).join(" › "));
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...trail, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, [suite.title]);
  const errors = report.errors ?? [];
  for (const error of errors) failures.push(`e2e: ${firstLine(error.message) || "error outside tests"}`);
  const s = report.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + errors.length,
    skipped: s.skipped ?? 0,
    flaky: s.flaky ?? 0,
    broken: false,
    failures,
  };
}

function firstLine(text) {
  return (
    stripVTControlCharacters(String(text ?? ""))
      .trim()
      .split("\n")[0] ?? ""
  );
}

function readSteps() {
  const file = path.join(dir, "steps.tsv");
  if (!fs.existsSync(file)) return [];
  const steps = new Map();
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const [name, status, seconds] = line.split("\t");
    steps.set(name, { name, status, seconds: seconds || "" });
  }
  return [...steps.values()];
}

const totals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
const failures = [];
const results = new Map();
for (const { step, file, read } of REPORTS) {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) continue;
  let result;
  try {
    result = read(JSON.parse(fs.readFileSync(full, "utf8")));
  } catch (error) {
    result = { passed: 0, failed: 0, skipped: 0, flaky: 0, broken: true, failures: [`${file}: unreadable (${error})`] };
  }
  results.set(step, result);
  for (const key of Object.keys(totals)) totals[key] += result[key];
  failures.push(...result.failures);
}

const steps = readSteps();
const failedSteps = [];
for (const step of steps) {
  const result = results.get(step.name);
  if (step.status === "failed" && !(result && result.failed > 0)) failedSteps.push(step.name);
}
for (const [step, result] of results) {
  if (result.broken && !failedSteps.includes(step)) failedSteps.push(step);
}
const notRun = steps.filter((s) => s.status === "planned").map((s) => s.name);
// Steps left unrun with nothing failed: the run was interrupted; that is not a success either.
const interrupted = notRun.length > 0 && failedSteps.length === 0 && totals.failed === 0;

if (steps.length > 0) {
  console.log("Steps:");
  const width = Math.max(...steps.map((s) => s.name.length));
  for (const s of steps) {
    const status = s.status === "planned" ? "not run" : s.status;
    const seconds = s.seconds ? `${s.seconds}s`.padStart(8) : "".padStart(8);
    const r = results.get(s.name);
    const counts = r ? `  ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}` : "";
    console.log(`  ${s.name.padEnd(width)}  ${status.padEnd(7)} ${seconds}${counts}`.trimEnd());
  }
}
if (failures.length > 0) {
  console.log("Failed:");
  for (const f of failures.slice(0, 30)) console.log(`  ✗ ${f}`);
  if (failures.length > 30) console.log(`  … and ${failures.length - 30} more`);
}

const failed = totals.failed + failedSteps.length + (interrupted ? 1 : 0);
const notes = [];
if (failedSteps.length > 0) notes.push(`failed step${failedSteps.length > 1 ? "s" : ""}: ${failedSteps.join(", ")}`);
if (interrupted) notes.push(`interrupted, not run: ${notRun.join(", ")}`);
else if (notRun.length > 0) notes.push(`not run: ${notRun.join(", ")}`);
if (totals.flaky > 0) notes.push(`${totals.flaky} passed only on retry`);

const nothing = steps.length === 0 && results.size === 0;
if (nothing) notes.push(`no reports in ${dir}/: nothing ran`);

// The closing line is the plain `N passed, N failed[, N skipped]` alone; what it needs explaining
// goes on the line before.
if (notes.length > 0) console.log(`Note: ${notes.join("; ")}`);
console.log(`${totals.passed} passed, ${failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ""}`);
process.exitCode = failed > 0 || nothing ? 1 : 0;
