// `npm run bench`: resets and seeds the bench database, measures, and writes bench/RESULTS.md.
// Flags: --skip-seed, --skip-build, --only=<sections>, --rounds=<n ≥ 3>, --force, --save-baseline,
// --report-only.
import { useDatabase } from "@/db/client";
import { measureCan } from "./can";
import { countingHandle } from "./counting";
import { assertBenchOwned, benchDatabaseUrl, ownerClient, resetAndMigrate, type OwnerClient } from "./database";
import { measureExport } from "./export";
import { countFacts } from "./facts";
import { measureHttp } from "./http";
import { measureKeyset } from "./keyset";
import { measurePages } from "./pages";
import { describeMachine } from "./machine";
import { parseOptions, type Section } from "./options";
import { POPULATION } from "./population";
import { measurePooler } from "./pooler";
import { progress } from "./progress";
import { writeReport } from "./report";
import { BASELINE_FILE, RESULTS_FILE, mergeResults, readResults, writeResults } from "./results";
import { measureReplica } from "./replica";
import { measureResolution } from "./resolve";
import { measureRlsCost } from "./rls-cost";
import { setRowSecurity } from "./rls";
import { seedBench } from "./seed";
import { measureSql } from "./sql";
import type { Figure } from "./stats";
import { scopedViewers } from "./viewers";
import { measureWhatIf } from "./what-if";

async function assertSeeded(owner: OwnerClient): Promise<void> {
  const [row] = await owner<{ sales: number }[]>`
    select case when to_regclass('public.sales') is null then 0 else (select count(*)::int from sales) end as sales`;
  if (row?.sales !== POPULATION.sales)
    throw new Error("--skip-seed: the bench database is not seeded; run without it once");
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const command = ["npm run bench", ...process.argv.slice(2)].join(" ");
  const url = benchDatabaseUrl();
  const owner = ownerClient(url);
  const handle = await countingHandle(url);
  try {
    await assertBenchOwned(owner, options.force);
    if (options.reportOnly) {
      const results = readResults(RESULTS_FILE);
      if (!results) throw new Error("--report-only: no bench/results.json yet; run the bench first");
      writeReport(results, await countFacts(owner), readResults(BASELINE_FILE), results.command ?? command);
      progress("rewrote bench/RESULTS.md");
      return;
    }
    if (options.skipSeed) await assertSeeded(owner);
    else {
      progress("reset: dropping and migrating the bench database");
      await resetAndMigrate(owner, url);
      await seedBench(owner);
    }
    // A run stopped half-way may have left the policies off.
    await setRowSecurity(owner, true);
    useDatabase(handle);
    const machine = await describeMachine(owner);
    const facts = await countFacts(owner);
    const viewers = await scopedViewers(owner, handle);
    const { rounds } = options;
    const runs: Record<Section, () => Promise<Figure[]>> = {
      resolve: () => measureResolution(handle, owner, rounds),
      can: () => measureCan(rounds),
      sql: () => measureSql(owner, handle, url, viewers, rounds),
      keyset: () => measureKeyset(owner, handle, viewers, rounds),
      pooler: () => measurePooler(owner, handle, url, viewers, rounds),
      replica: () => measureReplica(handle, rounds),
      rls: () => measureRlsCost(owner, viewers, rounds),
      export: () => measureExport(owner, handle, rounds),
      http: () => measureHttp({ owner, handle, url, viewers, rounds, skipBuild: options.skipBuild }),
      pages: () => measurePages({ owner, handle, url, viewers, rounds, skipBuild: options.skipBuild }),
      whatif: () => measureWhatIf(handle, owner, rounds),
    };
    const figures: Figure[] = [];
    for (const section of options.sections) figures.push(...(await runs[section]()));

    const results = mergeResults(readResults(RESULTS_FILE), machine, options.sections, figures, command);
    writeResults(RESULTS_FILE, results);
    if (options.saveBaseline) writeResults(BASELINE_FILE, results);
    writeReport(results, facts, readResults(BASELINE_FILE), results.command ?? command);
    progress("wrote bench/RESULTS.md");
  } finally {
    await handle.close();
    await owner.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
