// The cost of row level security in SQL: the same app calls (same WHERE, same transaction, same role)
// with the policies on and off, in alternating short blocks.
import type { OwnerClient } from "./database";
import { progress } from "./progress";
import { setRowSecurity, withoutRowSecurity } from "./rls";
import { TWELVE_MONTHS, listScenario, overviewScenario, type Scenario } from "./scenarios";
import { figure, inRounds, percentile, type Figure } from "./stats";
import type { ScopedViewer } from "./viewers";

/** Calls per block, and blocks per state: on and off alternate in short blocks, so drift in the
 * machine's load (it is shared) falls on both alike instead of on whichever ran second. */
const BLOCK_CALLS = 15;
const BLOCKS = 6;

async function timedBlock(scenario: Scenario, into: number[]): Promise<void> {
  // Switching row security invalidates the prepared plans: the first call after it plans again.
  await scenario.run();
  for (let i = 0; i < BLOCK_CALLS; i++) {
    const started = performance.now();
    await scenario.run();
    into.push(performance.now() - started);
  }
}

export async function measureRlsCost(owner: OwnerClient, viewers: ScopedViewer[], rounds: number): Promise<Figure[]> {
  const measured: { id: string; label: string; scenario: Scenario }[] = [];
  for (const scoped of viewers) {
    measured.push(
      {
        id: `rls.sql.list.${scoped.scope}`,
        label: `listSales first page, ${scoped.scope}`,
        scenario: await listScenario(owner, scoped, 1),
      },
      {
        id: `rls.sql.overview.${scoped.scope}`,
        label: `salesOverview 12 months, ${scoped.scope}`,
        scenario: await overviewScenario(owner, scoped, TWELVE_MONTHS),
      },
    );
  }
  // Without the policies the rows must be the same: the explicit WHERE alone scopes them.
  await withoutRowSecurity(owner, async () => {
    for (const item of measured) await item.scenario.check();
  });
  const results = await inRounds(rounds, async (round) => {
    progress(`rls (sql): round ${round + 1}/${rounds}`);
    const ratios: Record<string, number> = {};
    try {
      for (const item of measured) {
        const on: number[] = [];
        const off: number[] = [];
        for (let block = 0; block < 2 * BLOCKS; block++) {
          const enabled = (block + round) % 2 === 0;
          await setRowSecurity(owner, enabled);
          await timedBlock(item.scenario, enabled ? on : off);
        }
        ratios[item.id] = percentile(on, 50) / percentile(off, 50);
      }
    } finally {
      await setRowSecurity(owner, true);
    }
    return ratios;
  });
  return measured.map((item) =>
    figure({
      id: item.id,
      section: "rls",
      label: `row security cost, ${item.label}: p50 with ÷ without policies`,
      unit: "×",
      rounds: results[item.id] ?? [],
      target: { op: "<=", value: 1.1 },
    }),
  );
}
