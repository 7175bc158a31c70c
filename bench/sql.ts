// The scoped sales list and the overview, called as the app calls them (withViewer: one transaction
// as the application role), one client at a time: the SQL figures, round trips included, each next
// to the database floor (bench/floors.ts) measured in the same rounds.
import type postgres from "postgres";
import type { CountingHandle } from "./counting";
import { statementsOf } from "./counting";
import { roundTripsOf } from "./round-trips";
import type { OwnerClient } from "./database";
import { databaseFloorScenario, floorClient } from "./floors";
import { progress } from "./progress";
import {
  ALL_TIME,
  PAGE_SIZE,
  TWELVE_MONTHS,
  apiListScenario,
  listScenario,
  overviewScenario,
  type Scenario,
} from "./scenarios";
import { figure, inRounds, percentile, sampleWithin, type Figure, type Target } from "./stats";
import { expectedCount, type ScopedViewer } from "./viewers";

interface Measured {
  id: string;
  label: string;
  target?: Target;
  scenario: Scenario;
  /** The id of the floor this call is compared with. */
  floor?: string;
  /** Whether the app's statements through the counting handle are worth reporting. */
  counted: boolean;
}

const LIST_TARGET: Target = { op: "<=", value: 3 };
const OVERVIEW_TARGET: Target = { op: "<=", value: 10 };

const floorOf = (scope: string) => `sql.floor.list.${scope}`;

async function scenarios(owner: OwnerClient, floor: postgres.Sql, viewers: ScopedViewer[]): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const scoped of viewers) {
    measured.push({
      id: floorOf(scoped.scope),
      label: `database floor: the first page's 50-row read, bare postgres.js, ${scoped.scope}`,
      scenario: await databaseFloorScenario(floor, owner, scoped),
      counted: false,
    });
    measured.push({
      id: `sql.list.${scoped.scope}`,
      label: `listSales first page, ${scoped.scope}`,
      target: LIST_TARGET,
      scenario: await listScenario(owner, scoped, 1),
      floor: floorOf(scoped.scope),
      counted: true,
    });
  }
  const busiest = viewers.find((v) => v.scope === "own");
  if (busiest) {
    measured.push({
      id: "sql.api.list.own",
      label: "GET /api/v1/sales in process (token lookup, viewer, first page), own",
      scenario: await apiListScenario(owner, busiest),
      floor: floorOf("own"),
      counted: true,
    });
    const lastPage = Math.ceil((await expectedCount(owner, busiest.owners)) / PAGE_SIZE);
    for (const page of [100, lastPage]) {
      measured.push({
        id: page === lastPage ? "sql.deep.last" : `sql.deep.${page}`,
        label: `listSales page ${page} of ${lastPage} (OFFSET ${(page - 1) * PAGE_SIZE}), busiest rep`,
        target: LIST_TARGET,
        scenario: await listScenario(owner, busiest, page),
        floor: floorOf("own"),
        counted: true,
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
        counted: true,
      });
    }
  }
  return measured;
}

export async function measureSql(
  owner: OwnerClient,
  handle: CountingHandle,
  url: string,
  viewers: ScopedViewer[],
  rounds: number,
): Promise<Figure[]> {
  const floor = floorClient(url);
  try {
    return await measureWith(owner, handle, url, floor, viewers, rounds);
  } finally {
    await floor.end({ timeout: 5 });
  }
}

async function measureWith(
  owner: OwnerClient,
  handle: CountingHandle,
  url: string,
  floor: postgres.Sql,
  viewers: ScopedViewer[],
  rounds: number,
): Promise<Figure[]> {
  const measured = await scenarios(owner, floor, viewers);
  const details = new Map<string, string>();
  for (const item of measured) {
    const checked = await item.scenario.check();
    const trips = item.counted
      ? `; ${await statementsOf(handle, () => item.scenario.run())} statements in ` +
        `${await roundTripsOf(url, handle, () => item.scenario.run())} round trips`
      : "";
    details.set(item.id, `${checked}${trips}`);
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
      detail: details.get(item.id),
      floor: item.floor && `${item.floor}.p95`,
    }),
    figure({
      id: `${item.id}.p50`,
      section: "sql",
      label: `${item.label}: p50`,
      unit: "ms",
      rounds: results[`${item.id}.p50`] ?? [],
      floor: item.floor && `${item.floor}.p50`,
    }),
  ]);
}
