// The scoped sales list and the overview, called as the app calls them (withViewer: one transaction
// as the application role), one client at a time: the SQL figures, round trips included.
import type { CountingHandle } from "./counting";
import { statementsOf } from "./counting";
import type { OwnerClient } from "./database";
import { progress } from "./progress";
import { ALL_TIME, PAGE_SIZE, TWELVE_MONTHS, listScenario, overviewScenario, type Scenario } from "./scenarios";
import { figure, inRounds, percentile, sampleWithin, type Figure, type Target } from "./stats";
import { expectedCount, type ScopedViewer } from "./viewers";

interface Measured {
  id: string;
  label: string;
  target: Target;
  scenario: Scenario;
}

const LIST_TARGET: Target = { op: "<=", value: 3 };
const OVERVIEW_TARGET: Target = { op: "<=", value: 10 };

async function scenarios(owner: OwnerClient, viewers: ScopedViewer[]): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const scoped of viewers) {
    measured.push({
      id: `sql.list.${scoped.scope}`,
      label: `listSales first page, ${scoped.scope}`,
      target: LIST_TARGET,
      scenario: await listScenario(owner, scoped, 1),
    });
  }
  const busiest = viewers.find((v) => v.scope === "own");
  if (busiest) {
    const lastPage = Math.ceil((await expectedCount(owner, busiest.owners)) / PAGE_SIZE);
    for (const page of [100, lastPage]) {
      measured.push({
        id: page === lastPage ? "sql.deep.last" : `sql.deep.${page}`,
        label: `listSales page ${page} of ${lastPage} (OFFSET ${(page - 1) * PAGE_SIZE}), busiest rep`,
        target: LIST_TARGET,
        scenario: await listScenario(owner, busiest, page),
      });
    }
  }
  for (const [name, range] of [
    ["12 months", TWELVE_MONTHS],
    ["all time", ALL_TIME],
  ] as const) {
    for (const scoped of viewers) {
      measured.push({
        id: `sql.overview.${name === "all time" ? "alltime" : "12m"}.${scoped.scope}`,
        label: `salesOverview ${name}, ${scoped.scope}`,
        target: OVERVIEW_TARGET,
        scenario: await overviewScenario(owner, scoped, range),
      });
    }
  }
  return measured;
}

export async function measureSql(
  owner: OwnerClient,
  handle: CountingHandle,
  viewers: ScopedViewer[],
  rounds: number,
): Promise<Figure[]> {
  const measured = await scenarios(owner, viewers);
  const details = new Map<string, string>();
  const trips = new Map<string, number>();
  for (const item of measured) {
    details.set(item.id, await item.scenario.check());
    trips.set(item.id, await statementsOf(handle, () => item.scenario.run()));
  }
  const results = await inRounds(rounds, async (round) => {
    const values: Record<string, number> = {};
    for (const item of measured) {
      progress(`sql: ${item.label}, round ${round + 1}/${rounds}`);
      const samples = await sampleWithin(() => item.scenario.run());
      values[`${item.id}.p50`] = percentile(samples, 50);
      values[`${item.id}.p95`] = percentile(samples, 95);
    }
    return values;
  });
  return measured.flatMap((item) => [
    figure({
      id: `${item.id}.p95`,
      section: "sql",
      label: `${item.label}: p95`,
      unit: "ms",
      rounds: results[`${item.id}.p95`] ?? [],
      target: item.target,
      detail: `${details.get(item.id)}; ${trips.get(item.id)} statements`,
    }),
    figure({
      id: `${item.id}.p50`,
      section: "sql",
      label: `${item.label}: p50`,
      unit: "ms",
      rounds: results[`${item.id}.p50`] ?? [],
    }),
  ]);
}
