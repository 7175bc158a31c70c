#!/usr/bin/env node
// The run's tally, from the runners' JSON reports in test-results/ (vitest unit and integration,
// Playwright e2e) and test-results/failed, where scripts/test.sh and .ci/run name each step that
// failed. A failed step whose report holds no failed test (type check, a build, a crash, a test
// file that does not load) counts as one failure, so the line never reads as success when
// something broke. The last line is `N passed, N failed[, N skipped]`, alone. Exits 1 on failure.
import fs from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const dir = "test-results";
const read = (file) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : null);
const firstLine = (text) =>
  stripVTControlCharacters(String(text ?? ""))
    .trim()
    .split("\n")[0];

function vitest(report) {
  const failures = [];
  for (const file of report.testResults ?? []) {
    const name = path.relative(process.cwd(), file.name ?? "");
    const failed = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failed) failures.push(`${name} › ${t.fullName ?? t.title}`);
    if (file.status === "failed" && failed.length === 0) failures.push(`${name}: ${firstLine(file.message)}`);
  }
  const passed = report.numPassedTests ?? 0;
  return { passed, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0), failures };
}

function playwright(report) {
  const failures = (report.errors ?? []).map((error) => `e2e: ${firstLine(error.message)}`);
  const visit = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      const title = [...trail, spec.title].filter(Boolean).join(" › ");
      for (const t of spec.tests ?? []) if (t.status === "unexpected") failures.push(title);
    }
    for (const child of suite.suites ?? []) visit(child, [...trail, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, [suite.title]);
  const s = report.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), skipped: s.skipped ?? 0, failures, flaky: s.flaky ?? 0 };
}

const REPORTS = { unit: vitest, integration: vitest, e2e: playwright };
const totals = { passed: 0, skipped: 0, flaky: 0 };
const failures = [];
const withFailures = new Set();
for (const [step, parse] of Object.entries(REPORTS)) {
  const text = read(`${step}.json`);
  if (text === null) continue;
  let result;
  try {
    result = parse(JSON.parse(text));
  } catch (error) {
    result = { passed: 0, skipped: 0, failures: [`${step}.json: unreadable (${error})`] };
  }
  console.log(`${step}: ${result.passed} passed, ${result.failures.length} failed`);
  totals.passed += result.passed;
  totals.skipped += result.skipped;
  totals.flaky += result.flaky ?? 0;
  failures.push(...result.failures);
  if (result.failures.length > 0) withFailures.add(step);
}
const failedSteps = (read("failed") ?? "").split("\n").filter((step) => step && !withFailures.has(step));
for (const step of failedSteps) failures.push(`step failed: ${step}`);

if (failures.length > 0) {
  console.log("Failed:");
  for (const failure of failures.slice(0, 30)) console.log(`  ✗ ${failure}`);
  if (failures.length > 30) console.log(`  … and ${failures.length - 30} more`);
}
const nothing = totals.passed === 0 && failures.length === 0;
if (nothing) console.log(`Note: no reports in ${dir}/: nothing ran`);
if (totals.flaky > 0) console.log(`Note: ${totals.flaky} passed only on retry`);
console.log(`${totals.passed} passed, ${failures.length} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exitCode = failures.length > 0 || nothing ? 1 : 0;
