import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { withViewer } from "@/db/scoped";
import { createSale, deleteSale, updateSale } from "@/lib/sales/mutations";
import { salesOverview } from "@/lib/sales/overview";
import { listSales } from "@/lib/sales/queries";
import type { SaleFilters } from "@/lib/sales/schemas";
import { DATABASE_KINDS, demoDatabase, rejectsWithDatabaseError, type TestDatabase } from "../support/databases";
import { demoPeople, type DemoPeople, type DemoUsername, summaryDrift } from "../support/fixture";

const deal = {
  customer: "Globex",
  product: "Summary Test Product",
  region: "Summary Test Region",
  amount: "1234.56",
  status: "won" as const,
  closed_at: "2026-03-15",
};

describe.each(DATABASE_KINDS)("the sales summaries on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  const drift = () => summaryDrift(test.owner.db);

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  it("match the sales after the demo seed", async () => {
    expect(await drift()).toBe(0);
  });

  it("the recount notices each summary table that is off by one deal", async () => {
    // Some changes folded into the rollup, and one appended after: both tables hold rows.
    await test.owner.db.execute(sql`select sales_rollup_fold()`);
    const created = await createSale(people.viewer("alice"), deal);
    const keys = {
      sales_owner_totals: ["owner_id"],
      sales_monthly_by_region: ["owner_id", "month", "region"],
      sales_monthly_by_owner: ["owner_id", "month"],
      sales_monthly_rollup: ["month", "region", "product"],
      sales_rollup_changes: ["id"],
      sales_monthly_by_product: ["owner_id", "month", "product"],
    };
    for (const [table, columns] of Object.entries(keys)) {
      const [first] = await queryRows<Record<string, string>>(
        test.owner.db,
        sql.raw(`select ${columns.map((c) => `${c}::text as ${c}`).join(", ")} from ${table} limit 1`),
      );
      const where = sql.join(
        columns.map((c) => sql`${sql.raw(c)}::text = ${first![c]}`),
        sql` and `,
      );
      await test.owner.db.execute(sql`update ${sql.raw(table)} set deals = deals + 1 where ${where}`);
      expect(await drift(), table).toBe(2);
      await test.owner.db.execute(sql`update ${sql.raw(table)} set deals = deals - 1 where ${where}`);
    }
    expect(await drift()).toBe(0);
    await deleteSale(people.viewer("admin"), created.id);
    expect(await drift()).toBe(0);
  });

  it("stay exact through inserts, updates, moves to another owner and month, and deletes", async () => {
    const alice = people.viewer("alice");
    const carol = people.viewer("carol");
    const created = await createSale(alice, deal);
    expect(await drift()).toBe(0);
    await updateSale(alice, created.id, { amount: "99.99", status: "lost" });
    expect(await drift()).toBe(0);
    await updateSale(alice, created.id, { closed_at: "2025-12-01", region: "EMEA" });
    expect(await drift()).toBe(0);
    // carol manages east: she may give alice's deal to bob. Only admins delete.
    await updateSale(carol, created.id, { owner_id: people.ids.bob, status: "won" });
    expect(await drift()).toBe(0);
    await updateSale(carol, created.id, { customer: "Initech" });
    expect(await drift()).toBe(0);
    await deleteSale(people.viewer("admin"), created.id);
    expect(await drift()).toBe(0);
  });

  it("drop a month, region or product once its last sale is gone", async () => {
    const alice = people.viewer("alice");
    const created = await createSale(alice, deal);
    const cells = () =>
      queryRows<{ n: number }>(
        test.owner.db,
        sql`select (select count(*) from sales_monthly_by_region where region = ${deal.region})::int
          + (select count(*) from sales_monthly_by_product where product = ${deal.product})::int as n`,
      );
    expect((await cells())[0]?.n).toBe(2);
    await deleteSale(people.viewer("admin"), created.id);
    expect((await cells())[0]?.n).toBe(0);
  });

  it("stay exact through a multi-row statement by the owner", async () => {
    await test.owner.db.execute(sql`update sales set amount = amount + 1 where status = 'won' and region = 'APAC'`);
    await test.owner.db.execute(sql`delete from sales where id in (select id from sales order by id limit 5)`);
    expect(await drift()).toBe(0);
  });

  it("give the same totals as counting the sales", async () => {
    for (const username of ["alice", "carol", "dave"] as const) {
      const viewer = people.viewer(username);
      const [row] = await withViewer(viewer, (tx) =>
        queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sales`),
      );
      const page = await listSales(viewer, {
        filters: {},
        sort: { column: "closed_at", descending: true },
        page: 1,
        pageSize: 10,
      });
      expect(page.total).toBe(row?.n);
      expect((await salesOverview(viewer, {})).kpis.deals).toBe(row?.n);
      const inMarch = await withViewer(viewer, (tx) =>
        queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from sales where closed_at between '2026-03-10' and '2026-05-20'`,
        ),
      );
      expect((await salesOverview(viewer, { from: "2026-03-10", to: "2026-05-20" })).kpis.deals).toBe(inMarch[0]?.n);
    }
  });

  it("add up the list's totals row as summing the rows does, filter by filter", async () => {
    const erin = people.ids.erin;
    const views: SaleFilters[] = [
      {},
      { status: "won" },
      { status: "lost" },
      { status: "open" },
      { from: "2025-11-01", to: "2026-04-30" },
      { from: "2026-01-10", to: "2026-06-20", status: "open" },
      { region: "EMEA" },
      { ownerId: erin, status: "won" },
      { search: "a" },
    ];
    for (const username of ["alice", "carol", "rita", "dave"] as const) {
      const viewer = people.viewer(username);
      for (const filters of views) {
        // Summed from the rows the viewer can see, apart from the app: row level security scopes them.
        const [truth] = await withViewer(viewer, (tx) =>
          queryRows<{ n: number; amount: string }>(
            tx,
            sql`select count(*)::int as n, coalesce(sum(amount), 0)::text as amount from sales
                where (${filters.status ?? null}::text is null or status::text = ${filters.status ?? null})
                  and (${filters.from ?? null}::date is null or closed_at >= ${filters.from ?? null}::date)
                  and (${filters.to ?? null}::date is null or closed_at <= ${filters.to ?? null}::date)
                  and (${filters.region ?? null}::text is null or region = ${filters.region ?? null})
                  and (${filters.ownerId ?? null}::uuid is null or owner_id = ${filters.ownerId ?? null}::uuid)
                  and (${filters.search ?? null}::text is null or customer ilike '%' || ${filters.search ?? null} || '%')`,
          ),
        );
        const page = await listSales(viewer, {
          filters,
          sort: { column: "closed_at", descending: true },
          page: 1,
          pageSize: 5,
        });
        expect({ username, filters, total: page.total, amount: page.amount }).toEqual({
          username,
          filters,
          total: truth?.n,
          amount: Number(truth?.amount),
        });
      }
    }
  });

  it("show a viewer only their scope's rows, even without a WHERE", async () => {
    const owners = await withViewer(people.viewer("alice"), (tx) =>
      queryRows<{ owner_id: string }>(tx, sql`select distinct owner_id from sales_monthly_by_region`),
    );
    expect(owners.map((row) => row.owner_id)).toEqual([people.ids.alice]);
    const none = await withViewer(people.viewer("vera"), (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sales_owner_totals`),
    );
    expect(none[0]?.n).toBe(0);
  });

  it("keep the rollup of everyone's sales from anyone who does not see every sale", async () => {
    const cells = (username: DemoUsername) =>
      withViewer(people.viewer(username), (tx) =>
        queryRows<{ rollup: number; changes: number; owners: number }>(
          tx,
          sql`select (select count(*) from sales_monthly_rollup)::int as rollup,
                (select count(*) from sales_rollup_changes)::int as changes,
                (select count(distinct owner_id) from sales_monthly_by_owner)::int as owners`,
        ),
      );
    await test.owner.db.execute(sql`select sales_rollup_fold()`);
    await createSale(people.viewer("alice"), deal);
    const [everything] = await cells("dave");
    expect(everything?.rollup).toBeGreaterThan(0);
    expect(everything?.changes).toBeGreaterThan(0);
    expect(everything?.owners).toBeGreaterThan(1);
    for (const username of ["alice", "carol", "vera"] as const) {
      const [seen] = await cells(username);
      expect({ username, rollup: seen?.rollup, changes: seen?.changes }).toEqual({ username, rollup: 0, changes: 0 });
      expect(seen?.owners).toBe(username === "alice" ? 1 : username === "carol" ? 3 : 0);
    }
  });

  it("cannot be written by the application role", async () => {
    const dave = people.viewer("dave");
    await rejectsWithDatabaseError(
      withViewer(dave, (tx) => tx.execute(sql`update sales_owner_totals set deals = deals + 1`)),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(dave, (tx) =>
        tx.execute(sql`select sales_summary_change(${dave.id}::uuid, '2026-01-01', 'X', 'Y', 'won', 1, 1)`),
      ),
      /permission denied/,
    );
    for (const statement of [
      sql`insert into sales_rollup_changes (month, region, product, deals, won, lost, won_amount)
          values ('2026-01-01', 'X', 'Y', 1000, 1000, 0, 1000000)`,
      sql`update sales_monthly_rollup set won_amount = won_amount * 2`,
      sql`delete from sales_monthly_by_owner`,
      sql`select sales_rollup_fold()`,
    ]) {
      await rejectsWithDatabaseError(
        withViewer(dave, (tx) => tx.execute(statement)),
        /permission denied/,
      );
    }
    expect(await drift()).toBe(0);
  });
});
