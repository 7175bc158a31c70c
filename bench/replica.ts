// Reads from a streaming replica against the same reads on the primary. The section starts a
// PostgreSQL primary of its own in a temporary folder (the machine's server need not allow
// replication connections), seeds it with the bench population, takes a streaming replica of it
// (pg_basebackup -R), and times the scoped first page of the sales list and the overview with the
// app's handle opened twice: on the primary alone, and with DATABASE_READ_URL at the replica. Each
// call is first checked against the owner's count on the primary, so the replica's row level
// security is seen to scope the same rows. Then the lag: how long a sale committed on the primary
// takes to become visible on the replica.
import postgres from "postgres";
import { openDatabase, useDatabase, type DatabaseHandle } from "@/db/client";
import { hasPostgresBinaries, startPrimary, startReplica, type Cluster } from "../tests/support/servers";
import { ownerClient, resetAndMigrate, type OwnerClient } from "./database";
import { progress } from "./progress";
import { listScenario, overviewScenario, TWELVE_MONTHS, type Scenario } from "./scenarios";
import { seedBench } from "./seed";
import { figure, inRounds, percentile, sampleLatencies, sampleWithin, type Figure } from "./stats";
import { scopedViewers } from "./viewers";

const DATABASE = "ledgerline_bench";
const LAG_SAMPLES = 50;

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp(primary: OwnerClient, replica: OwnerClient, timeoutMs = 120_000): Promise<void> {
  const [{ lsn } = { lsn: "" }] = await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await replica<{ done: boolean }[]>`
      select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as done`;
    if (row?.done) return;
    if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${lsn} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Milliseconds from a sale's commit on the primary until the replica returns it. */
async function lagOnce(primary: OwnerClient, replica: OwnerClient): Promise<number> {
  const [row] = await primary<{ id: string }[]>`
    insert into sales (owner_id, customer, product, region, amount, status, closed_at)
    select id, 'Replica lag probe', 'Probe', 'EMEA', 1, 'open', now() from users order by username limit 1
    returning id`;
  const committed = performance.now();
  for (;;) {
    const [seen] = await replica`select 1 from sales where id = ${row!.id}`;
    if (seen) return performance.now() - committed;
    if (performance.now() - committed > 10_000) throw new Error("a committed sale did not reach the replica in 10 s");
  }
}

interface Measured {
  key: string;
  label: string;
  scenario: Scenario;
}

export async function measureReplica(main: DatabaseHandle, rounds: number): Promise<Figure[]> {
  if (!hasPostgresBinaries()) throw new Error("the replica section needs PostgreSQL's initdb and pg_basebackup");
  progress("replica: starting a primary of its own and seeding it");
  const primary = await startPrimary();
  let replica: Cluster | undefined;
  const opened: { close(): Promise<unknown> }[] = [];
  try {
    const admin = postgres(primary.url("postgres"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${DATABASE}`);
    await admin.end();
    const owner = ownerClient(primary.url(DATABASE));
    opened.push({ close: () => owner.end({ timeout: 5 }) });
    await resetAndMigrate(owner, primary.url(DATABASE));
    await seedBench(owner);
    progress("replica: pg_basebackup -R and streaming");
    replica = await startReplica(primary);
    const replicaOwner = ownerClient(replica.url(DATABASE));
    opened.push({ close: () => replicaOwner.end({ timeout: 5 }) });
    await caughtUp(owner, replicaOwner);

    const direct: DatabaseHandle = await openDatabase({ url: primary.url(DATABASE), max: 10 });
    opened.push(direct);
    const routed: DatabaseHandle = await openDatabase({
      url: primary.url(DATABASE),
      readUrl: replica.url(DATABASE),
      max: 10,
    });
    opened.push(routed);
    useDatabase(direct);
    const viewers = await scopedViewers(owner, direct);
    const measured: Measured[] = [];
    for (const scoped of viewers) {
      measured.push({
        key: `list.${scoped.scope}`,
        label: `listSales first page, ${scoped.scope}`,
        scenario: await listScenario(owner, scoped, 1),
      });
      measured.push({
        key: `overview.${scoped.scope}`,
        label: `overview, last 12 months, ${scoped.scope}`,
        scenario: await overviewScenario(owner, scoped, TWELVE_MONTHS),
      });
    }
    for (const handle of [direct, routed]) {
      useDatabase(handle);
      for (const { scenario } of measured) await scenario.check();
    }

    const results = await inRounds(rounds, async (round) => {
      const values: Record<string, number> = {};
      for (const { key, label, scenario } of measured) {
        progress(`replica: ${label}, round ${round + 1}/${rounds}`);
        const medians: number[] = [];
        for (const handle of [direct, routed]) {
          useDatabase(handle);
          medians.push(percentile(await sampleWithin(() => scenario.run()), 50));
        }
        const [onPrimary = 0, onReplica = 0] = medians;
        values[`replica.${key}.primary`] = onPrimary;
        values[`replica.${key}.replica`] = onReplica;
        values[`replica.${key}.ratio`] = onReplica / onPrimary;
      }
      progress(`replica: lag, round ${round + 1}/${rounds}`);
      const lags = await sampleLatencies(() => lagOnce(owner, replicaOwner), LAG_SAMPLES, 5);
      values["replica.lag.p50"] = percentile(lags, 50);
      values["replica.lag.p95"] = percentile(lags, 95);
      return values;
    });

    return [
      ...measured.flatMap(({ key, label }) => [
        figure({
          id: `replica.${key}.ratio`,
          section: "replica",
          label: `${label}: from the replica ÷ from the primary`,
          unit: "×",
          rounds: results[`replica.${key}.ratio`] ?? [],
          detail: "p50 of each, same round; DATABASE_READ_URL at a streaming replica on the same machine",
        }),
        figure({
          id: `replica.${key}.replica`,
          section: "replica",
          label: `${label}: from the replica, p50`,
          unit: "ms",
          rounds: results[`replica.${key}.replica`] ?? [],
        }),
        figure({
          id: `replica.${key}.primary`,
          section: "replica",
          label: `${label}: from the primary, p50`,
          unit: "ms",
          rounds: results[`replica.${key}.primary`] ?? [],
        }),
      ]),
      figure({
        id: "replica.lag.p50",
        section: "replica",
        label: "a committed sale visible on the replica, p50",
        unit: "ms",
        rounds: results["replica.lag.p50"] ?? [],
        detail: `${LAG_SAMPLES} single-row inserts per round, each polled on the replica until it is there`,
      }),
      figure({
        id: "replica.lag.p95",
        section: "replica",
        label: "a committed sale visible on the replica, p95",
        unit: "ms",
        rounds: results["replica.lag.p95"] ?? [],
      }),
    ];
  } finally {
    useDatabase(main);
    for (const handle of opened.reverse()) await handle.close().catch(() => undefined);
    await replica?.stop();
    await primary.stop();
  }
}
