// The cost of a transaction pooler: the scoped first page of the sales list, called as the app
// calls it, directly and through a PgBouncer in transaction mode (DATABASE_POOLER=transaction:
// unnamed statements, no plan_cache_mode) started for the run, one client at a time. The figure is
// the ratio of the two medians of each round, next to both absolute latencies.
import { openDatabase, useDatabase, type DatabaseHandle } from "@/db/client";
import { hasPgBouncer, startPgBouncer } from "../tests/support/servers";
import { progress } from "./progress";
import { listScenario, type Scenario } from "./scenarios";
import type { OwnerClient } from "./database";
import { figure, inRounds, percentile, sampleWithin, type Figure } from "./stats";
import type { ScopedViewer } from "./viewers";

export async function measurePooler(
  owner: OwnerClient,
  direct: DatabaseHandle,
  url: string,
  viewers: ScopedViewer[],
  rounds: number,
): Promise<Figure[]> {
  if (!hasPgBouncer()) throw new Error("the pooler section needs PgBouncer: apt-get install -y pgbouncer");
  const target = new URL(url);
  const bouncer = await startPgBouncer({ host: target.hostname, port: Number(target.port || 5432) }, 10);
  const pooled = await openDatabase({
    url: bouncer.url(target.pathname.slice(1)),
    pooler: "transaction",
    max: 10,
  });
  try {
    const measured: { scope: string; scenario: Scenario }[] = [];
    for (const scoped of viewers)
      measured.push({ scope: scoped.scope, scenario: await listScenario(owner, scoped, 1) });
    const results = await inRounds(rounds, async (round) => {
      const values: Record<string, number> = {};
      for (const { scope, scenario } of measured) {
        progress(`pooler: listSales first page, ${scope}, round ${round + 1}/${rounds}`);
        const medians: number[] = [];
        for (const handle of [direct, pooled]) {
          useDatabase(handle);
          medians.push(percentile(await sampleWithin(() => scenario.run()), 50));
        }
        const [viaDirect = 0, viaPooler = 0] = medians;
        values[`pooler.list.${scope}.direct`] = viaDirect;
        values[`pooler.list.${scope}.pooled`] = viaPooler;
        values[`pooler.list.${scope}.ratio`] = viaPooler / viaDirect;
      }
      return values;
    });
    return measured.flatMap(({ scope }) => [
      figure({
        id: `pooler.list.${scope}.ratio`,
        section: "pooler",
        label: `listSales first page, ${scope}: through PgBouncer ÷ direct`,
        unit: "×",
        rounds: results[`pooler.list.${scope}.ratio`] ?? [],
        detail: "p50 of each, same round; PgBouncer 1.18, pool_mode = transaction",
      }),
      figure({
        id: `pooler.list.${scope}.pooled`,
        section: "pooler",
        label: `listSales first page, ${scope}: through PgBouncer, p50`,
        unit: "ms",
        rounds: results[`pooler.list.${scope}.pooled`] ?? [],
      }),
      figure({
        id: `pooler.list.${scope}.direct`,
        section: "pooler",
        label: `listSales first page, ${scope}: direct, p50`,
        unit: "ms",
        rounds: results[`pooler.list.${scope}.direct`] ?? [],
      }),
    ]);
  } finally {
    useDatabase(direct);
    await pooled.close();
    await bouncer.stop();
  }
}
