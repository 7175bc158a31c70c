// A PostgreSQL primary and a streaming replica of its own (initdb, pg_basebackup -R) on free
// ports. With DATABASE_READ_URL at the replica, the sales list and its totals, the overview and the
// export are read there, under the same row level security, while the viewer is resolved on the
// primary: with the replica held back (replay paused), a new sale is missing from the list but
// its own page finds it, and a revocation on the primary applies on the very next request.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, useDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { withViewerOnReplica } from "@/db/scoped";
import { seedDemo } from "@/db/seed";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { exportSalesCsv } from "@/lib/sales/export";
import { salesOverview } from "@/lib/sales/overview";
import { getSale, listSales } from "@/lib/sales/queries";
import { listQueryFromSearchParams } from "@/lib/sales/schemas";
import { hasPostgresBinaries, startPrimary, startReplica, type Cluster } from "../support/servers";

const DATABASE = "ledgerline";

describe.runIf(process.env.TEST_DATABASE_URL && hasPostgresBinaries())("reads on a streaming replica", () => {
  let primary: Cluster;
  let replica: Cluster;
  let app: DatabaseHandle;
  let standby: postgres.Sql;
  let ids: Map<string, string>;

  const viewer = async (username: string): Promise<Viewer | null> =>
    loadViewerById(app.db, ids.get(username) as string);
  const must = async (username: string): Promise<Viewer> => (await viewer(username)) as Viewer;
  const everything = listQueryFromSearchParams({ page_size: "200" });

  beforeAll(async () => {
    primary = await startPrimary();
    const admin = postgres(primary.url("postgres"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${DATABASE}`);
    await admin.end();
    const setup = await openDatabase({ url: primary.url(DATABASE), max: 1 });
    await migrateDatabase(setup);
    await seedDemo(setup.db);
    await setup.close();
    replica = await startReplica(primary);
    app = await openDatabase({ url: primary.url(DATABASE), readUrl: replica.url(DATABASE), max: 4 });
    useDatabase(app);
    standby = postgres(replica.url(DATABASE), { max: 1, onnotice: () => {} });
    const rows = await queryRows<{ id: string; username: string }>(app.db, sql`select id, username from users`);
    ids = new Map(rows.map((r) => [r.username, r.id]));
  }, 120_000);
  afterAll(async () => {
    await standby?.end();
    await app?.close();
    await replica?.stop();
    await primary?.stop();
  });

  it("the replica is a standby, and row level security scopes the rows read there", async () => {
    const [recovery] = await standby<{ replica: boolean }[]>`select pg_is_in_recovery() as replica`;
    expect(recovery?.replica).toBe(true);
    const alice = await must("alice");
    const [seen] = await withViewerOnReplica(alice, (tx) =>
      queryRows<{ n: number; others: number; standby: boolean }>(
        tx,
        sql`select count(*)::int as n, count(*) filter (where owner_id <> ${alice.id})::int as others,
              pg_is_in_recovery() as standby
            from sales`,
      ),
    );
    const [owned] = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from sales where owner_id = ${alice.id}`,
    );
    expect(seen).toEqual({ n: owned?.n, others: 0, standby: true });
  });

  it("with replay paused, a new sale is missing from the list, overview and export but its own page finds it", async () => {
    const alice = await must("alice");
    const carol = await must("carol");
    const before = await listSales(alice, everything);
    const overviewBefore = await salesOverview(carol, {});
    await standby`select pg_wal_replay_pause()`;
    try {
      const [created] = await queryRows<{ id: string }>(
        app.db,
        sql`insert into sales (owner_id, customer, product, region, amount, status, closed_at)
            values (${alice.id}, 'Lagging Ltd', 'CRM Pro', 'EMEA', 77, 'won', '2026-06-01') returning id`,
      );
      const id = created?.id as string;
      expect((await getSale(alice, id)).customer).toBe("Lagging Ltd");
      expect((await listSales(alice, everything)).total).toBe(before.total);
      expect((await salesOverview(carol, {})).kpis.deals).toBe(overviewBefore.kpis.deals);
      const csv = await new Response(exportSalesCsv(carol, {})).text();
      expect(csv).not.toContain("Lagging Ltd");
    } finally {
      await standby`select pg_wal_replay_resume()`;
    }
    const deadline = Date.now() + 20_000;
    while ((await listSales(alice, everything)).total === before.total && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await listSales(alice, everything)).total).toBe(before.total + 1);
  });

  it("a revocation on the primary applies on the next request even while the replica lags", async () => {
    await standby`select pg_wal_replay_pause()`;
    try {
      expect((await listSales(await must("bob"), everything)).total).toBeGreaterThan(0);
      await app.db.execute(sql`delete from user_custom_roles where user_id = ${ids.get("bob") as string}`);
      const bob = await must("bob");
      await expect(listSales(bob, everything)).rejects.toBeInstanceOf(Forbidden);
    } finally {
      await standby`select pg_wal_replay_resume()`;
    }
  });
});
