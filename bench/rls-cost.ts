// The cost of row level security in SQL: the same app calls (same WHERE, same transaction, same role)
// with the policies on and off, alternating which goes first in each round.
import type { OwnerClient } from "./database";
import { progress } from "./progress";
import { setRowSecurity } from "./rls";
import { TWELVE_MONTHS, listScenario, overviewScenario, type Scenario } from "./scenarios";
import { figure, inRounds, percentile, sampleWithin, type Figure } from "./stats";
import type { ScopedViewer } from "./viewers";

const BUDGET = { maxIterations: 150, budgetMs: 1_500, minIterations: 10, hardCapMs: 6_000 };

async function p50(scenario: Scenario): Promise<number> {
  return percentile(await sampleWithin(() => scenario.run(), BUDGET), 50);
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
  const results = await inRounds(rounds, async (round) => {
    progress(`rls (sql): round ${round + 1}/${rounds}`);
    const on: Record<string, number> = {};
    const off: Record<string, number> = {};
    const order = round % 2 === 0 ? [true, false] : [false, true];
    for (const enabled of order) {
      await setRowSecurity(owner, enabled);
      for (const item of measured) {
        // Without the policies the rows must be the same: the explicit WHERE alone scopes them.
        if (!enabled) await item.scenario.check();
        (enabled ? on : off)[item.id] = await p50(item.scenario);
      }
    }
    await setRowSecurity(owner, true);
    return Object.fromEntries(measured.map((item) => [item.id, (on[item.id] ?? NaN) / (off[item.id] ?? NaN)]));
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
